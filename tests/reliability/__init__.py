"""Reliability: crashes, concurrency, damaged files, full disks; see docs/reliability.md."""
