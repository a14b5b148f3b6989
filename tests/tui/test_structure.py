"""The TUI's shape, checked on its import graph (grimp, as import-linter reads it).

Screens never import each other in a circle: each posts a message or returns a result, and the
app is the one router (issue 16). ``TYPE_CHECKING`` imports count too: a cycle kept only for
the type checker still ties the modules together for a reader.
"""

from __future__ import annotations

import grimp
import pytest

TUI = "gtm_pulse.tui"


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("gtm_pulse", cache_dir=None)


def cycles(graph: grimp.ImportGraph, modules: set[str]) -> list[list[str]]:
    """The import cycles among ``modules``: each strongly connected group of two or more
    (Tarjan's algorithm), or a module importing itself."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module) & modules):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1 or module in graph.find_modules_directly_imported_by(module):
                found.append(sorted(group))

    for module in sorted(modules):
        if module not in index:
            visit(module)
    return found


def test_no_tui_module_is_part_of_an_import_cycle(graph: grimp.ImportGraph) -> None:
    modules = {TUI} | graph.find_descendants(TUI)
    assert cycles(graph, modules) == []


def test_no_tui_package_is_part_of_an_import_cycle_with_its_siblings(
    graph: grimp.ImportGraph,
) -> None:
    # A package counts with everything in it: screens/ and app.py, dashboard/ and widgets/.
    packages = [TUI, *(m for m in graph.find_descendants(TUI) if graph.find_children(m))]
    assert {package: graph.nominate_cycle_breakers(package) for package in packages} == {
        package: set() for package in packages
    }


def test_no_screen_imports_another_screen(graph: grimp.ImportGraph) -> None:
    screens = graph.find_children(f"{TUI}.screens")
    # The one exception: a dialog that returns a typed result to the screen that opens it
    # (the confirmation of a submission, the review a VP jumps back from).
    dialogs = {f"{TUI}.screens.choice", f"{TUI}.screens.review"}
    assert {
        (screen, imported)
        for screen in screens
        for imported in graph.find_modules_directly_imported_by(screen) & screens
        if imported not in dialogs
    } == set()


def test_only_the_gate_shows_user_text(graph: grimp.ImportGraph) -> None:
    # User text reaches Textual through gtm_pulse.tui.literal only: the one place that makes
    # control characters visible and keeps markup from being parsed.
    importers = graph.find_modules_that_directly_import("gtm_pulse.core.safe_text")
    assert {m for m in importers if m.startswith(f"{TUI}.")} == {f"{TUI}.literal"}
