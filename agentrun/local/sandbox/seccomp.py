"""The seccomp filter of sandbox processes: a classic-BPF deny-list, assembled here (no libseccomp), that bwrap
loads (`--seccomp FD`) just before it starts the zygote, so every process of the sandbox inherits it.

It refuses, with EPERM, what Docker's default profile refuses and ordinary code never needs: mounting and
namespaces (mount, pivot_root, setns, the new mount API, unshare and clone with namespace flags), kernel modules,
kexec, bpf, perf events, ptrace and reading other processes' memory, the kernel keyring, userfaultfd, file
handles, swap, reboot, accounting, quotas, setting the clock, I/O ports, io_uring, and personalities other than
the harmless ones. Browser sandboxes (`nested_sandbox`) get a variant that lets Chromium build its own sandbox
inside ours, and nothing more: clone and unshare may create user, PID and network namespaces, and chroot is allowed
(Chromium's namespace sandbox chroots its renderers into an empty directory). Mount, cgroup, UTS, IPC and time
namespaces stay refused, and so does every mount call, so a namespace gained this way cannot change what the sandbox
sees of the file system. clone3 answers ENOSYS (its flags sit behind a pointer the filter cannot read; libcs then fall
back to clone, whose flags it can). Other architectures' system calls (a 32-bit binary through int 0x80) kill the
process; the x32 ABI's numbers are refused.
"""

from __future__ import annotations

import errno
import os
import platform
import struct
from dataclasses import dataclass

# linux/filter.h, linux/seccomp.h, linux/audit.h
_LD_W_ABS = 0x20
_JEQ_K = 0x15
_JGE_K = 0x35
_JSET_K = 0x45
_RET_K = 0x06
_RET_ALLOW = 0x7FFF0000
_RET_KILL_PROCESS = 0x80000000
_RET_ERRNO = 0x00050000
_AUDIT_ARCH_X86_64 = 0xC000003E
_X32_SYSCALL_BIT = 0x40000000
_NR, _ARCH, _ARG0 = 0, 4, 16  # offsets in struct seccomp_data (args[0]'s low 32 bits on little-endian)

# CLONE_NEWNS, CLONE_NEWCGROUP, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET
_CLONE_NAMESPACES = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000 | 0x40000000
_CLONE_NEWTIME = 0x00000080  # unshare only: in clone's flags these bits are the exit signal
# What Chromium's namespace sandbox creates (sandbox/linux/services/namespace_sandbox.cc in the Chromium source:
# CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET for the zygote, CLONE_NEWPID for each renderer, unshare(CLONE_NEWUSER)
# to probe for support, chroot in credentials.cc to drop file system access).
_CHROMIUM_NAMESPACES = 0x10000000 | 0x20000000 | 0x40000000
# personality(2) values Docker allows: PER_LINUX, PER_LINUX32, UNAME26, their mix, and the query
_PERSONALITIES = (0x0, 0x8, 0x20000, 0x20008, 0xFFFFFFFF)

DENIED_X86_64 = {
    "mount": 165, "umount2": 166, "pivot_root": 155, "chroot": 161, "setns": 308,
    "open_tree": 428, "move_mount": 429, "fsopen": 430, "fsconfig": 431, "fsmount": 432, "fspick": 433,
    "mount_setattr": 442, "kexec_load": 246, "kexec_file_load": 320, "create_module": 174,
    "init_module": 175, "finit_module": 313, "delete_module": 176, "bpf": 321, "perf_event_open": 298,
    "ptrace": 101, "process_vm_readv": 310, "process_vm_writev": 311, "pidfd_getfd": 438,
    "keyctl": 250, "add_key": 248, "request_key": 249, "userfaultfd": 323,
    "open_by_handle_at": 304, "name_to_handle_at": 303, "swapon": 167, "swapoff": 168, "reboot": 169,
    "acct": 163, "quotactl": 179, "quotactl_fd": 443, "nfsservctl": 180, "lookup_dcookie": 212,
    "settimeofday": 164, "clock_settime": 227, "clock_adjtime": 305, "adjtimex": 159,
    "iopl": 172, "ioperm": 173, "io_uring_setup": 425, "io_uring_enter": 426, "io_uring_register": 427,
    "syslog": 103, "vhangup": 153, "uselib": 134, "get_kernel_syms": 177, "query_module": 178,
}  # fmt: skip
_X86_64_CLONE, _X86_64_UNSHARE, _X86_64_CLONE3, _X86_64_PERSONALITY = 56, 272, 435, 135


