"""Hostile demo: allocates memory without end, 64 MiB at a time."""

held = []
while True:
    held.append(bytearray(64 << 20))
    print(f"holding {64 * len(held)} MiB", flush=True)
