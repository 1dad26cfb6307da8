"""Command-line entry points behind ``scripts/``."""
