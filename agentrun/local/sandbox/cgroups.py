"""Optional per-sandbox cgroups: totals that rlimits cannot give (memory of the whole sandbox, number of processes
even when the sandbox's host uid is root, a CPU quota). Used only when a hierarchy is detected writable; nothing
depends on them. Blocking file operations: call these from a worker thread.

- cgroup v2: `/sys/fs/cgroup/agentrun/<sandbox>` with the `pids`, `memory` and `cpu` controllers the root offers.
- cgroup v1 (or a hybrid host, where v2 has no controllers): `/sys/fs/cgroup/<controller>/agentrun/<sandbox>`.

Each command and each code context a sandbox runs gets a cgroup of its own inside the sandbox's (`Cgroup.adopt`, in
one hierarchy): a process can leave its process group (setsid) or its parent (a double fork), but not its cgroup,
since the sandbox cannot reach the cgroup file system. Killing a command, or killing or deleting a context, kills
that cgroup whole (processes.py, engine.py).
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from agentrun.local.sandbox.limits import MIB, Limits

logger = logging.getLogger("agentrun.local.sandbox")

ROOT = Path("/sys/fs/cgroup")
PARENT = "agentrun"
_CONTROLLERS = ("pids", "memory", "cpu")
_CPU_PERIOD_US = 100_000
_STALE_AFTER = 60.0  # seconds: longer than any sandbox start (engine.START_TIMEOUT)


@dataclass(frozen=True)
class Cgroup:
    """One sandbox's cgroup directories (one on v2, one per controller on v1)."""

    version: int
    dirs: tuple[Path, ...]
    controllers: frozenset[str]

    def add(self, pid: int) -> None:
        for directory in self.dirs:
            (directory / "cgroup.procs").write_text(f"{pid}\n")

    def child(self, name: str) -> Cgroup:
        """A cgroup nested in this one, in its first hierarchy only (`pids` on v1): enough to find every process
        put in it and what they start, while the limits stay this cgroup's (they count nested cgroups too)."""
        directory = self.dirs[0] / name
        directory.mkdir()
        return Cgroup(self.version, (directory,), frozenset())

    def adopt(self, kind: str, pid: int) -> Cgroup:
        """A new cgroup nested in this one (`child`), holding process `pid`. Call it before the process runs any
        code it was given: then everything it ever starts is in the new cgroup too. Raises OSError, leaving no
        cgroup behind."""
        group = self.child(f"{kind}-{pid}-{secrets.token_hex(4)}")
        try:
            group.add(pid)
        except BaseException:
            group.remove()
            raise
        return group

    def pids(self) -> set[int]:
        """The processes in the cgroup and in the cgroups nested in it."""
        found: set[int] = set()
        for directory in self.dirs:
            for nested in _tree(directory):
                with contextlib.suppress(OSError):
                    found.update(int(line) for line in (nested / "cgroup.procs").read_text().split())
        return found

    def signal_all(self, signum: int) -> int:
        """Send `signum` to every process in the cgroup (SIGKILL: until it is empty); how many were signalled."""
        if signum == signal.SIGKILL:
            return self.kill_all()
        signalled = 0
        for pid in self.pids():
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signum)
                signalled += 1
        return signalled

    def kill_all(self, timeout: float = 2.0) -> int:
        """SIGKILL every process in the cgroup, until it is empty or `timeout` passes (a process may fork while it
        is being killed: its child is in the cgroup too, and killed on the next pass). How many were killed."""
        if self.version == 2 and (self.dirs[0] / "cgroup.kill").exists():
            with contextlib.suppress(OSError):
                (self.dirs[0] / "cgroup.kill").write_text("1\n")
        killed: set[int] = set()
        for _ in _pauses(timeout):
            if not (pids := self.pids()):
                break
            for pid in pids:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(pid, signal.SIGKILL)
                    killed.add(pid)
        return len(killed)

    def remove(self) -> None:
        self.kill_all()
        for directory in self.dirs:
            for nested in reversed(_tree(directory)):  # nested cgroups first: rmdir refuses a parent
                for _ in _pauses(0.5):  # the last killed processes may still be exiting
                    try:
                        nested.rmdir()
                        break
                    except FileNotFoundError:
                        break
                    except OSError:
                        continue
                else:
                    logger.warning("could not remove cgroup %s", nested)

    def remove_if_empty(self) -> bool:
        """Remove the cgroup if no process is left in it (True when it is gone)."""
        for directory in self.dirs:
            try:
                directory.rmdir()
            except FileNotFoundError:
                continue
            except OSError:
                return False
        return True


