"""The exchange: records shared through a folder and through a bare git repository on disk.

No network: a "remote" here is a folder in tmp_path or a repository made with ``git init
--bare``; every laptop ("replica") has its own clone in its own cache.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gtm_pulse.errors import EXIT_NOT_READY, SyncError
from gtm_pulse.store.exchange import (
    KINDS,
    FolderRemote,
    GitRemote,
    Remote,
    collect,
    encode,
    open_remote,
    publish,
    sync_lock,
)


def git(*args: str, cwd: Path | None = None) -> str:
    """Run git as a person would (not through the exchange), for arranging and checking."""
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def bare_repo(where: Path) -> Path:
    """An empty bare repository; its HEAD names ``master`` on purpose (the old default), so the
    exchange's own ``main`` must not depend on it."""
    git("-c", "init.defaultBranch=master", "init", "-q", "--bare", str(where))
    return where


def payloads(remote: Remote) -> set[tuple[str, str]]:
    """What ``remote`` holds, as (kind, the payload's "id") pairs."""
    return {(found.kind, str(found.payload["id"])) for found in collect(remote).records}


def shared(tmp_path: Path) -> Path:
    """A shared folder, as a sync service makes it: it exists before any laptop writes."""
    (tmp_path / "shared").mkdir(exist_ok=True)
    return tmp_path / "shared"


def sync(remote: Remote) -> None:
    remote.pull()
    remote.push()


@pytest.fixture
def hub(tmp_path: Path) -> Path:
    return bare_repo(tmp_path / "hub.git")


def clones(hub: Path, tmp_path: Path, count: int = 3) -> list[GitRemote]:
    return [GitRemote(str(hub), tmp_path / f"laptop-{index}" / "clone") for index in range(count)]


# --- three replicas --------------------------------------------------------------------------


def test_three_replicas_share_records_through_one_folder(tmp_path: Path) -> None:
    # given three laptops seeing the same folder
    (tmp_path / "shared").mkdir()
    replicas = [FolderRemote(tmp_path / "shared") for _ in range(3)]
    # when each publishes its own record
    for index, remote in enumerate(replicas):
        publish(remote, "response", {"id": index})
    # then each collects all three, and nothing is skipped
    for remote in replicas:
        assert payloads(remote) == {("response", "0"), ("response", "1"), ("response", "2")}
        assert collect(remote).skipped == []


def test_three_replicas_share_records_through_an_empty_bare_repository(
    hub: Path, tmp_path: Path
) -> None:
    # given three clones of an empty repository (the first push makes its branch main)
    replicas = clones(hub, tmp_path)
    # when each publishes and syncs in turn
    for index, remote in enumerate(replicas):
        remote.pull()
        publish(remote, "response", {"id": index})
        remote.push()
    # then after one more pull, each collects all three
    for remote in replicas:
        remote.pull()
        assert payloads(remote) == {("response", "0"), ("response", "1"), ("response", "2")}
    assert "main" in git("branch", "--list", cwd=hub)
    author = git("log", "-1", "--format=%an <%ae>", "main", cwd=hub).strip()
    assert author == "gtm-pulse <gtm-pulse@localhost>"


def test_a_push_rejected_because_another_clone_pushed_first_is_rebased_and_retried(
    hub: Path, tmp_path: Path
) -> None:
    # given two clones that both wrote before either pushed
    first, second = clones(hub, tmp_path, 2)
    publish(first, "response", {"id": "first"})
    publish(second, "response", {"id": "second"})
    # when both push, the second after the first
    first.push()
    second.push()
    # then both records are on main, in a straight line
    third = GitRemote(str(hub), tmp_path / "third")
    third.pull()
    assert payloads(third) == {("response", "first"), ("response", "second")}
    assert git("rev-list", "--merges", "--count", "main", cwd=hub).strip() == "0"


def test_two_clones_pushing_at_the_same_moment_both_arrive(hub: Path, tmp_path: Path) -> None:
    # given two clones with a record each, and a remote that already has a branch
    seed, *laptops = clones(hub, tmp_path, 3)
    publish(seed, "team", {"id": "seed"})
    seed.push()
    for index, remote in enumerate(laptops):
        remote.pull()
        publish(remote, "response", {"id": index})
    # when both push at once
    errors: list[BaseException] = []

    def push(remote: GitRemote) -> None:
        try:
            remote.push()
        except BaseException as error:  # reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=push, args=(remote,)) for remote in laptops]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then neither failed and the remote has all three
    assert errors == []
    seed.pull()
    assert payloads(seed) == {("team", "seed"), ("response", "0"), ("response", "1")}


