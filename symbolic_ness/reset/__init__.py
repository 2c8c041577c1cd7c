"""Paper-specific models (see the modules in this package)."""
