"""`monitor doctor`: is the database sound, current and keeping up? One check per line.

Run it from cron or after a crash. It reads; only `repair=True` writes (it rebuilds a full-text
index that disagrees with its table, under the writer lock the CLI takes).
"""

from __future__ import annotations

import shutil
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from monitor.lock import holder
from monitor.store import SCHEMA_VERSION, Store

LOW_DISK_BYTES = 1_000_000_000


@dataclass
class Check:
    name: str
    status: str  # ok | warning | error | repaired
    detail: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} TB"  # pragma: no cover


def examine(store: Store, *, failing_runs: int = 3, repair: bool = False, locked: bool = False) -> list[Check]:
    """Every check, in the order a reader fixes things. `locked`: the caller holds the writer
    lock, so runs still marked running were killed (else one may be running now)."""
    checks: list[Check] = []
    problems = store.integrity_problems()
    checks.append(Check("integrity", "error" if problems else "ok",
                        "; ".join(problems[:3]) if problems else "PRAGMA integrity_check: ok"))

    version = store.schema_version
    if version == SCHEMA_VERSION:
        checks.append(Check("schema", "ok", f"version {version}"))
    elif version < SCHEMA_VERSION:
        checks.append(Check("schema", "warning",
                            f"version {version}, this monitor uses {SCHEMA_VERSION}: the next command that writes migrates it"))
    else:
        checks.append(Check("schema", "error", f"version {version} is newer than this monitor ({SCHEMA_VERSION}): upgrade monitor"))

    for fts in store.fts_tables() if version <= SCHEMA_VERSION else ():
        problem = store.fts_problem(fts)
        if problem is None:
            checks.append(Check(f"search index {fts}", "ok", "consistent with its table"))
        elif repair:
            store.rebuild_fts(fts)
            after = store.fts_problem(fts)
            checks.append(Check(f"search index {fts}", "error" if after else "repaired",
                                f"{problem}; rebuilt" + (f", still: {after}" if after else "")))
        else:
            checks.append(Check(f"search index {fts}", "error", f"{problem}; run `monitor doctor --repair` to rebuild it"))

    if version != SCHEMA_VERSION:  # the other checks read tables of the current schema
        checks.append(_disk(Path(store.path)))
        return checks

    failing = store.failing_sources(failing_runs)
    if failing:
        names = ", ".join(f"{s['name']} ({s['consecutive_failures']} runs: {s['last_error']})" for s in failing[:5])
        more = f" and {len(failing) - 5} more" if len(failing) > 5 else ""
        checks.append(Check("sources", "warning", f"{len(failing)} failing for {failing_runs}+ runs: {names}{more}"))
    else:
        checks.append(Check("sources", "ok", f"none failing for {failing_runs}+ runs"))

    runs = store.unfinished_runs()
    active = holder(store.path) if not locked else None
    killed = [r for r in runs if r["status"] == "interrupted" or (locked and r["status"] == "running")]
    if killed:
        ids = ", ".join(str(r["id"]) for r in killed[:5])
        checks.append(Check("runs", "warning", f"{len(killed)} interrupted (run {ids}); the next run completes their work"))
    elif runs and active:
        checks.append(Check("runs", "ok", f"run {runs[0]['id']} in progress (pid {active.get('pid')})"))
    else:
        checks.append(Check("runs", "ok", "no interrupted runs"))

    backlog = store.backlog()
    waiting = [f"{n} {label}" for label, n in (
        ("documents to extract", backlog["to_extract"]),
        ("stand-ins to complete", backlog["pending_documents"]),
        ("alerts to send", backlog["alerts_unsent"]),
    ) if n]
    if backlog["alerts_given_up"]:
        checks.append(Check("backlog", "warning",
                            f"{backlog['alerts_given_up']} alerts given up after repeated failures; " + ", ".join(waiting)))
    else:
        checks.append(Check("backlog", "ok", ", ".join(waiting) if waiting else "nothing waiting"))

    checks.append(_disk(Path(store.path)))
    return checks


def _disk(path: Path) -> Check:
    files = [path, Path(f"{path}-wal"), Path(f"{path}-shm")]
    used = sum(f.stat().st_size for f in files if f.exists())
    wal = Path(f"{path}-wal")
    wal_size = wal.stat().st_size if wal.exists() else 0
    free = shutil.disk_usage(path.resolve().parent).free
    detail = f"database {_size(used)} (WAL {_size(wal_size)}), {_size(free)} free"
    return Check("disk", "warning" if free < LOW_DISK_BYTES else "ok",
                 detail + ("; less than 1 GB free" if free < LOW_DISK_BYTES else ""))
