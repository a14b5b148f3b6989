"""The Textual TUI where each VP takes the pulse. Only TUI commands import this package."""
