"""Prints its working folder and litters it, including a read-only folder."""

import os
import tempfile

print(f"cwd {os.getcwd()}")
with open("left-behind.txt", "w") as handle:
    handle.write("litter")
os.makedirs("locked/inner")
with open("locked/inner/file.txt", "w") as handle:
    handle.write("more litter")
os.chmod("locked/inner", 0o500)
os.chmod("locked", 0o000)
print(f"temp {tempfile.mkstemp()[1]}")
