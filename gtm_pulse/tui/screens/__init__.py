"""The screens of the pulse TUI, one module each."""
