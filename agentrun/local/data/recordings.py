"""Recordings of a browser sandbox (openapi/data.yaml ListRecordings, DownloadRecording, DeleteRecording): the
`.mkv` files `?recording=true` sessions left in `/home/user/.browser/recordings/` (browser/recorder.py).

A name is one file name of that directory, nothing else: no separator, no leading dot, ending in `.mkv`. Files are
reached through the file API's confinement (data/paths.py: no link leaves the workspace) and streamed like
DownloadFile; recordings still being written are not listed.
"""

from __future__ import annotations

import os
import re
import stat
from typing import Any

import anyio
import anyio.to_thread
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from agentrun.local.browser import recorder
from agentrun.local.data import fileops
from agentrun.local.data.files import FileDownload, answer, workspace_of
from agentrun.local.data.paths import Workspace
from agentrun.local.data.sandbox_access import running_sandbox
from agentrun.local.responses import LocalAPIError, bad_request, not_found

_NAME = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,250}\.mkv")
DIRECTORY = f"/home/user/{recorder.DIRECTORY}"


def _path(filename: str) -> str:
    if not _NAME.fullmatch(filename):
        raise bad_request(
            f"invalid recording name {filename!r}: use a name ListRecordings gave (letters, digits, '.', '_', '-', "
            "ending in .mkv, no path)"
        )
    return f"{DIRECTORY}/{filename}"


def _list(workspace: Workspace, active: set[str]) -> list[dict[str, Any]]:
    with workspace.locate(workspace.parts(DIRECTORY), follow=False) as location:
        info = location.lstat()
        if info is None or not stat.S_ISDIR(info.st_mode):
            return []
        fd = location.open(os.O_RDONLY | os.O_DIRECTORY)
    try:
        with os.scandir(fd) as entries:
            found = [
                {"filename": entry.name, "size": entry.stat(follow_symlinks=False).st_size}
                for entry in entries
                if _NAME.fullmatch(entry.name)
                and entry.is_file(follow_symlinks=False)
                and not any(entry.name.startswith(prefix) for prefix in active)
            ]
    finally:
        os.close(fd)
    return sorted(found, key=lambda item: str(item["filename"]))


async def list_recordings(request: Request) -> Response:
    sandbox = await running_sandbox(request)
    active = set(recorder.in_progress.get(str(sandbox.workspace), ()))
    return answer(request, {"recordings": await anyio.to_thread.run_sync(_list, workspace_of(sandbox), active)})


def _open(workspace: Workspace, path: str, filename: str) -> tuple[int, int]:
    try:
        fd, size, _ = fileops.open_download(workspace, path)
    except LocalAPIError as exc:
        if exc.status == 404:
            raise not_found("recording", filename) from None
        raise
    return fd, size


async def download_recording(request: Request) -> Response:
    filename = str(request.path_params["filename"])
    path = _path(filename)
    sandbox = await running_sandbox(request)
    fd, size = await anyio.to_thread.run_sync(_open, workspace_of(sandbox), path, filename)
    download = FileDownload(fd, size, filename, request)
    download.headers["content-type"] = "video/x-matroska"
    return download


def _remove(workspace: Workspace, path: str, filename: str) -> None:
    with workspace.locate(workspace.parts(path), follow=False) as location:
        info = location.lstat()
        if info is None or not stat.S_ISREG(info.st_mode):
            raise not_found("recording", filename)
        os.unlink(location.name, dir_fd=location.dir_fd)


async def delete_recording(request: Request) -> Response:
    filename = str(request.path_params["filename"])
    path = _path(filename)
    sandbox = await running_sandbox(request)
    await anyio.to_thread.run_sync(_remove, workspace_of(sandbox), path, filename)
    return answer(request, {"success": True})


def routes() -> list[BaseRoute]:
    item = "/sandboxes/{sandboxId}/recordings"
    return [
        Route(item, list_recordings, methods=["GET"]),
        Route(f"{item}/{{filename}}", download_recording, methods=["GET"]),
        Route(f"{item}/{{filename}}", delete_recording, methods=["DELETE"]),
    ]