@dataclass(frozen=True)
class CgroupManager:
    """Where sandbox cgroups are made on this machine."""

    version: int
    parents: dict[str, Path]  # controller -> parent directory (all the same directory on v2)

    @classmethod
    def detect(cls, root: Path = ROOT) -> CgroupManager | None:
        """A manager if this process can create cgroups with at least the `pids` or `memory` controller."""
        try:
            return _detect_v2(root) or _detect_v1(root)
        except OSError as exc:
            logger.debug("cgroups unavailable: %s", exc)
            return None

    @property
    def controllers(self) -> frozenset[str]:
        return frozenset(self.parents)

    def create(self, name: str, limits: Limits) -> Cgroup:
        dirs: list[Path] = []
        for parent in dict.fromkeys(self.parents.values()):
            directory = parent / name
            directory.mkdir(exist_ok=True)
            dirs.append(directory)
        group = Cgroup(self.version, tuple(dirs), self.controllers)
        try:
            self._write_limits(name, limits)
        except OSError:
            group.remove()
            raise
        return group

    def _write_limits(self, name: str, limits: Limits) -> None:
        v2 = self.version == 2
        if "pids" in self.parents and limits.max_processes is not None:
            (self.parents["pids"] / name / "pids.max").write_text(f"{limits.max_processes}\n")
        if "memory" in self.parents and limits.memory_mb is not None:
            memory = self.parents["memory"] / name
            (memory / ("memory.max" if v2 else "memory.limit_in_bytes")).write_text(f"{limits.memory_mb * MIB}\n")
            if v2:
                with contextlib.suppress(OSError):
                    (memory / "memory.swap.max").write_text("0\n")
        if "cpu" in self.parents and limits.cpu is not None:
            cpu = self.parents["cpu"] / name
            quota = max(1000, int(limits.cpu * _CPU_PERIOD_US))
            if v2:
                (cpu / "cpu.max").write_text(f"{quota} {_CPU_PERIOD_US}\n")
            else:
                (cpu / "cpu.cfs_period_us").write_text(f"{_CPU_PERIOD_US}\n")
                (cpu / "cpu.cfs_quota_us").write_text(f"{quota}\n")


def _detect_v2(root: Path) -> CgroupManager | None:
    available = root / "cgroup.controllers"
    if not available.exists():
        return None
    offered = set(available.read_text().split()) & set(_CONTROLLERS)
    if not {"pids", "memory"} & offered or not os.access(root / "cgroup.subtree_control", os.W_OK):
        return None
    parent = root / PARENT
    parent.mkdir(exist_ok=True)
    enabled = set((root / "cgroup.subtree_control").read_text().split())
    for controller in offered - enabled:
        with contextlib.suppress(OSError):
            (root / "cgroup.subtree_control").write_text(f"+{controller}\n")
    for controller in offered:
        with contextlib.suppress(OSError):
            (parent / "cgroup.subtree_control").write_text(f"+{controller}\n")
    enabled = set((parent / "cgroup.subtree_control").read_text().split())
    if not {"pids", "memory"} & enabled:
        return None
    _remove_stale(parent)
    return CgroupManager(2, {controller: parent for controller in enabled & offered})


def _detect_v1(root: Path) -> CgroupManager | None:
    parents: dict[str, Path] = {}
    for controller in _CONTROLLERS:
        hierarchy = root / controller
        if not (hierarchy / "cgroup.procs").exists() or not os.access(hierarchy, os.W_OK):
            continue
        parent = hierarchy / PARENT
        try:
            parent.mkdir(exist_ok=True)
        except OSError:
            continue
        parents[controller] = parent
    if not {"pids", "memory"} & set(parents):
        return None
    for parent in parents.values():
        _remove_stale(parent)
    return CgroupManager(1, parents)


def _pauses(timeout: float) -> Iterator[None]:
    """Attempts until `timeout` seconds have passed, with a growing pause between them (1 ms, then up to 20 ms): a
    killed process is usually gone within a millisecond or two, and a cgroup is not kept waiting a full pause for
    it."""
    deadline = time.monotonic() + timeout
    pause = 0.001
    while True:
        yield
        if time.monotonic() >= deadline:
            return
        time.sleep(pause)
        pause = min(pause * 2, 0.02)


def _tree(directory: Path) -> list[Path]:
    """`directory` and the cgroups nested in it, parents before children."""
    found = [directory]
    for parent in found:
        with contextlib.suppress(OSError):
            found.extend(child for child in parent.iterdir() if child.is_dir())
    return found


def _remove_stale(parent: Path) -> None:
    """Remove the empty sandbox cgroups a server that did not stop cleanly left behind (rmdir fails on a cgroup
    that still has processes, so live sandboxes of other servers are safe). A cgroup made in the last minute is
    left alone: another engine may have just created it and not yet moved its sandbox in (that takes a bwrap
    start)."""
    now = time.time()
    for child in parent.iterdir():
        with contextlib.suppress(OSError):
            if child.is_dir() and now - child.stat().st_mtime > _STALE_AFTER:
                for nested in reversed(_tree(child)):  # its commands' cgroups first
                    with contextlib.suppress(OSError):
                        nested.rmdir()
