"""Confinement of file-API paths to a sandbox's workspace.

Every path the file routes take is a path inside the sandbox: absolute under `/home/user` or relative to it. Only
the workspace (the host directory bound read-write at `/home/user`) is reachable; `/tmp`, `/usr` and the rest of the
sandbox are its own mounts, which the host does not see.

Sandbox code can create symlinks, hard to judge from the host: their targets are in sandbox terms
(`/home/user/x` inside means `<workspace>/x` here). So the kernel never follows a link for us: `locate` walks the
path one component at a time from a descriptor of the workspace, opening each directory with O_NOFOLLOW relative to
its parent and resolving each symlink itself, in sandbox terms, refusing any target outside the workspace. What it
hands back is a descriptor of the final directory and a name in it, and callers act with `dir_fd=` and
O_NOFOLLOW, so a link swapped in meanwhile makes the call fail instead of leading out (no check-then-use gap).

Everything here blocks: call it from a worker thread.
"""

from __future__ import annotations

import errno
import os
import posixpath
import stat
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from agentrun.local.responses import LocalAPIError, not_found
from agentrun.local.sandbox.isolation import HOME

MAX_SYMLINKS = 40  # as the kernel's own limit on links followed in one lookup
NAME_MAX = 255  # bytes in one path component, and in a whole path (PATH_MAX, with its NUL): Linux's limits
PATH_MAX = 4095
_PATH_DIR = os.O_PATH | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
# Mounts of the sandbox that live only inside it, to say why they cannot be reached.
_PRIVATE = {"/tmp": "a private tmpfs", "/dev/shm": "a private tmpfs", "/proc": "the sandbox's own /proc"}

Parts = tuple[str, ...]


def invalid_path(message: str) -> LocalAPIError:
    return LocalAPIError(400, "ERR_INVALID_PATH", message)


def _outside(shown: str, what: str) -> LocalAPIError:
    top = "/" + shown.lstrip("/").split("/", 1)[0]
    mount = _PRIVATE.get(top)
    why = f"{top} is {mount} inside the sandbox, which the host cannot see" if mount else "nothing else is shared"
    return invalid_path(
        f"{what} is outside the sandbox's workspace; the file API reaches only {HOME} and below ({why}). "
        f"Copy the file under {HOME} from code in the sandbox first, or use a path under {HOME}"
    )


@dataclass(frozen=True)
class Workspace:
    """A sandbox's workspace: `root` on the host is `/home/user` in the sandbox. `alias` is another absolute
    spelling of the same directory that sandbox code may use (its host path, when sandboxes run unisolated)."""

    root: Path
    alias: str | None = None

    def parts(self, text: str) -> Parts:
        """The components below the workspace that `text` names, checked lexically (no file-system access)."""
        if not text:
            raise invalid_path(f"path is empty: give a file path under {HOME}")
        if "\0" in text:
            raise invalid_path("path contains a NUL byte")
        joined = text if text.startswith("/") else f"{HOME}/{text}"
        if len(os.fsencode(joined)) > PATH_MAX:
            raise invalid_path(f"path is longer than {PATH_MAX} bytes (Linux's PATH_MAX); use a shorter path")
        normal = "/" + posixpath.normpath(joined).lstrip("/")  # normpath keeps a leading "//"
        below = self._below(normal)
        if below is None:
            raise _outside(normal, f"path {text!r}")
        for part in below:
            if len(os.fsencode(part)) > NAME_MAX:
                raise invalid_path(
                    f"the name {part[:40]!r}... in path is longer than {NAME_MAX} bytes (Linux's NAME_MAX); "
                    "use shorter names"
                )
        return below

    def shown(self, parts: Parts) -> str:
        """`parts` as the sandbox sees them (`/home/user/...`), printable as UTF-8 (see `display`)."""
        return display("/".join((HOME, *parts)))

    def _below(self, absolute: str) -> Parts | None:
        for base in (HOME, self.alias):
            if base is None:
                continue
            if absolute == base:
                return ()
            if absolute.startswith(base + "/"):
                return tuple(p for p in absolute[len(base) + 1 :].split("/") if p)
        return None

    @contextmanager
    def locate(self, parts: Parts, *, follow: bool, make_parents: bool = False) -> Iterator[Location]:
        """The directory holding the object `parts` names (resolved, symlinks included) and its name there.

        `follow` resolves a symlink in the last component too (read, write, list); without it the link itself is
        the object (stat, move, remove). `make_parents` creates missing directories on the way (mode 0755). The
        workspace itself comes back as name "." in itself. Descriptors close when the block ends."""
        stack = [os.open(self.root, os.O_PATH | os.O_DIRECTORY | os.O_CLOEXEC)]
        names: list[str] = []
        try:
            try:
                location = self._walk(stack, names, deque(parts), follow=follow, make_parents=make_parents)
            except OSError as exc:  # sandbox code changed the path under the walk (a link became a file...)
                raise os_error(exc, self.shown(parts)) from None
            yield location
        finally:
            for fd in stack:
                os.close(fd)

    def _walk(
        self, stack: list[int], names: list[str], pending: deque[str], *, follow: bool, make_parents: bool
    ) -> Location:
        links = 0
        while pending:
            name = pending.popleft()
            if name in ("", "."):
                continue
            if name == "..":
                if not names:
                    raise _outside("/", f"path {self.shown(tuple(names))}/.. (through a symbolic link)")
                os.close(stack.pop())
                names.pop()
                continue
            last = not pending
            if last and not follow:
                return Location(stack[-1], name, self.shown((*names, name)))
            try:
                info = os.lstat(name, dir_fd=stack[-1])
            except FileNotFoundError:
                if last:
                    return Location(stack[-1], name, self.shown((*names, name)))
                if not make_parents:
                    raise not_found("directory", self.shown((*names, name))) from None
                make_directory(stack[-1], name, 0o755, exist_ok=True)
                info = os.lstat(name, dir_fd=stack[-1])
            if stat.S_ISLNK(info.st_mode):
                links += 1
                if links > MAX_SYMLINKS:
                    raise invalid_path(f"too many levels of symbolic links at {self.shown((*names, name))}")
                target = os.readlink(name, dir_fd=stack[-1])
                link = self.shown((*names, name))
                if target.startswith("/"):
                    below = self._below("/" + posixpath.normpath(target).lstrip("/"))
                    if below is None:
                        raise _outside(target, f"{link} is a symbolic link to {target!r}, which")
                    while len(stack) > 1:
                        os.close(stack.pop())
                    names.clear()
                    pending.extendleft(reversed(below))
                else:
                    pending.extendleft(reversed(target.split("/")))
                continue
            if last:
                return Location(stack[-1], name, self.shown((*names, name)))
            if not stat.S_ISDIR(info.st_mode):
                raise not_a_directory(self.shown((*names, name)))
            try:
                stack.append(os.open(name, _PATH_DIR, dir_fd=stack[-1]))
            except OSError as exc:  # replaced by a link or a file since the lstat: refuse, never follow
                raise os_error(exc, self.shown((*names, name))) from None
            names.append(name)
        # The path ended on a directory reached through a link (`..`, `/home/user`): name it in its parent.
        if not names:
            return Location(stack[0], ".", HOME)
        shown = self.shown(tuple(names))
        os.close(stack.pop())
        return Location(stack[-1], names.pop(), shown)


