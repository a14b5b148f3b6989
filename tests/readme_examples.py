"""The example output of the README and docs/, made by the real tool so it can never go stale.

Each generated block in README.md and docs/*.md (:func:`pages`) follows a marker naming the
command that makes it:

    <!-- generated: gtm-pulse compare --period 2026-05 -->
    ```text
    ...what that command prints...
    ```

A marker may end in ``| from "A" to "B"``: the lines from the first one holding A up to (not
including) the first later one holding B, for an excerpt of a long report. Every command runs
on the demo's database, built with its default seed on the README's fixed day (:data:`DAY`).

    python -m tests.readme_examples          # rewrite the blocks in README.md and docs/*.md
    python -m tests.readme_examples --check  # exit 1 if a block differs (the test does this)
"""

from __future__ import annotations

import os
import re
import shlex
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def pages() -> list[Path]:
    """The pages whose generated blocks are made here: README.md, then every docs/*.md."""
    return [README, *sorted((ROOT / "docs").glob("*.md"))]


#: The day the README's examples are made on: the demo's twelve months end in it.
DAY = "2026-11-15"

_MARKER = re.compile(
    r"^<!-- generated: gtm-pulse (?P<args>.+?)(?: \| from \"(?P<start>[^\"]+)\" to "
    r"\"(?P<end>[^\"]+)\")? -->\n```(?P<lang>\w*)\n(?P<body>.*?)^```$",
    re.M | re.S,
)


def regenerate(text: str, run: Callable[[list[str]], str]) -> str:
    """``text`` with every generated block made anew by ``run`` (arguments -> output)."""

    def block(match: re.Match[str]) -> str:
        output = run(shlex.split(match["args"]))
        if match["start"]:
            output = _excerpt(output, match["start"], match["end"])
        head = match.group(0).split("\n", 1)[0]
        return f"{head}\n```{match['lang']}\n{output.rstrip()}\n```"

    return _MARKER.sub(block, text)


def _excerpt(output: str, start: str, end: str) -> str:
    lines = output.splitlines()
    first = next(n for n, line in enumerate(lines) if start in line)
    last = next((n for n in range(first + 1, len(lines)) if end in lines[n]), len(lines))
    return "\n".join(lines[first:last]).rstrip() + "\n"


def demo_runner(folder: Path) -> Callable[[list[str]], str]:
    """A runner of ``gtm-pulse ARGS`` on a demo database made in ``folder``, on :data:`DAY`."""
    from click.testing import CliRunner

    from gtm_pulse.cli import cli

    db = folder / "demo.json"
    env = {"GTM_PULSE_TODAY": DAY, "GTM_PULSE_DB": str(db), "NO_COLOR": "1", "COLUMNS": "80"}
    runner = CliRunner()
    made = runner.invoke(cli, ["demo", "--db", str(db)], env=env)
    assert made.exit_code == 0, made.output

    def run(args: list[str]) -> str:
        result = runner.invoke(cli, args, env=env)
        if result.exit_code not in (0, 1):
            raise RuntimeError(f"gtm-pulse {shlex.join(args)} failed: {result.output}")
        return result.output

    return run


def stale_pages(run: Callable[[list[str]], str]) -> dict[Path, str]:
    """Each page (see :func:`pages`) whose generated blocks differ, with its text made anew."""
    found = {}
    for page in pages():
        text = page.read_text()
        made = regenerate(text, run)
        if made != text:
            found[page] = made
    return found


def main(argv: list[str]) -> int:
    check = "--check" in argv
    os.environ.setdefault("XDG_CACHE_HOME", tempfile.mkdtemp())
    with tempfile.TemporaryDirectory() as folder:
        stale = stale_pages(demo_runner(Path(folder)))
    if not stale:
        return 0
    names = ", ".join(str(page.relative_to(ROOT)) for page in stale)
    if check:
        print(f"examples are stale in {names}: run 'python -m tests.readme_examples'")
        return 1
    for page, made in stale.items():
        page.write_text(made)
    print(f"rewrote the examples in {names}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
