"""Sandbox code can nest directories deeper than Python's stack. The server removes such trees when a sandbox ends
(without a disk quota the tree lies in the host directory) and at start-up (sandboxes a killed server left): that
must not fail with a RecursionError (shutil.rmtree recurses) nor leave the tree behind."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from agentrun.local import trees
from agentrun.local.sandbox.isolation import SandboxPaths

DEPTH = sys.getrecursionlimit() * 3


def nest(directory: Path, depth: int) -> None:
    """`depth` nested directories under `directory`, with a file, a symbolic link out and a FIFO at the bottom."""
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    for _ in range(depth):
        os.mkdir("d", dir_fd=fd)
        inner = os.open("d", os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
        os.close(fd)
        fd = inner
    try:
        with open(os.open("file", os.O_WRONLY | os.O_CREAT, 0o600, dir_fd=fd), "w") as file:
            file.write("x")
        os.symlink("/", "link", dir_fd=fd)
        os.mkfifo("fifo", dir_fd=fd)
    finally:
        os.close(fd)


def test_removing_a_sandbox_directory_takes_a_tree_deeper_than_the_stack(tmp_path: Path) -> None:
    paths = SandboxPaths(tmp_path / "sbx" / "workspace", tmp_path / "sbx" / "runtime")
    paths.workspace.mkdir(parents=True)
    paths.runtime.mkdir()
    nest(paths.workspace, DEPTH)
    try:
        paths.remove()
        assert not (tmp_path / "sbx").exists()
    finally:  # a tree left behind would break pytest's own clean-up of old temporary directories (shutil.rmtree)
        trees.remove_path(tmp_path / "sbx")


def test_remove_path_never_follows_a_link(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "kept").write_text("kept")
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "out").symlink_to(outside)
    trees.remove_path(tree)
    assert not tree.exists() and (outside / "kept").read_text() == "kept"
