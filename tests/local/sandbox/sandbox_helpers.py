"""Helpers for the sandbox engine tests: what /proc says about processes (no psutil)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import anyio


def _stat_fields(pid: int) -> list[str] | None:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            text = stat.read()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()  # fields from `state` on (the command name may hold spaces)


def alive(pid: int) -> bool:
    """The process exists and is not a zombie."""
    fields = _stat_fields(pid)
    return fields is not None and fields[0] not in ("Z", "X")


def all_pids() -> list[int]:
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def group_members(pgid: int) -> list[int]:
    """Live processes whose process group is `pgid`."""
    members = []
    for pid in all_pids():
        fields = _stat_fields(pid)
        if fields is not None and fields[0] not in ("Z", "X") and int(fields[2]) == pgid:
            members.append(pid)
    return members


def descendants(ancestor: int) -> set[int]:
    """Live processes below `ancestor` in the process tree."""
    parents: dict[int, int] = {}
    for pid in all_pids():
        fields = _stat_fields(pid)
        if fields is not None and fields[0] not in ("Z", "X"):
            parents[pid] = int(fields[1])
    found: set[int] = set()
    for pid in parents:
        current = parents[pid]
        while current in parents:
            if current == ancestor or current in found:
                found.add(pid)
                break
            current = parents[current]
    return found


def mentioning(text: str) -> list[int]:
    """Live processes whose command line contains `text` (a sandbox's directory, say: bwrap's arguments name it)."""
    found = []
    for pid in all_pids():
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
                if text.encode() in cmdline.read() and alive(pid):
                    found.append(pid)
        except OSError:
            continue
    return found


def describe(pids: list[int]) -> str:
    """Each process's state, parent and command line, for a failure message."""
    lines = []
    for pid in pids:
        stat = _stat_fields(pid)
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if stat is not None:
            lines.append(f"pid {pid} state {stat[0]} ppid {stat[1]}: {cmdline[:300]}")
    return "\n".join(lines)


def pid_namespace(pid: int) -> str:
    return os.readlink(f"/proc/{pid}/ns/pid")


def namespace_members(namespace: str) -> list[int]:
    """Live processes in the pid namespace `namespace` (as `pid_namespace` names it)."""
    members = []
    for pid in all_pids():
        try:
            if os.readlink(f"/proc/{pid}/ns/pid") != namespace:
                continue
        except OSError:
            continue
        if alive(pid):
            members.append(pid)
    return members


async def eventually(check: Callable[[], bool], timeout: float = 5.0) -> bool:
    """Poll `check` until it is true or `timeout` passes."""
    with anyio.move_on_after(timeout):
        while not check():  # noqa: ASYNC110 - /proc offers nothing to wait on
            await anyio.sleep(0.02)
        return True
    return check()