# --- idempotence and no replacing ------------------------------------------------------------


def test_publishing_the_same_payload_twice_writes_one_file(tmp_path: Path) -> None:
    remote = FolderRemote(shared(tmp_path))
    name = publish(remote, "metric", {"id": 1, "value": 2.5})
    assert publish(remote, "metric", {"value": 2.5, "id": 1}) == name  # key order is irrelevant
    assert remote.names() == [name]
    assert remote.write(*encode("metric", {"id": 1, "value": 2.5})) is False


def test_publishing_the_same_payload_from_two_clones_makes_one_file(
    hub: Path, tmp_path: Path
) -> None:
    # given two laptops that publish the very same record
    first, second = clones(hub, tmp_path, 2)
    for remote in (first, second):
        publish(remote, "team", {"id": "team-1"})
        remote.push()
    # then the remote holds it once, and a second push added no commit
    first.pull()
    assert len(first.names()) == 1
    assert git("rev-list", "--count", "main", cwd=hub).strip() == "1"


def test_publishing_again_after_a_push_adds_no_commit(hub: Path, tmp_path: Path) -> None:
    (remote,) = clones(hub, tmp_path, 1)
    publish(remote, "team", {"id": "t"})
    remote.push()
    publish(remote, "team", {"id": "t"})
    remote.push()
    assert git("rev-list", "--count", "main", cwd=hub).strip() == "1"


def test_a_file_is_never_replaced_by_other_bytes(tmp_path: Path) -> None:
    # given a record file whose bytes were changed on the remote
    remote = FolderRemote(shared(tmp_path))
    name = publish(remote, "response", {"id": 1})
    (tmp_path / "shared" / name).write_bytes(b"{cut")
    # when the same record is published again, then it is refused and the file left as it is
    with pytest.raises(SyncError, match="already exists with other bytes"):
        publish(remote, "response", {"id": 1})
    assert (tmp_path / "shared" / name).read_bytes() == b"{cut"


def test_a_name_outside_the_remote_is_refused(tmp_path: Path) -> None:
    remote = FolderRemote(shared(tmp_path))
    for name in ("../escape.json", "/abs.json", "records/./x.json", ""):
        with pytest.raises(SyncError, match="not a file name inside the remote"):
            remote.write(name, b"{}")
    assert not (tmp_path / "escape.json").exists()


