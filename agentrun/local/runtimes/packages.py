"""Code packages as CreateAgentRuntime/UpdateAgentRuntime carry them (openapi/control.yaml, CodeConfiguration): a
base64 zip with an optional CRC-64 checksum. Everything is checked before anything is written; a package that fails
a check raises PackageError (a 400 saying what to change) and leaves nothing behind.

Limits (AgentRun Local's own): the zip at most 50 MiB, its files at most 500 MiB unpacked and 20,000 entries. Members
must be plain files or directories under the package root: no absolute paths, no `..`, no symbolic links or devices.
"""

from __future__ import annotations

import base64
import binascii
import io
import os
import stat
import zipfile
from pathlib import Path, PurePosixPath

from agentrun._core.crc64 import crc64
from agentrun.local import trees

MAX_ZIP_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 500 * 1024 * 1024
MAX_ENTRIES = 20_000
_CHUNK = 1 << 20


class PackageError(Exception):
    """The code package cannot be used; the message says what to change."""


def decode(zip_base64: str) -> bytes:
    """The zip bytes of `codeConfiguration.zipFile`."""
    # base64 is 4/3 of the bytes: refuse an oversized package before decoding it.
    if len(zip_base64) > (MAX_ZIP_BYTES * 4) // 3 + 4:
        raise PackageError(
            f"codeConfiguration.zipFile is larger than {MAX_ZIP_BYTES // (1024 * 1024)} MiB (the limit of AgentRun "
            "Local's code packages): leave large files out of the package, or install them from requirements.txt"
        )
    try:
        return base64.b64decode(zip_base64, validate=True)
    except (binascii.Error, ValueError):
        raise PackageError(
            "codeConfiguration.zipFile is not valid base64: send the zip's bytes base64-encoded"
        ) from None


def check_checksum(data: bytes, checksum: str | None) -> None:
    """`checksum`, when given, must be the zip's CRC-64/XZ as a decimal string (blocking: ~12 MB/s)."""
    if checksum is None or checksum == "":
        return
    actual = crc64(data)
    if checksum.strip() != str(actual):
        raise PackageError(
            f"codeConfiguration.checksum is {checksum!r} but the zip's CRC-64 is {actual}: send the CRC-64/XZ of "
            "exactly the zip you send, as a decimal string (AgentRuntimeCode.from_file computes it), or leave it out"
        )


def _member_path(info: zipfile.ZipInfo) -> PurePosixPath | None:
    """The member's relative path, or None for the root itself; PackageError for one that escapes or is special."""
    name = info.filename.replace("\\", "/")
    path = PurePosixPath(name)
    if name.startswith("/") or path.is_absolute() or (len(name) > 1 and name[1] == ":"):
        raise PackageError(
            f"zip member {info.filename!r} has an absolute path: store paths relative to the package root"
        )
    if ".." in path.parts:
        raise PackageError(f"zip member {info.filename!r} points outside the package ('..'): remove it from the zip")
    mode = info.external_attr >> 16
    kind = stat.S_IFMT(mode)
    if kind == stat.S_IFLNK:
        raise PackageError(f"zip member {info.filename!r} is a symbolic link: package the file it points to instead")
    if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
        raise PackageError(f"zip member {info.filename!r} is not a regular file or directory: remove it from the zip")
    parts = [part for part in path.parts if part not in ("", ".")]
    return PurePosixPath(*parts) if parts else None


def _open(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise PackageError(f"codeConfiguration.zipFile is not a readable zip ({exc}): send a zip archive") from None


def _plan(archive: zipfile.ZipFile) -> list[tuple[zipfile.ZipInfo, PurePosixPath]]:
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise PackageError(f"the zip has {len(infos)} entries, more than {MAX_ENTRIES}: package fewer files")
    declared = sum(info.file_size for info in infos)
    if declared > MAX_UNPACKED_BYTES:
        raise PackageError(
            f"the zip unpacks to {declared} bytes, more than {MAX_UNPACKED_BYTES // (1024 * 1024)} MiB: "
            "leave large files out of the package"
        )
    planned = [(info, path) for info in infos if (path := _member_path(info)) is not None]
    if not any(not info.is_dir() for info, _ in planned):
        raise PackageError("the zip holds no files: package the agent's code (e.g. main.py)")
    return planned


def _extract(archive: zipfile.ZipFile, planned: list[tuple[zipfile.ZipInfo, PurePosixPath]], dest: Path) -> None:
    written = 0
    for info, relative in planned:
        target = dest.joinpath(*relative.parts)
        if info.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        executable = bool((info.external_attr >> 16) & 0o111)
        # O_EXCL|O_NOFOLLOW: a name given twice, or a path through something not a directory, fails here.
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o755 if executable else 0o644)
        with os.fdopen(fd, "wb") as out, archive.open(info) as member:
            while chunk := member.read(_CHUNK):
                written += len(chunk)
                if written > MAX_UNPACKED_BYTES:  # the headers may understate sizes
                    raise PackageError(
                        f"the zip unpacks to more than {MAX_UNPACKED_BYTES // (1024 * 1024)} MiB: "
                        "leave large files out of the package"
                    )
                out.write(chunk)


def unpack(data: bytes, checksum: str | None, dest: Path) -> None:
    """(Blocking.) Check the package and unpack it into `dest`, which must not exist yet. On any failure `dest` is
    removed and PackageError raised."""
    check_checksum(data, checksum)
    with _open(data) as archive:
        planned = _plan(archive)
        dest.mkdir(parents=True)
        try:
            _extract(archive, planned, dest)
        except PackageError:
            trees.remove_path(dest)
            raise
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
            trees.remove_path(dest)
            raise PackageError(f"the zip cannot be unpacked ({exc}): send an intact zip archive") from None
        except BaseException:
            trees.remove_path(dest)
            raise
