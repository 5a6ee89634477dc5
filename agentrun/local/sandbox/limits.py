"""Resource limits of a sandbox, from its template, and how they become rlimits inside the sandbox.

rlimits are always applied (by the zygote, so every process of the sandbox inherits them) and are per process:
RLIMIT_AS bounds each process's address space (a memory bomb gets MemoryError), RLIMIT_FSIZE the size of any one
file, RLIMIT_NPROC the number of processes. cgroups (cgroups.py), when writable, add per-sandbox totals.

RLIMIT_NPROC does not bind processes whose host uid is 0: when the server runs as root, only the cgroup `pids`
controller limits the number of processes (see `SandboxHandle.process_limit`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

MIB = 1024 * 1024
N = TypeVar("N", int, float)


@dataclass(frozen=True)
class Limits:
    """Per-sandbox limits. `None` leaves a resource unlimited."""

    memory_mb: int | None = 2048  # RLIMIT_AS per process; cgroup memory limit for the whole sandbox
    max_processes: int | None = 256  # RLIMIT_NPROC; cgroup pids.max
    disk_mb: int | None = None  # RLIMIT_FSIZE: the largest file a process may write
    cpu: float | None = None  # cores, as a cgroup CPU quota (cgroups only)
    cpu_seconds: int | None = None  # RLIMIT_CPU per process (SIGKILL when exceeded)
    open_files: int | None = 4096  # RLIMIT_NOFILE
    tmp_mb: int | None = 1024  # size of the sandbox's /tmp and /dev/shm (memory-backed), when bwrap supports --size
    # RLIMIT_AS = memory_mb per process. False for browser sandboxes: Chromium reserves tens of GiB of address space
    # and cannot start under any useful RLIMIT_AS, so only the cgroup bounds their memory.
    address_space: bool = True
    # Let the sandbox's processes build a sandbox of their own: user, PID and network namespaces and chroot (no bwrap
    # --disable-userns, seccomp.py's nested variant). True for browser sandboxes only, so that Chromium's own sandbox
    # runs inside ours; code sandboxes never get it.
    nested_sandbox: bool = False

    @classmethod
    def from_template(cls, template: Mapping[str, Any]) -> Limits:
        """Limits from a template document (`cpu` cores, `memory` MB, `diskSize` MB, as the control plane keeps
        them); absent fields keep the defaults."""
        defaults = cls()
        return cls(
            memory_mb=positive(template.get("memory"), int) or defaults.memory_mb,
            disk_mb=positive(template.get("diskSize"), int) or defaults.disk_mb,
            cpu=positive(template.get("cpu"), float) or defaults.cpu,
        )

    def rlimits(self) -> dict[str, int]:
        """The rlimits the zygote applies, by name (zygote.py maps the names onto `resource` constants)."""
        limits: dict[str, int] = {}
        if self.memory_mb is not None and self.address_space:
            limits["AS"] = self.memory_mb * MIB
        if self.max_processes is not None:
            limits["NPROC"] = self.max_processes
        if self.disk_mb is not None:
            limits["FSIZE"] = self.disk_mb * MIB
        if self.cpu_seconds is not None:
            limits["CPU"] = self.cpu_seconds
        if self.open_files is not None:
            limits["NOFILE"] = self.open_files
        return limits


def positive(value: Any, kind: type[N]) -> N | None:
    """A template's number (a JSON number or a numeric string) as a positive `kind`; None when it is not one."""
    try:
        number = kind(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None
