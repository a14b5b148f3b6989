"""A git repository as a remote, driven through the ``git`` command (no library: git is what
users already have configured, with their SSH keys and credential helpers).

The local view is a clone in the cache on branch ``main``. Every git call runs with a timeout,
no terminal prompt (a cron job must fail, not wait for a password) and English messages, and
the user's global configuration is not needed: the committer is given on the command line.
Records are content-addressed and no two laptops write the same file name with other bytes, so
rebasing one laptop's commits onto another's never conflicts; that is why a rejected push is
simply fetched, rebased and pushed again.
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from gtm_pulse.errors import SyncError, capped
from gtm_pulse.store.exchange.remotes import (
    LAPTOPS,
    checked_name,
    list_files,
    read_regular,
    replace_owned,
    write_new,
)

#: The branch every laptop reads and pushes, whatever the repository's default branch is.
BRANCH = "main"
#: Seconds a network step (clone, fetch, push) may take; a local step gets the same bound.
GIT_TIMEOUT_S = 60.0
#: How many times a push rejected because another laptop pushed first is rebased and retried.
PUSH_TRIES = 5

_CONFIG = (
    "-c", "user.name=gtm-pulse", "-c", "user.email=gtm-pulse@localhost",
    "-c", "commit.gpgsign=false", "-c", "core.autocrlf=false",
)  # fmt: skip
#: Words of a push that lost a race: another laptop pushed first ("fetch first"), or pushed at
#: the same moment and took the branch's lock ("cannot lock ref ... failed to update ref").
_REJECTED = (
    "[rejected]",
    "fetch first",
    "non-fast-forward",
    "failed to update ref",
    "cannot lock ref",
)
_UNREACHABLE = re.compile(
    r"could not resolve|connection (refused|timed out|reset)|network is unreachable|"
    r"no route to host|could not read from remote|unable to access|operation timed out",
    re.IGNORECASE,
)
_ELSEWHERE = frozenset(
    {"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR",
     "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NAMESPACE", "GIT_PREFIX"}
)  # fmt: skip
#: The files a clone's commit takes: record files only (not a crashed write's ``.tmp-`` file).
_RECORD_PATH = re.compile(r"records/[a-z-]+/[0-9a-f]{64}\.json")
#: The status files a clone's commit takes, new or rewritten (each laptop rewrites its own).
_LAPTOP_PATH = re.compile(LAPTOPS + r"/[0-9a-f]{16}\.json")
_SECRET = re.compile(r"(://[^/@:\s]+):[^/@\s]*@")  # https://user:token@host: hide the token


def _environment() -> dict[str, str]:
    """The environment for git: no prompts, English messages, and none of the variables that
    would point git at another repository (a sync started from a git hook inherits them)."""
    env = {key: value for key, value in os.environ.items() if key not in _ELSEWHERE}
    env["GIT_TERMINAL_PROMPT"] = "0"  # https asks no password: it fails instead
    env["LC_ALL"] = "C"  # the rejected-push test reads git's words
    if "GIT_SSH" not in env and "GIT_SSH_COMMAND" not in env:
        env["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes"  # nor does ssh
    return env


def _hide_secrets(text: str) -> str:
    return _SECRET.sub(r"\1:***@", text)


def _last_words(stderr: str) -> str:
    """The line of git's stderr that says what went wrong (its last fatal/error line)."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    refused = [line for line in lines if "rejected]" in line]  # a push's reason, per branch
    errors = [line for line in lines if line.startswith(("fatal:", "error:"))]
    return (refused or errors or lines or ["no message"])[-1]


