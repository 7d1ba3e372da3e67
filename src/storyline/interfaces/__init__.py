"""interfaces: skins over the Python API (CLI now; REST and web UI later)."""