@dataclass(frozen=True)
class Location:
    """An object in the workspace: `name` in the directory open as `dir_fd`; `shown` is its sandbox path."""

    dir_fd: int
    name: str
    shown: str

    def lstat(self) -> os.stat_result | None:
        """Its metadata (a symlink's own), None when nothing has that name."""
        try:
            return os.lstat(self.name, dir_fd=self.dir_fd)
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise os_error(exc, self.shown) from None

    def open(self, flags: int, mode: int = 0o600) -> int:
        """Open it without ever following a symlink (O_NOFOLLOW)."""
        try:
            return os.open(self.name, flags | os.O_NOFOLLOW | os.O_CLOEXEC, mode, dir_fd=self.dir_fd)
        except OSError as exc:
            raise os_error(exc, self.shown) from None


def display(text: str) -> str:
    """A host name as text UTF-8 can carry: bytes that are not UTF-8 (sandbox code may create such names) become
    `\\xNN`, as in command output, so an answer or error naming it can be encoded."""
    return os.fsencode(text).decode("utf-8", "backslashreplace")


def make_directory(dir_fd: int, name: str, mode: int, *, exist_ok: bool = False) -> None:
    """mkdir with exactly `mode` (the umask would narrow it)."""
    try:
        os.mkdir(name, 0o700, dir_fd=dir_fd)
    except FileExistsError:
        if exist_ok:
            return
        raise
    fd = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=dir_fd)
    try:
        os.fchmod(fd, mode)
    finally:
        os.close(fd)


def not_a_directory(shown: str) -> LocalAPIError:
    return LocalAPIError(400, "ERR_NOT_A_DIRECTORY", f"{shown} is not a directory")


def is_a_directory(shown: str, hint: str = "") -> LocalAPIError:
    return LocalAPIError(400, "ERR_IS_A_DIRECTORY", f"{shown} is a directory{hint}")


def os_error(exc: OSError, shown: str) -> LocalAPIError:
    """An OSError on `shown` as the API error that says what to change."""
    code = exc.errno
    if code == errno.ENOENT:
        return not_found("file or directory", shown)
    if code == errno.EEXIST:
        return LocalAPIError(409, "ERR_CONFLICT", f"{shown} already exists")
    if code == errno.ENOTDIR:
        return not_a_directory(shown)
    if code == errno.EISDIR:
        return is_a_directory(shown)
    if code == errno.ELOOP:
        return invalid_path(f"{shown} is a symbolic link that changed during the call; retry")
    if code in (errno.ENOSPC, errno.EDQUOT):
        # The workspace is a file system of the template's diskSize (sandbox/quota.py): name the limit, not the
        # (possibly temporary) file that met it.
        message = "the sandbox's disk is full: /home/user holds at most the template's diskSize"
        return LocalAPIError(507, "ERR_NO_SPACE", f"{message}; free space there or use a larger diskSize")
    if code in (errno.EACCES, errno.EPERM):
        return LocalAPIError(403, "ERR_FORBIDDEN", f"permission denied on {shown}; check its mode")
    if code == errno.ENAMETOOLONG:
        return invalid_path(f"a name in {shown} is too long (at most 255 bytes each)")
    if code == errno.ENOTEMPTY:
        return LocalAPIError(409, "ERR_CONFLICT", f"{shown} is a directory that is not empty")
    if code == errno.ENXIO:  # open() of a socket (or a device) that sandbox code put there
        return LocalAPIError(400, "ERR_NOT_A_FILE", f"{shown} is not a regular file")
    if code in (errno.EINVAL, errno.EBUSY, errno.ETXTBSY):
        # What sandbox code can cause between two steps of a call: a link turned into a file (readlink), an
        # object in use.
        message = f"{shown} changed or is in use during the call ({exc.strerror}); retry"
        return LocalAPIError(409, "ERR_CONFLICT", message)
    if code in (errno.EMFILE, errno.ENFILE):
        return LocalAPIError(503, "ERR_BUSY", f"the server has too many files open to reach {shown}; retry later")
    return LocalAPIError(500, "ERR_INTERNAL_SERVER_ERROR", f"{shown}: {exc.strerror or exc}")
