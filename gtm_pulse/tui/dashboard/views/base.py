"""What every dashboard view is: a tab redrawn from the board, holding no state of its own."""

from __future__ import annotations

from typing import ClassVar

from textual.containers import Vertical
from textual.widgets import DataTable

from gtm_pulse.services.board import Board


class View(Vertical):
    """One tab of the dashboard."""

    name: ClassVar[str]
    title: ClassVar[str]

    def show(self, board: Board) -> None:
        """Draw ``board``'s current review."""
        raise NotImplementedError


def headings(table: DataTable, *labels: str) -> None:
    """Give ``table`` its columns on the first draw: they name the board's pair of roles."""
    if not table.columns:
        table.add_columns(*labels)
