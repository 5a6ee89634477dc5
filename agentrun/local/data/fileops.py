"""File operations on a sandbox's workspace, in sandbox terms: what the file routes do once a request is parsed.

Everything here blocks (call it through `anyio.to_thread.run_sync`) and goes through `Workspace.locate`, so no
operation follows a symlink out of the workspace. Files are written under a hidden temporary name in their
directory and renamed into place when complete: readers, the sandbox's code included, never see half a file, and
a failed write leaves nothing behind. The server creates them with its own uid, which is the sandbox's uid 1000
inside (the user namespace maps one onto the other), so sandbox code owns what the API writes.
"""

from __future__ import annotations

import base64
import errno
import os
import re
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from agentrun.local import trees
from agentrun.local.data.paths import (
    Location,
    Workspace,
    display,
    invalid_path,
    is_a_directory,
    make_directory,
    os_error,
)
from agentrun.local.responses import LocalAPIError, conflict, not_found
from agentrun.local.sandbox.isolation import HOME

MIB = 1024 * 1024
MAX_READ_BYTES = 16 * MIB  # JSON reads (ReadFile); larger files go through the download route
MAX_LIST_DEPTH = 16
MAX_LIST_ENTRIES = 20_000
TEMP_PREFIX = ".agentrun-partial-"
_DOWNLOAD_HINT = "GET /sandboxes/{id}/filesystem/download?path=..."


_OCTAL = re.compile(r"[0-7]{1,4}")


def parse_mode(text: str | None, default: int) -> int:
    """An octal permission string (`644`, `0755`, `0o600`) as an int; only permission bits are accepted."""
    if text is None or text == "":
        return default
    digits = text.strip().lower().removeprefix("0o")
    if not _OCTAL.fullmatch(digits):  # int() alone also takes signs, '_' and non-ASCII digits
        raise invalid_mode(text)
    mode = int(digits, 8)
    if mode > 0o777:
        raise invalid_mode(text)
    return mode


def invalid_mode(text: str) -> LocalAPIError:
    return LocalAPIError(
        400, "ERR_VALIDATION_FAILED", f"mode {text!r} is not an octal permission string from 000 to 777, e.g. 644"
    )


def entry(name: str, shown: str, info: os.stat_result) -> dict[str, Any]:
    """One FileEntry (listing item and StatPath result); a symlink is described, not followed."""
    if stat.S_ISDIR(info.st_mode):
        kind = "dir"
    elif stat.S_ISLNK(info.st_mode):
        kind = "symlink"
    else:
        kind = "file"
    return {
        "name": name,
        "path": shown,
        "type": kind,
        "size": info.st_size,
        "mode": f"{stat.S_IMODE(info.st_mode):04o}",
        "mtime": _iso_time(info.st_mtime),
    }


def _iso_time(seconds: float) -> str:
    """A timestamp as ISO 8601; sandbox code may set one past what datetime holds (on file systems that keep it)."""
    try:
        return datetime.fromtimestamp(seconds, UTC).isoformat()
    except (OverflowError, ValueError, OSError):
        return (datetime.max if seconds > 0 else datetime.min).replace(tzinfo=UTC).isoformat()


def open_regular(location: Location) -> tuple[int, os.stat_result]:
    """A regular file opened for reading, and its metadata. O_NONBLOCK: sandbox code could leave a FIFO there,
    whose open would otherwise hang a worker thread."""
    fd = location.open(os.O_RDONLY | os.O_NONBLOCK)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise is_a_directory(location.shown, "; list it with GET /sandboxes/{id}/filesystem?path=...")
        if not stat.S_ISREG(info.st_mode):
            raise LocalAPIError(400, "ERR_NOT_A_FILE", f"{location.shown} is not a regular file")
    except BaseException:
        os.close(fd)
        raise
    return fd, info


