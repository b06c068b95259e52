"""One writer at a time: an advisory lock file beside the database.

SQLite would serialise two writers by itself, but two `monitor run` processes would fetch the
same feeds, extract the same documents and check the same alert rules twice. The lock is an
OS lock (flock, taken through filelock), so a killed process never leaves a stale one behind;
the file also names the holder, for the message the second process prints. Readers (`monitor search`, Datasette) take
no lock: the database is in WAL mode, and they keep working during a run.

A `monitor run --every` loop holds a lock of its own ("loop") for its lifetime, so that a second
loop is refused, and takes the writer lock only for each run: between runs, `monitor ingest`
or `monitor extract --all` can write, and the loop's next run waits for them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path


class LockError(Exception):
    """Another process is writing to the database; the message names it (`holder` too)."""

    def __init__(self, message: str, holder: str = ""):
        super().__init__(message)
        self.holder = holder


def lock_path(db_path: str | Path, name: str = "") -> Path:
    """The lock file beside the database file itself: symlinks and other spellings of the path
    resolved, so that two paths to one database cannot hold two locks."""
    return Path(f"{os.path.realpath(db_path)}{'.' + name if name else ''}.lock")


def holder(db_path: str | Path, name: str = "") -> dict | None:
    """Who holds (or last held) the lock, as the holder wrote it."""
    try:
        return json.loads(lock_path(db_path, name).read_text(encoding="utf-8") or "null")
    except (OSError, ValueError):
        return None


def _describe(info: dict | None) -> str:
    if not info:
        return "another monitor process"
    return f"another monitor process (pid {info.get('pid')}, `{info.get('command')}`, since {info.get('since')})"


@contextmanager
def writer_lock(db_path: str | Path, command: str, *, wait: float = 0.0, poll: float = 0.2,
                name: str = "") -> Iterator[None]:
    """Hold the database's writer lock for the block; wait up to `wait` seconds for it.
    `name` gives another lock on the same database (the `run --every` loop's: "loop")."""
    if str(db_path) == ":memory:":
        yield
        return
    from filelock import FileLock, Timeout

    path = lock_path(db_path, name)
    info = {"pid": os.getpid(), "command": command, "since": ""}

    def write_holder(fd: int) -> None:
        """Name the holder in the file as soon as it is ours, for the message a second process prints."""
        info["since"] = datetime.now(UTC).replace(microsecond=0).isoformat()
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, json.dumps(info).encode("utf-8"))

    # An OS lock through filelock; the file is kept (not unlinked) on release, as readers of holder()
    # and waiters on the same inode expect, and emptied by us while still held.
    lock = FileLock(path, timeout=max(wait, 0.0), poll_interval=poll, thread_local=False,
                    preserve_lock_file=True, on_acquired=write_holder)
    try:
        lock.acquire()
    except Timeout:
        waited = f" after waiting {wait:g} s" if wait > 0 else ""
        who = _describe(holder(db_path, name))
        raise LockError(f"{db_path}: in use by {who}{waited}; try again later, or pass --wait SECONDS", who) from None
    except OSError as exc:
        raise LockError(f"{path}: cannot create the lock file: {exc.strerror or exc}") from None
    try:
        yield
    finally:
        try:
            os.truncate(path, 0)  # released: the file no longer names anyone
        finally:
            lock.release()
