"""Reusable widgets of the pulse TUI."""