@dataclass(frozen=True)
class _Jump:
    """A conditional jump to a label (resolved by `_assemble`)."""

    code: int
    k: int
    label: str


def supported() -> bool:
    """Whether this machine's architecture has a filter (x86_64 only, for now)."""
    return platform.machine() == "x86_64"


def filter_program(*, nested_sandbox: bool = False) -> bytes:
    """The compiled filter: struct sock_filter[], as bwrap's --seccomp reads it. `nested_sandbox`: the browser
    sandboxes' variant (see the module's docstring)."""
    denied = dict(DENIED_X86_64)
    namespaces = _CLONE_NAMESPACES
    if nested_sandbox:
        del denied["chroot"]
        namespaces &= ~_CHROMIUM_NAMESPACES
    program: list[tuple[int, int] | _Jump | str] = [
        (_LD_W_ABS, _ARCH),
        _Jump(_JEQ_K, _AUDIT_ARCH_X86_64, "native"),
        (_RET_K, _RET_KILL_PROCESS),
        "native",
        (_LD_W_ABS, _NR),
        _Jump(_JGE_K, _X32_SYSCALL_BIT, "deny"),
        *(_Jump(_JEQ_K, nr, "deny") for nr in sorted(denied.values())),
        _Jump(_JEQ_K, _X86_64_CLONE, "clone"),
        _Jump(_JEQ_K, _X86_64_UNSHARE, "unshare"),
        _Jump(_JEQ_K, _X86_64_CLONE3, "enosys"),
        _Jump(_JEQ_K, _X86_64_PERSONALITY, "personality"),
        (_RET_K, _RET_ALLOW),
        "clone",
        (_LD_W_ABS, _ARG0),
        _Jump(_JSET_K, namespaces, "deny"),
        (_RET_K, _RET_ALLOW),
        "unshare",
        (_LD_W_ABS, _ARG0),
        _Jump(_JSET_K, namespaces | _CLONE_NEWTIME, "deny"),
        (_RET_K, _RET_ALLOW),
        "personality",
        (_LD_W_ABS, _ARG0),
        *(_Jump(_JEQ_K, value, "allow") for value in _PERSONALITIES),
        "deny",
        (_RET_K, _RET_ERRNO | errno.EPERM),
        "enosys",
        (_RET_K, _RET_ERRNO | errno.ENOSYS),
        "allow",
        (_RET_K, _RET_ALLOW),
    ]
    return _assemble(program)


def _assemble(program: list[tuple[int, int] | _Jump | str]) -> bytes:
    """Instructions and labels to bytes: a _Jump goes to its label when true, on to the next instruction when not."""
    labels: dict[str, int] = {}
    instructions: list[tuple[int, int] | _Jump] = []
    for item in program:
        if isinstance(item, str):
            labels[item] = len(instructions)
        else:
            instructions.append(item)
    out = bytearray()
    for index, instruction in enumerate(instructions):
        if isinstance(instruction, _Jump):
            offset = labels[instruction.label] - index - 1
            assert 0 <= offset <= 255, f"jump to {instruction.label} out of range"
            out += struct.pack("=HBBI", instruction.code, offset, 0, instruction.k)
        else:
            out += struct.pack("=HBBI", instruction[0], 0, 0, instruction[1])
    return bytes(out)


def program_fd(*, nested_sandbox: bool = False) -> int:
    """A pipe's read end holding the filter, for bwrap's --seccomp (the caller closes it once bwrap started)."""
    data = filter_program(nested_sandbox=nested_sandbox)
    read_end, write_end = os.pipe()
    try:
        os.write(write_end, data)  # a few hundred bytes: the pipe's buffer holds them
    finally:
        os.close(write_end)
    return read_end