def read_file(workspace: Workspace, path: str, encoding: str) -> dict[str, Any]:
    """ReadFile: the content as UTF-8 text, or base64. Text that is not UTF-8 is refused, never mangled."""
    with workspace.locate(workspace.parts(path), follow=True) as location:
        fd, info = open_regular(location)
        shown = location.shown
    try:
        if info.st_size > MAX_READ_BYTES:
            raise too_large_to_read(shown, info.st_size)
        data = _read_up_to(fd, MAX_READ_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) > MAX_READ_BYTES:  # it grew while we read
        raise too_large_to_read(shown, len(data))
    if encoding == "base64":
        content = base64.b64encode(data).decode("ascii")
    else:
        try:
            content = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise LocalAPIError(
                422,
                "ERR_NOT_TEXT",
                f"{shown} is not UTF-8 text (byte {exc.start} is invalid); read it with encoding=base64, or "
                f"download the raw bytes with {_DOWNLOAD_HINT}",
            ) from None
    return {"path": shown, "content": content, "encoding": encoding, "size": len(data)}


def too_large_to_read(shown: str, size: int) -> LocalAPIError:
    return LocalAPIError(
        413,
        "ERR_FILE_TOO_LARGE",
        f"{shown} has {size} bytes, more than ReadFile returns as JSON ({MAX_READ_BYTES // MIB} MiB); "
        f"download it with {_DOWNLOAD_HINT}",
    )


