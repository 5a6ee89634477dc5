"""Removing a directory tree that sandbox code wrote: without following links (each directory opened with
O_DIRECTORY | O_NOFOLLOW, so a link swapped in makes the call fail instead of leading elsewhere, and a FIFO never
blocks it) and without recursion (sandbox code can nest directories deeper than Python's stack; shutil.rmtree
recurses and raises RecursionError there)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

_TREE_DIR = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC


def remove_tree(
    parent_fd: int, name: str, *, max_depth: int | None = None, too_deep: Callable[[], Exception] | None = None
) -> None:
    """Remove directory `name` of `parent_fd` with everything in it. Past `max_depth` nested levels, raises
    `too_deep()` (what is removed so far stays removed). OSError as the system reports it."""
    stack = [(parent_fd, name, os.open(name, _TREE_DIR, dir_fd=parent_fd))]
    try:
        while stack:
            _, _, fd = stack[-1]
            with os.scandir(fd) as entries:
                subdirectory = None
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        subdirectory = entry.name
                        break
                    os.unlink(entry.name, dir_fd=fd)
            if subdirectory is not None:
                if max_depth is not None and len(stack) >= max_depth:
                    raise (too_deep() if too_deep else OSError(f"{name} nests directories deeper than {max_depth}"))
                stack.append((fd, subdirectory, os.open(subdirectory, _TREE_DIR, dir_fd=fd)))
                continue
            parent, child, fd = stack.pop()
            os.close(fd)
            os.rmdir(child, dir_fd=parent)
    finally:
        for _, _, fd in stack:
            os.close(fd)


def remove_path(path: Path) -> None:
    """(Blocking.) Remove the directory tree at `path` as `remove_tree` does, ignoring what cannot be removed (a
    tree already gone, a mount point still busy): for clean-up, where nobody waits for an answer."""
    with contextlib.suppress(OSError):
        parent = os.open(path.parent, _TREE_DIR)
        try:
            remove_tree(parent, path.name)
        finally:
            os.close(parent)
