"""Reaching a unix socket that code inside a sandbox bound in its workspace, without trusting the path: sandbox code
can replace any file there with a link to somewhere on the host.

    fd = open_socket(workspace, ".agentrun", "agent.sock")   # an O_PATH descriptor of the socket's inode
    path = f"/proc/self/fd/{fd}"                               # connect() here reaches that inode, whatever its
                                                               # name points to later; close(fd) when done
Each component is opened relative to the last with O_NOFOLLOW, and the last must be a socket (OSError otherwise).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_FLAGS = os.O_PATH | os.O_NOFOLLOW | os.O_CLOEXEC


def open_socket(workspace: Path, *names: str) -> int:
    """(Blocking.) An O_PATH descriptor of the socket `workspace/names...` (the workspace itself is the server's own
    directory and is trusted); OSError when a component is a link, missing, or the end is not a socket."""
    current = os.open(workspace, os.O_PATH | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        for name in names[:-1]:
            following = os.open(name, _FLAGS | os.O_DIRECTORY, dir_fd=current)
            os.close(current)
            current = following
        target = os.open(names[-1], _FLAGS, dir_fd=current)
    finally:
        os.close(current)
    if not stat.S_ISSOCK(os.fstat(target).st_mode):
        os.close(target)
        raise OSError(f"{'/'.join(names)} in the sandbox's workspace is not a socket")
    return target