def test_an_unknown_kind_is_a_bug_in_the_caller(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not a kind of record"):
        publish(FolderRemote(tmp_path), "gossip", {})


def test_record_files_are_content_addressed_canonical_json(tmp_path: Path) -> None:
    name, data = encode("key-release", {"b": "é", "a": 1})
    expected = (
        b'{"format":"gtm-pulse-record","kind":"key-release",'
        b'"payload":{"a":1,"b":"\xc3\xa9"},"version":1}'
    )
    assert data == expected
    assert name == f"records/key-release/{hashlib.sha256(data).hexdigest()}.json"
    assert "key-release" in KINDS


def test_folders_are_made_private_and_no_temp_file_is_left(tmp_path: Path) -> None:
    remote = FolderRemote(shared(tmp_path))
    name = publish(remote, "response", {"id": 1})
    folder = (tmp_path / "shared" / name).parent
    assert folder.stat().st_mode & 0o077 == 0
    assert [path.name for path in folder.iterdir()] == [name.rsplit("/", 1)[1]]


# --- what is skipped, with a reason, and left in place ----------------------------------------

HEX = "ab" * 32


def _bad_files(good_bytes: bytes, good_name: str) -> dict[str, tuple[bytes, str]]:
    """Files a shared folder may hold, each with the words its skip reason must contain."""
    _, other_bytes = encode("response", {"id": "other"})
    not_envelope = b'{"hello":1}'
    wrong_kind = encode("metric", {"id": "x"})[1]
    return {
        f"records/response/{HEX}.json": (good_bytes[:20], "do not match its name"),  # cut short
        good_name.replace(".json", " (conflicted copy).json"): (good_bytes, "conflict copy"),
        good_name.replace(".json", " (Alice's conflicted copy 2026-11-15).json"): (
            good_bytes,
            "conflict copy",
        ),
        good_name.replace(".json", "-1.json"): (good_bytes, "conflict copy"),
        good_name.replace(".json", " (1).json"): (good_bytes, "conflict copy"),
        "records/response/notes.txt": (b"hello", "not a record file"),
        "records/response/.tmp-abc123": (good_bytes[:5], "unfinished write"),
        f"records/response/{hashlib.sha256(other_bytes).hexdigest()[:63]}0.json": (
            other_bytes,
            "do not match its name",
        ),
        f"records/response/{hashlib.sha256(not_envelope).hexdigest()}.json": (
            not_envelope,
            "not a gtm-pulse record envelope",
        ),
        f"records/response/{hashlib.sha256(b'{').hexdigest()}.json": (b"{", "not JSON"),
        f"records/response/{hashlib.sha256(wrong_kind).hexdigest()}.json": (
            wrong_kind,
            "'metric' record in the 'response' folder",
        ),
        f"records/gossip/{HEX}.json": (good_bytes, "not a kind of record"),
        f"records/{HEX}.json": (good_bytes, "not in a records/<kind>/ folder"),
    }


def test_each_bad_file_is_skipped_with_a_reason_and_left_in_place(tmp_path: Path) -> None:
    # given a shared folder with one good record and every kind of bad file beside it
    remote = FolderRemote(shared(tmp_path))
    good_name = publish(remote, "response", {"id": "good"})
    good_bytes = (tmp_path / "shared" / good_name).read_bytes()
    bad = _bad_files(good_bytes, good_name)
    for name, (data, _) in bad.items():
        (tmp_path / "shared" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "shared" / name).write_bytes(data)
    (tmp_path / "shared" / "README.txt").write_text("not ours")  # outside records/: ignored
    # when it is collected, then published to again
    collected = collect(remote)
    publish(remote, "response", {"id": "later"})
    # then the good record is read, each bad file is skipped with its reason...
    assert [found.payload for found in collected.records] == [{"id": "good"}]
    reasons = {skipped.name: skipped.reason for skipped in collected.skipped}
    assert set(reasons) == set(bad)
    for name, (_, words) in bad.items():
        assert words in reasons[name], name
    # ...and every bad file is still there, byte for byte
    for name, (data, _) in bad.items():
        assert (tmp_path / "shared" / name).read_bytes() == data


def test_a_bad_file_in_the_repository_is_skipped_and_survives_syncs(
    hub: Path, tmp_path: Path
) -> None:
    # given a repository where someone committed a conflict copy beside a good record
    first, second = clones(hub, tmp_path, 2)
    good = publish(first, "response", {"id": "good"})
    first.push()
    copy = good.replace(".json", " (1).json")
    (first.workdir / copy).write_bytes(b"{")
    git("add", "--", copy, cwd=first.workdir)
    git("commit", "-qm", "oops", cwd=first.workdir)
    git("push", "-q", "origin", "HEAD:main", cwd=first.workdir)
    # when another laptop syncs and publishes
    second.pull()
    publish(second, "response", {"id": "more"})
    second.push()
    # then it reads both good records, skips the copy, and the copy is still in the repository
    collected = collect(second)
    assert {found.payload["id"] for found in collected.records} == {"good", "more"}
    assert [skipped.name for skipped in collected.skipped] == [copy]
    assert copy in git("ls-tree", "-r", "--name-only", "main", cwd=hub)


def test_a_named_pipe_is_skipped_without_blocking(tmp_path: Path) -> None:
    remote = FolderRemote(shared(tmp_path))
    (tmp_path / "shared" / "records" / "response").mkdir(parents=True)
    os.mkfifo(tmp_path / "shared" / "records" / "response" / f"{HEX}.json")
    (skipped,) = collect(remote).skipped
    assert "not a regular file" in skipped.reason


def test_a_folder_that_is_gone_is_an_error_not_an_empty_remote(tmp_path: Path) -> None:
    remote = FolderRemote(tmp_path / "unmounted")
    with pytest.raises(SyncError, match="is gone"):
        collect(remote)
    with pytest.raises(SyncError, match="is gone"):
        publish(remote, "team", {"id": 1})
    assert not (tmp_path / "unmounted").exists()


def test_a_record_written_before_a_crash_goes_with_the_next_sync(hub: Path, tmp_path: Path) -> None:
    # given a record file left in the clone by a sync that stopped before committing it
    first, second = clones(hub, tmp_path, 2)
    first.pull()
    name, data = encode("response", {"id": "orphan"})
    (first.workdir / name).parent.mkdir(parents=True)
    (first.workdir / name).write_bytes(data)
    (first.workdir / name).with_name(".tmp-crashed").write_bytes(data[:3])
    # when the next sync publishes the same record and pushes
    assert publish(first, "response", {"id": "orphan"}) == name
    first.push()
    # then it reached the remote, and the crashed temp file did not
    second.pull()
    assert payloads(second) == {("response", "orphan")}
    assert git("ls-tree", "-r", "--name-only", "main", cwd=hub).split() == [name]


def test_a_git_dir_in_the_environment_does_not_misdirect_the_clone(
    hub: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "elsewhere"))
    (remote,) = clones(hub, tmp_path, 1)
    publish(remote, "team", {"id": "t"})
    remote.push()
    monkeypatch.delenv("GIT_DIR")  # for the check below, which runs git as a person would
    assert git("rev-list", "--count", "main", cwd=hub).strip() == "1"
    assert not (tmp_path / "elsewhere").exists()