def run_git(
    args: list[str], *, cwd: Path | None, what: str, check: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run ``git args`` in ``cwd``; with ``check``, a failure is a one-line SyncError about
    ``what`` (exit 1 if the remote could not be reached, else 2)."""
    try:
        done = subprocess.run(
            ["git", *_CONFIG, *args],
            cwd=cwd,
            env=_environment(),
            capture_output=True,
            text=True,
            timeout=GIT_TIMEOUT_S,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except FileNotFoundError:
        raise SyncError("git is not installed (or not on PATH); a git remote needs it") from None
    except subprocess.TimeoutExpired:
        raise SyncError(
            _hide_secrets(f"{what}: git gave no answer within {GIT_TIMEOUT_S:.0f} s"),
            unreachable=True,
        ) from None
    if check and done.returncode != 0:
        raise SyncError(
            capped(_hide_secrets(f"{what}: {_last_words(done.stderr)}")),
            unreachable=_UNREACHABLE.search(done.stderr) is not None,
        )
    return done


def git_dir(path: Path) -> Path | None:
    """The git directory of the repository at or above ``path``, or None if it is in none.

    A folder that looks like a repository but that git refuses (another user's, for example:
    "dubious ownership") is a SyncError, not a plain folder to write files into.
    """
    done = run_git(["rev-parse", "--absolute-git-dir"], cwd=path, what=str(path), check=False)
    if done.returncode == 0:
        return Path(done.stdout.strip()).resolve()
    looks_like_one = (path / ".git").exists() or (
        (path / "HEAD").is_file() and (path / "objects").is_dir()
    )
    if looks_like_one:
        raise SyncError(capped(f"{path}: git cannot use it: {_last_words(done.stderr)}"))
    return None


class GitRemote:
    """A git repository (URL or path) reached through a clone in ``workdir``."""

    def __init__(self, url: str, workdir: Path) -> None:
        self.url = url
        self.workdir = workdir
        self._name = _hide_secrets(url)

    def _git(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return run_git(list(args), cwd=self.workdir, what=self._name, check=check)

    def _has(self, ref: str) -> bool:
        return self._git("rev-parse", "--verify", "-q", ref, check=False).returncode == 0

    def _ensure_clone(self) -> None:
        """Clone on first use, into a temp folder renamed into place (an interrupted clone
        leaves no half clone behind), then stand on ``main``: the remote's own, or a new one
        (an empty repository has no branch yet; the first push makes it)."""
        if (self.workdir / ".git").is_dir():
            return
        self.workdir.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        temp = Path(tempfile.mkdtemp(dir=self.workdir.parent, prefix=".clone-"))
        try:
            run_git(["clone", "-q", "--", self.url, os.fspath(temp)], cwd=None, what=self._name)
            os.replace(temp, self.workdir)  # SyncError below if a stray non-clone is there
        except OSError as error:
            raise SyncError(f"cannot make the clone {self.workdir}: {error}") from None
        finally:
            with contextlib.suppress(OSError):
                shutil.rmtree(temp)
        if self._has(f"refs/remotes/origin/{BRANCH}"):
            self._git("checkout", "-q", "-B", BRANCH, f"origin/{BRANCH}")
        else:
            self._git("symbolic-ref", "HEAD", f"refs/heads/{BRANCH}")

    def _commit_pending(self) -> None:
        """Commit the record files written since the last commit, and this laptop's status
        file when it changed, so a rebase has a clean tree and a push has something to carry.
        New files are found, not remembered: a write that crashed before this ran is still
        committed by the next sync."""
        others = self._git("ls-files", "-z", "--others", "--", "records").stdout.split("\0")
        new = [name for name in others if _RECORD_PATH.fullmatch(name)]
        changed = self._git("ls-files", "-z", "--others", "--modified", "--", LAPTOPS).stdout
        new += sorted({name for name in changed.split("\0") if _LAPTOP_PATH.fullmatch(name)})
        for start in range(0, len(new), 500):  # well inside any command line's limit
            self._git("add", "--", *new[start : start + 500])
        if self._git("diff", "--cached", "--quiet", check=False).returncode != 0:
            self._git("commit", "-q", "--no-verify", "-m", "gtm-pulse records")

    def pull(self) -> None:
        """Fetch, then put this clone's unpushed records on top of the remote's ``main``."""
        self._ensure_clone()
        self._git("fetch", "-q", "origin")
        if not self._has(f"refs/remotes/origin/{BRANCH}"):
            return  # an empty repository: nothing to bring
        self._commit_pending()
        if not self._has("HEAD"):  # nothing of ours yet: take the remote's as it is
            self._git("merge", "-q", "--ff-only", f"origin/{BRANCH}")
            return
        done = self._git("rebase", "-q", f"origin/{BRANCH}", check=False)
        if done.returncode != 0:
            self._git("rebase", "--abort", check=False)
            raise SyncError(
                capped(f"{self._name}: cannot rebase onto {BRANCH}: {_last_words(done.stderr)}")
            )

    def names(self) -> list[str]:
        """The record files in the clone: the remote's as last pulled, and ours."""
        self._ensure_clone()
        return list_files(self.workdir)

    def read(self, name: str) -> bytes:
        """The bytes of ``name`` in the clone (see :func:`read_regular`)."""
        return read_regular(self.workdir / checked_name(name))

    def write(self, name: str, data: bytes) -> bool:
        """Write ``name`` in the clone's work tree (see :func:`write_new`); :meth:`push` (or
        the next :meth:`pull`) commits it. No git call here: a sync may write hundreds."""
        self._ensure_clone()
        return write_new(self.workdir, name, data)

    def laptop_names(self) -> list[str]:
        """The laptops' status files in the clone: the remote's as last pulled, and ours."""
        self._ensure_clone()
        return list_files(self.workdir, LAPTOPS)

    def replace_own(self, name: str, data: bytes) -> None:
        """Rewrite this laptop's own file in the work tree (see :func:`replace_owned`);
        :meth:`push` commits it. Only this laptop changes it: a rebase never conflicts."""
        self._ensure_clone()
        replace_owned(self.workdir, name, data)

    def push(self) -> None:
        """Commit the staged records and push them to ``main``; when another laptop pushed
        first, fetch, rebase and push again (at most :data:`PUSH_TRIES` times)."""
        self._ensure_clone()
        self._commit_pending()
        for attempt in range(PUSH_TRIES):
            if not self._has("HEAD"):
                return  # nothing was ever written here
            up_to_date = self._has(f"refs/remotes/origin/{BRANCH}") and (
                self._git("rev-list", "--count", f"origin/{BRANCH}..HEAD").stdout.strip() == "0"
            )
            if up_to_date:
                return  # nothing new to publish
            done = self._git("push", "-q", "origin", f"HEAD:refs/heads/{BRANCH}", check=False)
            if done.returncode == 0:
                return
            if not any(word in done.stderr for word in _REJECTED):
                raise SyncError(
                    capped(_hide_secrets(f"{self._name}: push: {_last_words(done.stderr)}")),
                    unreachable=_UNREACHABLE.search(done.stderr) is not None,
                )
            time.sleep(random.uniform(0, 0.2 * attempt))  # two laptops racing: let one win
            self.pull()
        raise SyncError(
            f"{self._name}: push still rejected after {PUSH_TRIES} tries (others keep pushing); "
            "the records stay committed in the local clone and go with the next sync"
        )
