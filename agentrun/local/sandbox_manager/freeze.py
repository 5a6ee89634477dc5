"""Pausing a sandbox: SIGSTOP to every process it runs, SIGCONT to resume them (PauseSandbox / ResumeSandbox).

An isolated sandbox's processes are exactly the members of its pid namespace (none can leave it); without
isolation, the descendants of its zygote (a process that detached itself is missed: nothing is isolated then
anyway). Processes forked while the signals go out are caught by repeating the pass until it finds no new one;
stopped processes cannot fork. Stopped processes still die on SIGKILL, so destroying a paused sandbox works.

Signals go through a pidfd opened before the process is checked once more, so a pid reused by another process
between the listing and the signal is never hit.
"""

from __future__ import annotations

import contextlib
import os
import signal

from agentrun.local.sandbox import SandboxHandle

_MAX_PASSES = 50


def _state_and_parent(pid: int) -> tuple[str, int] | None:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            text = stat.read()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()  # after the command name, which may hold spaces
    return fields[0], int(fields[1])


def _parents() -> dict[int, int]:
    """Parent of every live (not zombie) process."""
    parents: dict[int, int] = {}
    for name in os.listdir("/proc"):
        if name.isdigit() and (found := _state_and_parent(int(name))) and found[0] not in ("Z", "X"):
            parents[int(name)] = found[1]
    return parents


def _namespace(pid: int) -> str | None:
    try:
        return os.readlink(f"/proc/{pid}/ns/pid")
    except OSError:
        return None


class _Members:
    """Which host processes belong to one sandbox."""

    def __init__(self, sandbox: SandboxHandle) -> None:
        self.root = sandbox.init_pid
        self.namespace = _namespace(self.root) if self.root and sandbox.isolation.isolated else None
        if self.namespace is not None and self.namespace == _namespace(os.getpid()):
            self.namespace = None  # never the server's own namespace: that would stop every process of the host
        self.isolated = sandbox.isolation.isolated
        self.known: set[int] = set()

    def list(self) -> set[int]:
        if self.root is None:
            return set()
        parents = _parents()
        if self.isolated:
            if self.namespace is None:
                return set()
            return {pid for pid in parents if _namespace(pid) == self.namespace}
        found = {self.root} if self.root in parents else set()
        for pid in parents:
            chain, current = [], pid
            while current in parents and current not in found and current not in chain and current > 1:
                chain.append(current)
                current = parents[current]
            if current in found:
                found.update(chain)
        return found

    def still_member(self, pid: int) -> bool:
        if self.isolated:
            return _namespace(pid) == self.namespace
        found = _state_and_parent(pid)
        return pid == self.root or (found is not None and found[1] in self.known)


def signal_all(sandbox: SandboxHandle, signum: int) -> int:
    """(Blocking.) Send `signum` to every process of the sandbox, repeating until no new process shows up.
    Returns how many processes were signalled."""
    members = _Members(sandbox)
    for _ in range(_MAX_PASSES):
        fresh = members.list() - members.known
        if not fresh:
            break
        members.known |= fresh
        for pid in sorted(fresh):
            _signal(pid, signum, members)
    return len(members.known)


def _signal(pid: int, signum: int, members: _Members) -> None:
    try:
        pidfd = os.pidfd_open(pid)
    except OSError:
        return  # gone already
    try:
        if members.still_member(pid):  # the pidfd pins this process: a later reuse of the pid cannot be hit
            with contextlib.suppress(ProcessLookupError, PermissionError):
                signal.pidfd_send_signal(pidfd, signum)
    finally:
        os.close(pidfd)


def pause(sandbox: SandboxHandle) -> int:
    return signal_all(sandbox, signal.SIGSTOP)


def resume(sandbox: SandboxHandle) -> int:
    return signal_all(sandbox, signal.SIGCONT)
