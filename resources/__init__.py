"""Policy profile files (TOML), read through importlib.resources."""
