"""The key bar: one line at the bottom of each screen naming the keys that work there."""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

_PALETTE_GAP = "▏"


class _Key(NamedTuple):
    key: str
    display: str
    description: str
    enabled: bool


class KeyBar(Widget, can_focus=False):
    """The screen's shown bindings, ``q Quit  n Next ... ▏^p palette``, as the Footer shows them.

    The Footer builds a widget per key and recomposes once the screen's bindings settle: a second
    compose and layout pass that cost about 40 ms of the ~270 ms before the home screen took its
    first key. This bar is one widget that repaints when the bindings change. Clicking a key
    presses it, as in the Footer; a disabled key shows dim and rings the bell. Unlike the
    Footer it has no hover highlight or tooltips, does not scroll sideways (keys that do not fit
    are cut, the palette key first) and does not gather ``Binding.Group``s: the pulse's screens
    need none of these, and each fits its keys in 80 columns. An app using it names it in
    ``ALLOW_IN_MAXIMIZED_VIEW``, so it stays on screen when a widget is maximised.
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"keybar--key", "keybar--description", "keybar--gap"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        text-wrap: nowrap;
        text-overflow: clip;
        color: $footer-foreground;
        background: $footer-background;
        .keybar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .keybar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .keybar--gap {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._keys: list[_Key] = []
        self._palette: _Key | None = None
        self._spans: list[tuple[int, int, _Key]] = []
        """Where each key was drawn last, ``(start, end, key)`` in cells, for clicks."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        """Keep the first shown binding of each action (the Footer's rule), then the palette key."""
        shown: dict[str, _Key] = {}
        palette = None
        for key, (_node, binding, enabled, _tooltip) in screen.active_bindings.items():
            display = self.app.get_key_display(binding)
            entry = _Key(binding.key, display, binding.description, enabled)
            if key == self.app.COMMAND_PALETTE_BINDING and self.app.ENABLE_COMMAND_PALETTE:
                palette = entry
            elif binding.show:
                shown.setdefault(binding.action, entry)
        keys = list(shown.values())
        if keys != self._keys or palette != self._palette:
            self._keys, self._palette = keys, palette
            self.refresh()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("keybar--key")
        text_style = self.get_component_rich_style("keybar--description")
        dim = Style(dim=True)
        line = Text(no_wrap=True, overflow="crop")
        self._spans = []
        for entry in self._keys:
            start = line.cell_len
            extra = Style() if entry.enabled else dim
            line.append(f" {entry.display} ", key_style + extra)
            line.append(f"{entry.description} ", text_style + extra)
            self._spans.append((start, line.cell_len, entry))
        if self._palette is not None:
            tail = f"{_PALETTE_GAP}{self._palette.display} {self._palette.description} "
            room = self.size.width - line.cell_len - cell_len(tail)
            if room >= 1:
                line.append(" " * room)
                start = line.cell_len
                line.append(_PALETTE_GAP, self.get_component_rich_style("keybar--gap"))
                line.append(self._palette.display, key_style)
                line.append(" ")
                line.append(f"{self._palette.description} ", text_style)
                self._spans.append((start, line.cell_len, self._palette))
        return line

    def on_mouse_down(self, event: events.MouseDown) -> None:
        for start, end, entry in self._spans:
            if start <= event.x < end:
                if entry.enabled:
                    self.app.simulate_key(entry.key)
                else:
                    self.app.bell()
                return
