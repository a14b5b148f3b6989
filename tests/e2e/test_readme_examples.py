"""The README's and docs/' example output is what the real tool prints (see
tests/readme_examples.py), and every relative link in them leads somewhere."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.readme_examples import README, ROOT, demo_runner, pages, regenerate

#: Every page a newcomer reads: the README, CONTRIBUTING.md and docs/*.md.
LINKED = [*pages(), ROOT / "CONTRIBUTING.md"]

_FENCE = re.compile(r"^```.*?^```$", re.M | re.S)
_CODE = re.compile(r"`[^`\n]*`")
_LINK = re.compile(r"\]\(([^)\s]+)\)")
_HEADING = re.compile(r"^#{1,6} (.+)$", re.M)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Callable[[list[str]], str]:
    return demo_runner(tmp_path_factory.mktemp("demo"))


def name(page: Path) -> str:
    return str(page.relative_to(ROOT))


@pytest.mark.parametrize("page", pages(), ids=name)
def test_every_generated_block_is_what_the_tool_prints_today(
    page: Path, run: Callable[[list[str]], str]
):
    text = page.read_text()
    made = regenerate(text, run)
    assert made == text, f"{name(page)} examples are stale: run 'python -m tests.readme_examples'"


def test_the_readme_and_the_docs_have_generated_examples():
    assert "<!-- generated: gtm-pulse compare -->" in README.read_text()
    assert sum(page.read_text().count("<!-- generated: gtm-pulse ") for page in pages()) >= 4
    assert len(pages()) > 1, "the reference lives in docs/*.md"


def test_a_stale_block_is_found(run: Callable[[list[str]], str]):
    stale = "<!-- generated: gtm-pulse surveys list -->\n```text\nold words\n```\n"
    made = regenerate(stale, run)
    assert "old words" not in made and "monthly-pulse" in made


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"[`*_]|\[([^\]]*)\]\([^)]*\)", r"\1", heading.strip()).lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(page: Path) -> set[str]:
    return {slug(h) for h in _HEADING.findall(_FENCE.sub("", page.read_text()))}


def links(page: Path) -> list[str]:
    """The targets of the page's Markdown links and images, outside code."""
    prose = _CODE.sub("", _FENCE.sub("", page.read_text()))
    return _LINK.findall(prose)


def broken_links(page: Path) -> list[str]:
    """Each relative link of ``page`` to a file that does not exist, or to a missing heading."""
    broken = []
    for target in links(page):
        if re.match(r"[a-z][a-z0-9+.-]*:", target):  # https:, mailto: ...: not checked here
            continue
        path, _, anchor = target.partition("#")
        linked = (page.parent / unquote(path)).resolve() if path else page
        if not linked.exists():
            broken.append(f"{target}: no such file")
        elif anchor and linked.suffix == ".md" and anchor not in anchors(linked):
            broken.append(f"{target}: no heading #{anchor} in {linked.name}")
    return broken


@pytest.mark.parametrize("page", LINKED, ids=name)
def test_every_relative_link_leads_somewhere(page: Path):
    assert links(page), f"{name(page)} links nowhere"
    assert broken_links(page) == []


def test_a_broken_link_is_found(tmp_path: Path):
    (tmp_path / "there.md").write_text("# Is here\n\n## A heading, with `code`\n")
    page = tmp_path / "page.md"
    page.write_text(
        "[ok](there.md) [ok](there.md#a-heading-with-code) [ok](#top) ![ok](there.md)\n"
        "[gone](missing.md) [gone](there.md#nowhere) [web](https://example.com/x.md)\n"
        "`[not a link](in-code.md)`\n\n```text\n[not a link](in-a-block.md)\n```\n\n# Top\n"
    )
    assert broken_links(page) == [
        "missing.md: no such file",
        "there.md#nowhere: no heading #nowhere in there.md",
    ]
