"""Bundled claim files, shipped inside the package (``default.toml`` is the suite)."""