def _read_up_to(fd: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while total < limit:
        chunk = os.read(fd, min(limit - total, MIB))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


class PendingFile:
    """A file being written under a hidden temporary name in a directory of the workspace, put in place by
    `commit` or removed by `discard` (either closes everything; calling `discard` again does nothing)."""

    def __init__(self, directory: Location) -> None:
        """A new temporary file in `directory` (a Location naming a directory: "." in `dir_fd`, or a name)."""
        self.name = f"{TEMP_PREFIX}{secrets.token_hex(8)}"
        self.size = 0
        self._shown = f"{directory.shown.rstrip('/')}/{self.name}"
        self._fd: int | None = None
        self._dir_fd: int | None = directory.open(os.O_PATH | os.O_DIRECTORY)
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
            self._fd = os.open(self.name, flags, 0o600, dir_fd=self._dir_fd)
        except OSError as exc:
            self.discard()
            raise os_error(exc, directory.shown) from None

    def write(self, data: bytes | bytearray | memoryview) -> None:
        assert self._fd is not None, "write after commit or discard"
        view = memoryview(data)
        try:
            while view:
                view = view[os.write(self._fd, view) :]
        except OSError as exc:
            raise os_error(exc, self._shown) from None
        self.size += len(data)

    def commit(self, target: Location, mode: int) -> None:
        """Give it `mode` and rename it over `target` (an existing file is replaced, a directory refused). On any
        failure the temporary file is removed."""
        assert self._fd is not None and self._dir_fd is not None, "commit after commit or discard"
        try:
            existing = target.lstat()
            if existing is not None and stat.S_ISDIR(existing.st_mode):
                raise is_a_directory(target.shown, "; name a file path, or the directory to upload into")
            os.fchmod(self._fd, mode)
            os.close(self._fd)
            self._fd = None
            os.rename(self.name, target.name, src_dir_fd=self._dir_fd, dst_dir_fd=target.dir_fd)
        except OSError as exc:
            self.discard()
            raise os_error(exc, target.shown) from None
        except BaseException:
            self.discard()
            raise
        os.close(self._dir_fd)
        self._dir_fd = None

    def discard(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        if self._dir_fd is None:
            return
        try:
            os.unlink(self.name, dir_fd=self._dir_fd)
        except FileNotFoundError:
            pass
        finally:
            os.close(self._dir_fd)
            self._dir_fd = None


def write_file(workspace: Workspace, path: str, data: bytes, *, mode: int, create_dir: bool) -> dict[str, Any]:
    """WriteFile: replace (or create) the file at `path` with `data`, atomically."""
    parts = workspace.parts(path)
    if not parts:
        raise is_a_directory(HOME, "; name a file under it")
    with workspace.locate(parts, follow=True, make_parents=create_dir) as location:
        existing = location.lstat()
        if existing is not None and stat.S_ISDIR(existing.st_mode):
            raise is_a_directory(location.shown, "; name a file path")
        pending = PendingFile(Location(location.dir_fd, ".", _parent(location.shown)))
        try:
            pending.write(data)
        except BaseException:
            pending.discard()
            raise
        pending.commit(location, mode)
        return {"success": True, "path": location.shown, "size": len(data)}


def begin_upload(workspace: Workspace, path: str | None) -> PendingFile:
    """A temporary file for an upload: in the target's directory when the path is known (created if missing),
    else in the workspace root (moved at commit; one file system, so the rename is cheap)."""
    if path is None:
        with workspace.locate((), follow=True) as root:
            return PendingFile(root)
    with upload_target(workspace, path, None) as target:
        directory = target if target.name == "." else Location(target.dir_fd, ".", _parent(target.shown))
        return PendingFile(directory)


@contextmanager
def upload_target(workspace: Workspace, path: str, filename: str | None) -> Iterator[Location]:
    """Where an upload goes. `path` names the file; a path ending in `/` or naming an existing directory means
    "into this directory, under the uploaded file's own name" (missing directories are created)."""
    parts = workspace.parts(path)
    into_directory = path.endswith("/") or not parts
    with workspace.locate(parts, follow=True, make_parents=True) as location:
        existing = location.lstat()
        if existing is not None and stat.S_ISDIR(existing.st_mode):
            into_directory = True
        if not into_directory:
            yield location
            return
        if existing is None:
            try:
                make_directory(location.dir_fd, location.name, 0o755)
            except OSError as exc:
                raise os_error(exc, location.shown) from None
        name = _basename(filename) if filename is not None else "."  # "." while the file's name is not known yet
        fd = location.open(os.O_PATH | os.O_DIRECTORY)
        try:
            yield Location(fd, name, location.shown if name == "." else f"{location.shown.rstrip('/')}/{name}")
        finally:
            os.close(fd)


def commit_upload(workspace: Workspace, pending: PendingFile, path: str, filename: str | None) -> dict[str, Any]:
    """Put an uploaded file in place; on any failure (a bad path included) it is removed."""
    try:
        with upload_target(workspace, path, filename) as target:
            if target.name == ".":
                raise invalid_path(f"{target.shown} is a directory and the file part has no filename; name the file")
            pending.commit(target, 0o644)
            return {"success": True, "path": target.shown, "size": pending.size}
    except BaseException:
        pending.discard()
        raise


def _basename(filename: str) -> str:
    """The last component of a client's file name (browsers may send `C:\\dir\\a.txt`), checked."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    if name in ("", ".", "..") or "\0" in name:
        raise invalid_path(f"the file part's filename {filename!r} is not a usable name; put the file name in path")
    return name


def _parent(shown: str) -> str:
    return shown.rsplit("/", 1)[0] or "/"


def stat_path(workspace: Workspace, path: str) -> dict[str, Any]:
    """StatPath: metadata of the path itself (a symlink is reported as one)."""
    with workspace.locate(workspace.parts(path), follow=False) as location:
        info = location.lstat()
        if info is None:
            raise not_found("file or directory", location.shown)
        return entry(location.shown.rsplit("/", 1)[-1], location.shown, info)


def list_directory(workspace: Workspace, path: str | None, depth: int) -> dict[str, Any]:
    """ListDirectory: entries down to `depth` levels, flat, each with its full path; symlinks are listed, never
    descended into."""
    if not 1 <= depth <= MAX_LIST_DEPTH:
        raise LocalAPIError(400, "ERR_VALIDATION_FAILED", f"depth must be from 1 to {MAX_LIST_DEPTH}, got {depth}")
    with workspace.locate(workspace.parts(HOME if path is None else path), follow=True) as location:
        fd = location.open(os.O_RDONLY | os.O_DIRECTORY)
        shown = location.shown
    entries: list[dict[str, Any]] = []
    try:
        _scan(fd, shown, depth, entries)
    finally:
        os.close(fd)
    return {"path": shown, "entries": entries}


def _scan(fd: int, shown: str, depth: int, out: list[dict[str, Any]]) -> None:
    with os.scandir(fd) as iterator:
        children = sorted(iterator, key=lambda item: item.name)
    for child in children:
        try:
            info = child.stat(follow_symlinks=False)
        except FileNotFoundError:
            continue  # removed while we listed
        name = display(child.name)
        child_shown = f"{shown.rstrip('/')}/{name}"
        out.append(entry(name, child_shown, info))
        if len(out) > MAX_LIST_ENTRIES:
            raise LocalAPIError(
                413,
                "ERR_TOO_MANY_ENTRIES",
                f"the listing has more than {MAX_LIST_ENTRIES} entries; list with a smaller depth or a subdirectory",
            )
        if depth > 1 and stat.S_ISDIR(info.st_mode):
            try:
                child_fd = os.open(child.name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=fd)
            except OSError:
                continue  # replaced or unreadable since: list what is there
            try:
                _scan(child_fd, child_shown, depth - 1, out)
            finally:
                os.close(child_fd)


def make_directories(workspace: Workspace, path: str, *, parents: bool, mode: int) -> dict[str, Any]:
    """MakeDirectory: like `mkdir` (`mkdir -p` with `parents`, where an existing directory is fine)."""
    parts = workspace.parts(path)
    with workspace.locate(parts, follow=True, make_parents=parents) as location:
        existing = location.lstat()
        if existing is not None:
            if not stat.S_ISDIR(existing.st_mode):
                raise conflict(f"{location.shown} already exists and is not a directory")
            if not parents:
                raise conflict(f"directory {location.shown} already exists (pass parents true to accept that)")
        else:
            try:
                make_directory(location.dir_fd, location.name, mode)
            except OSError as exc:
                raise os_error(exc, location.shown) from None
        return {"success": True, "path": location.shown}


def move_path(workspace: Workspace, source: str, destination: str) -> dict[str, Any]:
    """MovePath: rename `source` (a symlink itself, not its target) to `destination`, which must not exist and
    whose directory must."""
    source_parts = workspace.parts(source)
    destination_parts = workspace.parts(destination)
    if not source_parts:
        raise invalid_path(f"cannot move the workspace {HOME} itself; move the entries in it")
    if not destination_parts:
        raise conflict(f"{HOME} already exists; name a destination under it")
    with (
        workspace.locate(source_parts, follow=False) as origin,
        workspace.locate(destination_parts, follow=False) as target,
    ):
        if origin.lstat() is None:
            raise not_found("file or directory", origin.shown)
        if target.lstat() is not None:
            raise conflict(f"{target.shown} already exists; remove it first or choose another destination")
        try:
            os.rename(origin.name, target.name, src_dir_fd=origin.dir_fd, dst_dir_fd=target.dir_fd)
        except OSError as exc:
            if exc.errno == errno.EINVAL:
                raise invalid_path(f"cannot move {origin.shown} into itself ({target.shown})") from None
            raise os_error(exc, target.shown) from None
        return {"success": True, "source": origin.shown, "destination": target.shown}


def remove_path(workspace: Workspace, path: str) -> dict[str, Any]:
    """RemovePath: a file, a symlink (not its target) or a directory with everything in it."""
    parts = workspace.parts(path)
    if not parts:
        raise invalid_path(f"refusing to remove the workspace {HOME} itself; remove the entries in it")
    with workspace.locate(parts, follow=False) as location:
        info = location.lstat()
        if info is None:
            raise not_found("file or directory", location.shown)
        try:
            if stat.S_ISDIR(info.st_mode):
                remove_tree(location.dir_fd, location.name, location.shown)
            else:
                os.unlink(location.name, dir_fd=location.dir_fd)
        except OSError as exc:
            raise os_error(exc, location.shown) from None
        return {"success": True, "path": location.shown}


MAX_REMOVE_DEPTH = 1024


def remove_tree(parent_fd: int, name: str, shown: str) -> None:
    """Remove directory `name` of `parent_fd` with everything in it (trees.remove_tree: no link followed, no FIFO
    waited on, no recursion); past MAX_REMOVE_DEPTH levels a 409 saying what to do."""
    trees.remove_tree(
        parent_fd,
        name,
        max_depth=MAX_REMOVE_DEPTH,
        too_deep=lambda: conflict(
            f"{shown} nests directories deeper than {MAX_REMOVE_DEPTH} levels; remove its deepest directories "
            "first (rm -rf from code in the sandbox)"
        ),
    )


def open_download(workspace: Workspace, path: str) -> tuple[int, int, str]:
    """DownloadFile: an open descriptor of the regular file at `path`, its size and its sandbox path."""
    with workspace.locate(workspace.parts(path), follow=True) as location:
        fd, info = open_regular(location)
        return fd, info.st_size, location.shown
