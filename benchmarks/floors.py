"""Item 1's floors: the third-party libraries a printing command imports, found by running it.

A command's floor is ``python -c "import <those libraries>"``: the cost no command that uses
them can go under. A floor importing more than its command (pydantic, where compare imports
none) flatters the ratio, so :data:`benchmarks.run.FLOORS` lists each command's libraries and
``tests/e2e/test_benchmark_floors.py`` checks that list against :func:`third_party_imports`,
a real ``python -X importtime -m gtm_pulse ...`` run on the benchmark's database.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections.abc import Mapping, Sequence


def imported_top_level(python_args: Sequence[str], env: Mapping[str, str]) -> set[str]:
    """The top-level names ``python -X importtime PYTHON_ARGS`` imported (any exit code)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *python_args],
        env=dict(env),
        capture_output=True,
        text=True,
    )
    names = set()
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            name = line.rsplit("|", 1)[1].strip()
            if name != "package":  # the header: "self [us] | cumulative | imported package"
                names.add(name.split(".")[0])
    return names


def third_party_imports(cli_args: Sequence[str], env: Mapping[str, str]) -> set[str]:
    """The third-party packages ``gtm-pulse CLI_ARGS`` imports: neither the standard library,
    nor gtm_pulse, nor what any ``python`` imports at start (site's ``.pth`` hooks), nor a
    name only tried (``copy`` tries ``org.python.core``; importtime lists the attempt).

    Run warm, as the benchmark times it: once before, so the survey files are validated into
    the user's cache (a first run validates them with pydantic) and the byte code is written.
    """
    command = ["-m", "gtm_pulse", *cli_args]
    subprocess.run([sys.executable, *command], env=dict(env), capture_output=True)
    bare = imported_top_level(["-c", "pass"], env)
    names = imported_top_level(command, env) - bare
    return {
        name
        for name in names
        if name != "gtm_pulse"
        and name not in sys.stdlib_module_names
        and not name.startswith("_")  # C parts of the standard library (_hashlib, _uuid)
        and importlib.util.find_spec(name) is not None
    }
