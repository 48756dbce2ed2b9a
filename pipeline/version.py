"""The package's version and the output contract's version (the bottom layer: imports nothing)."""

__version__ = "0.1.0"
CONTRACT_VERSION = "1.0"
