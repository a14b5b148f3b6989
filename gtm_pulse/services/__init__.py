"""What a command or a screen does over a snapshot: pick a comparison, take a survey, status.

Textual-free and click-free, so each flow is testable as plain Python; the CLI and the TUI
are wiring around these.
"""
