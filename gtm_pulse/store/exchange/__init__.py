"""The exchange: how laptops share records through a folder or a git repository.

:mod:`.remotes` says where records go (a folder a sync service keeps in step, or a git
repository, see :mod:`.git`); :mod:`.records` says what a record file is (content-addressed
canonical JSON) and reads them back, skipping anything that is not one; :mod:`.laptops` is
each laptop's status file, the one file a laptop rewrites. Nothing here knows what
a record means: the sync command on top decides what to publish and what to do with what it
collects.

A sync runs, under :func:`sync_lock`::

    remote = open_remote(spec, cache)
    remote.pull()
    collected = collect(remote)         # records + skipped files, each with a reason
    publish(remote, "response", {...})  # as many as needed
    remote.push()
"""

from __future__ import annotations

from gtm_pulse.store.exchange.git import GitRemote
from gtm_pulse.store.exchange.records import (
    KINDS,
    Collected,
    Found,
    Skipped,
    collect,
    encode,
    publish,
)
from gtm_pulse.store.exchange.remotes import FolderRemote, Remote, open_remote, sync_lock

__all__ = [
    "KINDS",
    "Collected",
    "FolderRemote",
    "Found",
    "GitRemote",
    "Remote",
    "Skipped",
    "collect",
    "encode",
    "open_remote",
    "publish",
    "sync_lock",
]
