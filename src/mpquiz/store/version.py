"""The schema version this mpquiz writes (kept apart so a first look need not load SQL)."""

SCHEMA_VERSION = 8
"""Bump with a new step in store/migrations.py."""
