"""The per-sandbox disk quota: a sandbox's workspace is a file system of its own, an ext4 image holding the
template's `diskSize`, loop-mounted by the server on the sandbox's host workspace directory. Every write into
`/home/user` counts, whoever makes it (the sandbox's code, or the server's uploads and output spills): past
diskSize it fails with ENOSPC.

Why an ext4 image (options measured on a 2-core Debian 12 VM, kernel 6.x, as root):
- tmpfs with `size=`: ~1 ms to mount, but it is memory. Each page written is charged to the memory cgroup of the
  process that wrote it (the sandbox, or the server for an upload) and stays charged after that process exits; past
  the memory limit the writer is OOM-killed instead of getting ENOSPC. The usable disk would be min(diskSize,
  memory left), and the host's RAM would hold every sandbox's files.
- a sparse ext4 image, loop-mounted: mkfs 5-15 ms + mount 5-10 ms, run in a worker thread; a cold sandbox create
  went from 58 to 61-65 ms (medians, n=15, diskSize 512 and 10240), and the warm pool hides even that; real disk
  semantics (ENOSPC, reclaimable page cache); the host holds only the blocks written (the image is sparse, and the
  `discard` mount option gives deleted files' blocks back to the host).
- project quotas need an XFS (or ext4) data directory mounted with prjquota, which a developer's machine rarely has.

The image has no journal (a sandbox's files never outlive it, there is nothing to recover), no blocks reserved for
root (`-m 0`: the server writes as root and must meet the same limit), and inode tables discarded by mkfs (no lazy
initialisation writing them later). It is sized so that diskSize MiB are usable on top of the file system's own
metadata (~2 MiB more); it lives in the sandbox's runtime directory, which the sandbox cannot see.

It needs root (CAP_SYS_ADMIN), loop devices and mkfs.ext4 (e2fsprogs). `DiskQuotas.detect()` tries once; where that
fails, sandboxes keep only the per-file limit (RLIMIT_FSIZE = diskSize) and a warning says so, once.

A server killed without cleaning up leaves its mounts behind: `release_stale(root)` unmounts them at the next start
(the loop devices go with them: mount(8) sets them to clear themselves). Everything here blocks: call it from a
worker thread.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import math
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger("agentrun.local.sandbox")

MIB = 1024 * 1024
IMAGE_NAME = "workspace.ext4"  # in the sandbox's runtime directory
_SBIN_PATH = "/usr/local/sbin:/usr/sbin:/sbin:/usr/local/bin:/usr/bin:/bin"
_MKFS_OPTIONS = (
    # 4 KiB blocks, one 256-byte inode per 16 KiB, whatever the size (mke2fs's "small" type would change both)
    *("-q", "-F", "-m", "0", "-b", "4096", "-I", "256", "-i", "16384"),
    *("-O", "^has_journal,^resize_inode", "-E", "lazy_itable_init=0,root_owner=0:0"),
)
_MOUNT_OPTIONS = "loop,nodev,nosuid,noatime,discard"
_COMMAND_TIMEOUT = 30.0
_MNT_DETACH = 2
_UMOUNT_NOFOLLOW = 8
_PROBE_MB = 4


class QuotaFailed(Exception):
    """The workspace file system could not be made or mounted; the message says why."""


def image_bytes(size_mb: int) -> int:
    """The size of an image whose free space is at least `size_mb` MiB: ext4 keeps 2 % (at most 16 MiB) in reserve
    and 1/64 for inode tables, plus bitmaps and descriptors (measured from 1 MiB to 100 GiB)."""
    reserve = min(size_mb / 49, 16.5) + 1.5 + size_mb / 8192
    return math.ceil((size_mb + reserve) * 64 / 63) * MIB


@dataclass(frozen=True)
class DiskQuotas:
    """How workspace file systems are made on this machine (found by `detect`)."""

    mkfs: str
    mount: str

    @classmethod
    def detect(cls, root: Path) -> DiskQuotas | None:
        """DiskQuotas if a test image can be made and mounted under `root` here; None (with one warning saying why
        and what diskSize means then) otherwise."""
        try:
            quotas = cls._tools()
            root.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryDirectory(prefix=".quota-probe-", dir=root) as probe:
                image, mountpoint = Path(probe) / IMAGE_NAME, Path(probe) / "mnt"
                mountpoint.mkdir()
                try:
                    quotas.attach(image, mountpoint, _PROBE_MB)
                finally:
                    release(mountpoint)
        except (QuotaFailed, OSError) as exc:
            logger.warning(
                "sandbox disk quotas are unavailable (%s): a template's diskSize limits only the size of each file "
                "a sandbox writes, not their total",
                exc,
            )
            return None
        return quotas

    @classmethod
    def _tools(cls) -> DiskQuotas:
        if not sys.platform.startswith("linux"):
            raise QuotaFailed(
                f"workspace file systems are loop-mounted ext4 images, a Linux feature; this is {sys.platform}"
            )
        if os.geteuid() != 0:
            raise QuotaFailed("mounting a workspace file system needs root")
        mkfs = shutil.which("mkfs.ext4", path=_SBIN_PATH)
        mount = shutil.which("mount", path=_SBIN_PATH)
        if mkfs is None or mount is None:
            raise QuotaFailed("mkfs.ext4 (e2fsprogs) and mount (util-linux) are needed")
        return cls(mkfs, mount)

    def attach(self, image: Path, workspace: Path, size_mb: int) -> None:
        """Make a `size_mb` MiB file system in `image` (sparse) and mount it on `workspace` (an empty directory),
        private to its owner like the directory it replaces. Raises QuotaFailed; `release` the workspace on every
        path."""
        with open(image, "wb") as file:
            file.truncate(image_bytes(size_mb))
        _run([self.mkfs, *_MKFS_OPTIONS, str(image)])
        _run([self.mount, "-t", "ext4", "-o", _MOUNT_OPTIONS, str(image), str(workspace)])
        with contextlib.suppress(FileNotFoundError):
            (workspace / "lost+found").rmdir()  # fsck's, of no use here: the workspace starts empty
        workspace.chmod(0o700)


def release(workspace: Path) -> None:
    """Unmount the workspace's file system, if it has one (its image goes with the sandbox's directory). Lazy: it
    never fails for a file still open, and the loop device is freed once the last user is gone (the sandbox's
    processes are by then)."""
    if os.path.ismount(workspace):
        unmount(workspace)


def unmount(path: Path) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.umount2(os.fsencode(path), _MNT_DETACH | _UMOUNT_NOFOLLOW) != 0:
        error = ctypes.get_errno()
        if error != 22:  # EINVAL: not a mount point (any more)
            raise OSError(error, f"cannot unmount {path}: {os.strerror(error)}")


def mounts_under(root: Path) -> list[Path]:
    """Mount points at or below `root` in this mount namespace, deepest first."""
    prefix = str(root.absolute()).rstrip("/") + "/"
    found: list[Path] = []
    try:
        with open("/proc/self/mountinfo", encoding="utf-8", errors="surrogateescape") as mountinfo:
            lines = mountinfo.readlines()
    except OSError:  # not Linux: nothing was mounted
        return []
    for line in lines:
        fields = line.split(" ")
        if len(fields) > 4:
            point = _unescape(fields[4])
            if point.startswith(prefix) or point + "/" == prefix:
                found.append(Path(point))
    return sorted(found, key=lambda path: len(path.parts), reverse=True)


def release_stale(root: Path) -> list[Path]:
    """Unmount every file system mounted under `root` (a sandbox directory of a server that is gone). Returns
    what was unmounted."""
    released = []
    for point in mounts_under(root):
        try:
            unmount(point)
        except OSError as exc:
            logger.warning("could not unmount a stale sandbox workspace: %s", exc)
            continue
        released.append(point)
    if released:
        logger.info("unmounted %d sandbox workspaces left by a previous server", len(released))
    return released


def _unescape(text: str) -> str:
    """A mountinfo path: space, tab, newline and backslash come as octal escapes."""
    for escaped, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        text = text.replace(escaped, char)
    return text


def _run(argv: list[str]) -> None:
    try:
        result = subprocess.run(
            argv,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=_COMMAND_TIMEOUT,
            check=False,
            env={"PATH": _SBIN_PATH, "LC_ALL": "C"},
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise QuotaFailed(f"{Path(argv[0]).name} failed: {exc}") from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).decode(errors="replace").strip()[-300:]
        raise QuotaFailed(f"{Path(argv[0]).name} failed ({result.returncode}): {detail}")
