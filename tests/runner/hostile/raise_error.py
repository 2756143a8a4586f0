"""Hostile demo: fails with an exception."""

print("about to fail", flush=True)
raise RuntimeError("boom from the demo")