# --- opening a remote ------------------------------------------------------------------------


def test_open_remote_tells_folders_from_repositories(hub: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    (tmp_path / "folder").mkdir()
    git("init", "-q", str(tmp_path / "work"))
    (tmp_path / "work" / "sub").mkdir()
    assert isinstance(open_remote(str(tmp_path / "folder"), cache), FolderRemote)
    assert isinstance(open_remote(str(hub), cache), GitRemote)
    assert isinstance(open_remote(str(tmp_path / "work"), cache), GitRemote)
    # a folder inside a repository is not that repository
    assert isinstance(open_remote(str(tmp_path / "work" / "sub"), cache), FolderRemote)
    for url in ("https://example.com/x.git", "ssh://h/x", "git@host:team/x.git", "file:///x"):
        remote = open_remote(url, cache)
        assert isinstance(remote, GitRemote)
        assert remote.workdir == cache / hashlib.sha256(url.encode()).hexdigest()[:16]


def test_open_remote_names_a_path_that_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(SyncError, match="missing: no such folder or git repository"):
        open_remote(str(tmp_path / "missing"), tmp_path / "cache")


def test_an_unreachable_repository_is_one_line_and_exits_1(tmp_path: Path) -> None:
    remote = GitRemote(f"file://{tmp_path}/nowhere.git", tmp_path / "clone")
    with pytest.raises(SyncError) as raised:
        remote.pull()
    assert "\n" not in str(raised.value)
    assert raised.value.exit_code == EXIT_NOT_READY
    assert not (tmp_path / "clone").exists()  # no half clone left behind


def test_a_second_sync_on_the_same_laptop_waits_then_gives_up(tmp_path: Path) -> None:
    with (
        sync_lock(tmp_path / "cache"),
        pytest.raises(SyncError, match="another sync"),
        sync_lock(tmp_path / "cache", timeout=0.1),
    ):
        pass  # pragma: no cover - the lock is held
    with sync_lock(tmp_path / "cache", timeout=0.1):  # released: free again
        pass


# --- random interleavings across three replicas ----------------------------------------------

_STEP = st.tuples(
    st.sampled_from(["publish", "sync", "collect"]),
    st.integers(0, 2),  # which replica
    st.integers(0, 3),  # which payload: the same one may come from two replicas
)


def _interleave(make: Callable[[Path], list[Remote]], steps: list[tuple[str, int, int]]) -> None:
    """Run ``steps`` on three replicas, then sync them all: every replica must collect the same
    set, exactly what was published, with nothing skipped."""
    with tempfile.TemporaryDirectory() as folder:
        replicas = make(Path(folder))
        published: set[tuple[str, str]] = set()
        mine: list[set[tuple[str, str]]] = [set(), set(), set()]
        for action, index, value in steps:
            remote = replicas[index]
            if action == "publish":
                publish(remote, "response", {"id": value})
                published.add(("response", str(value)))
                mine[index].add(("response", str(value)))
            elif action == "sync":
                sync(remote)
            else:  # a replica always sees its own records, and nothing never published
                assert mine[index] <= payloads(remote) <= published
        for remote in replicas:
            sync(remote)
        for remote in replicas:
            remote.pull()
            assert payloads(remote) == published
            assert collect(remote).skipped == []


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_STEP, max_size=12))
def test_random_interleavings_converge_through_a_folder(steps: list[tuple[str, int, int]]) -> None:
    _interleave(lambda root: [FolderRemote(root) for _ in range(3)], steps)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_STEP, max_size=10))
def test_random_interleavings_converge_through_a_bare_repository(
    steps: list[tuple[str, int, int]],
) -> None:
    def make(root: Path) -> list[Remote]:
        hub = bare_repo(root / "hub.git")
        return [GitRemote(str(hub), root / f"laptop-{index}") for index in range(3)]

    _interleave(make, steps)
