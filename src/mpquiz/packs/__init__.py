"""The on-disk pack format: TOML files validated with pydantic, turned into core models."""
