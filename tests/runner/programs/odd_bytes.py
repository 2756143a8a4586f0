"""Writes non-ASCII text, invalid UTF-8, a CRLF line and a last line without a newline."""

import sys

print("héllo wörld ✓")
sys.stdout.flush()
sys.stdout.buffer.write(b"bad \xff\xfe bytes\n")
sys.stdout.buffer.write(b"windows line\r\n")
sys.stdout.buffer.write(b"no newline at the end")
