"""The control-plane store: one SQLite table of JSON documents, keyed by (kind, parent, key).

Durability and concurrency: WAL journal with `synchronous=FULL`, so a write the server has acknowledged survives a
crash or power loss. One connection, guarded by a lock, is used from worker threads (`anyio.to_thread`), and every
call is one `BEGIN IMMEDIATE` transaction: a read-modify-write inside `transact` can never lose a concurrent update.

Transitional statuses (CREATING, UPDATING, DELETING) settle by themselves: a row may carry a `Transition` (a time and
the status it then takes, or none to disappear). Each transaction first applies the transitions that are due, so
readers never see a stale status, no background task is needed, and a restart mid-transition settles normally.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import anyio.to_thread

T = TypeVar("T")
U = TypeVar("U")
_MAX_CACHED_READS = 4096

_SCHEMA = """
CREATE TABLE IF NOT EXISTS resources (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,  -- creation order: lists are ordered by it, tokens page by it
    kind TEXT NOT NULL,
    parent TEXT NOT NULL,                   -- key of the owning resource ('' for top-level kinds)
    key TEXT NOT NULL,                      -- the path key (an id or a name)
    name TEXT,                              -- the unique name, when it differs from the key
    doc TEXT NOT NULL,                      -- wire JSON, secrets sealed
    settle_at REAL,                         -- when the transitional status ends (epoch seconds)
    settles_to TEXT,                        -- the status it then takes; NULL: the row disappears
    UNIQUE (kind, parent, key),
    UNIQUE (kind, parent, name)
);
CREATE INDEX IF NOT EXISTS resources_settle ON resources (settle_at) WHERE settle_at IS NOT NULL;
"""


class Conflict(Exception):
    """An insert collided with an existing key or name."""


@dataclass(frozen=True)
class Transition:
    """At `at` (epoch seconds) the status becomes `to`; with `to=None` the record is removed instead."""

    at: float
    to: str | None


@dataclass(frozen=True)
class Row:
    seq: int
    key: str
    doc: dict[str, Any]


def _dump(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


class Tx:
    """The operations available inside one transaction (runs in a worker thread)."""

    def __init__(self, conn: sqlite3.Connection, now: float) -> None:
        self._conn = conn
        self.now = now
        self.wrote = False

    def get(self, kind: str, key: str, *, parent: str = "") -> dict[str, Any] | None:
        row = self._conn.execute(
            "SELECT doc FROM resources WHERE kind = ? AND parent = ? AND key = ?", (kind, parent, key)
        ).fetchone()
        return json.loads(row[0]) if row else None

    def list(self, kind: str, *, parent: str = "") -> list[Row]:
        """Rows of a kind (under one parent) in creation order."""
        cursor = self._conn.execute(
            "SELECT seq, key, doc FROM resources WHERE kind = ? AND parent = ? ORDER BY seq", (kind, parent)
        )
        return [Row(seq, key, json.loads(doc)) for seq, key, doc in cursor]

    def insert(
        self,
        kind: str,
        key: str,
        doc: dict[str, Any],
        *,
        parent: str = "",
        name: str | None = None,
        transition: Transition | None = None,
    ) -> None:
        self.wrote = True
        try:
            self._conn.execute(
                "INSERT INTO resources (kind, parent, key, name, doc, settle_at, settles_to) VALUES (?,?,?,?,?,?,?)",
                (kind, parent, key, name, _dump(doc), *_transition(transition)),
            )
        except sqlite3.IntegrityError as exc:
            raise Conflict(str(exc)) from None

    def put(
        self, kind: str, key: str, doc: dict[str, Any], *, parent: str = "", transition: Transition | None = None
    ) -> None:
        """Replace the document of an existing row; its pending transition is replaced by `transition`."""
        self.wrote = True
        self._conn.execute(
            "UPDATE resources SET doc = ?, settle_at = ?, settles_to = ? WHERE kind = ? AND parent = ? AND key = ?",
            (_dump(doc), *_transition(transition), kind, parent, key),
        )

    def delete(self, kind: str, key: str, *, parent: str = "") -> None:
        self.wrote = True
        self._conn.execute("DELETE FROM resources WHERE kind = ? AND parent = ? AND key = ?", (kind, parent, key))

    def settle_due(self) -> None:
        due = self._conn.execute(
            "SELECT seq, doc, settles_to FROM resources WHERE settle_at <= ?", (self.now,)
        ).fetchall()
        self.wrote = self.wrote or bool(due)
        for seq, doc, settles_to in due:
            if settles_to is None:
                self._conn.execute("DELETE FROM resources WHERE seq = ?", (seq,))
            else:
                settled = {**json.loads(doc), "status": settles_to}
                self._conn.execute(
                    "UPDATE resources SET doc = ?, settle_at = NULL, settles_to = NULL WHERE seq = ?",
                    (_dump(settled), seq),
                )


def _transition(transition: Transition | None) -> tuple[float | None, str | None]:
    return (transition.at, transition.to) if transition else (None, None)


class Store:
    """The SQLite file of one data dir. Open with `await Store.open(path)`, close with `await store.close()`."""

    def __init__(self, conn: sqlite3.Connection, clock: Callable[[], float] = time.time) -> None:
        self._conn = conn
        self._lock = threading.Lock()
        self._clock = clock
        self.generation = 0
        """Counts committed transactions that changed something: what was read at one generation is current while
        the generation is the same (read it before the transaction that reads)."""
        # The earliest pending transition: until then, and while the generation stays, a read answers the same.
        self._next_settle = 0.0
        self._reads: dict[Hashable, tuple[int, Any]] = {}

    @classmethod
    async def open(cls, path: Path) -> Store:
        return cls(await anyio.to_thread.run_sync(_connect, path))

    async def read(self, key: Hashable, fn: Callable[[Tx], T], derive: Callable[[T], U]) -> U:
        """`derive(fn(tx))` for a read-only `fn`, kept under `key` and answered again without a transaction (no
        worker-thread hop, no SQLite) while nothing changed: same generation and no transition due. What `fn` or
        `derive` raises is not kept. The value is shared between callers: never change it."""
        entry = self._reads.get(key)
        if entry is not None and entry[0] == self.generation and self._clock() < self._next_settle:
            value: U = entry[1]
            return value
        generation = self.generation
        value = derive(await self.transact(fn))
        if len(self._reads) >= _MAX_CACHED_READS:
            self._reads.clear()
        self._reads[key] = (generation, value)
        return value

    async def transact(self, fn: Callable[[Tx], T]) -> T:
        """Run `fn` in one transaction in a worker thread; it commits when `fn` returns and rolls back when it
        raises. Keep `fn` short and free of I/O other than the store: transactions are serialised."""
        return await anyio.to_thread.run_sync(self._transact, fn)

    def _transact(self, fn: Callable[[Tx], T]) -> T:
        with self._lock:
            tx = Tx(self._conn, self._clock())
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                tx.settle_due()
                result = fn(tx)
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")
            if tx.wrote or not self._next_settle:
                # Before the generation moves, so a cached read is never taken for current past a transition.
                self._next_settle = _next_settle(self._conn)
            if tx.wrote:
                self.generation += 1
            return result

    async def close(self) -> None:
        def close() -> None:
            with self._lock:
                self._conn.close()

        await anyio.to_thread.run_sync(close)


def _next_settle(conn: sqlite3.Connection) -> float:
    (at,) = conn.execute("SELECT MIN(settle_at) FROM resources WHERE settle_at IS NOT NULL").fetchone()
    return float("inf") if at is None else float(at)


def _connect(path: Path) -> sqlite3.Connection:
    _make_private(path)
    # isolation_level=None: no implicit transactions, `_transact` opens and ends them explicitly.
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA busy_timeout=10000")  # another process on the same data dir: wait, don't fail
    conn.executescript(_SCHEMA)
    return conn


def _make_private(path: Path) -> None:
    """The database 0600 before SQLite opens it: SQLite gives the -wal and -shm files it creates later the database
    file's mode (a chmod after connecting came too late for them). Files left by an older version are fixed too."""
    _chmod_private(path, create=True)
    for suffix in ("-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            _chmod_private(Path(f"{path}{suffix}"), create=False)


def _chmod_private(path: Path, *, create: bool) -> None:
    fd = os.open(path, os.O_RDWR | os.O_NOFOLLOW | os.O_CLOEXEC | (os.O_CREAT if create else 0), 0o600)
    try:
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)
