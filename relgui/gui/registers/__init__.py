"""Side registers: change requests, the definitive software library, configuration items."""
