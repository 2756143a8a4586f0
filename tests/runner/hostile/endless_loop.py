"""Hostile demo: spins on the CPU forever."""

print("spinning", flush=True)
while True:
    pass
