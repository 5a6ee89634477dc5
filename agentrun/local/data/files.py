"""Files and filesystem routes of a sandbox (openapi/data.yaml): read, write, list, stat, mkdir, move, remove,
upload and download, on the sandbox's workspace (`/home/user` inside; see paths.py for how paths are confined).

In-sandbox calls answer bare JSON. File work runs in worker threads (fileops.py); uploads and downloads stream in
bounded chunks, so no file is ever held whole in memory, and count as one long activity of the sandbox (`busy`).
"""

from __future__ import annotations

import base64
import binascii
import os
from contextlib import aclosing
from typing import Any
from urllib.parse import quote

import anyio
import anyio.to_thread
from agentrun_data_api.models import MakeDirectoryInput, MovePathInput, RemovePathInput, WriteFileInput
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import Receive, Scope, Send

from agentrun.local.asgi import cancel_on_disconnect
from agentrun.local.data import fileops
from agentrun.local.data.multipart import PartData, PartEnd, PartStart, read_parts
from agentrun.local.data.paths import Workspace
from agentrun.local.data.sandbox_access import busy, running_sandbox
from agentrun.local.requests import positive_int, read_body
from agentrun.local.responses import REQUEST_ID_HEADER, LocalAPIError, bad_request, client_left, request_id
from agentrun.local.sandbox import SandboxHandle

MIB = fileops.MIB
CHUNK = MIB  # upload writes and download reads: one worker-thread hop per MiB
# A WriteFile body holds the whole content (base64 adds a third): past this, upload the file instead.
MAX_WRITE_BODY = 64 * MIB
_PATH_FIELD_LIMIT = 4096


def workspace_of(sandbox: SandboxHandle) -> Workspace:
    """The sandbox's workspace; an unisolated sandbox's code sees it at its host path, accepted as well."""
    return Workspace(sandbox.workspace, alias=None if sandbox.isolation.isolated else str(sandbox.workspace))


def answer(request: Request, body: dict[str, Any]) -> JSONResponse:
    return JSONResponse(body, headers={REQUEST_ID_HEADER: request_id(request.scope)})


def _query_path(request: Request) -> str:
    path = request.query_params.get("path")
    if path is None:
        raise bad_request("query parameter path is required: the file's path under /home/user")
    return path


def _encoding(value: object) -> str:
    text = "utf-8" if value is None else str(value).strip().lower()
    if text in ("utf-8", "utf8", "text"):
        return "utf-8"
    if text == "base64":
        return "base64"
    raise bad_request(f"encoding must be utf-8 or base64, got {value!r}")


async def read_file(request: Request) -> Response:
    workspace = workspace_of(await running_sandbox(request))
    path = _query_path(request)
    encoding = _encoding(request.query_params.get("encoding"))
    return answer(request, await anyio.to_thread.run_sync(fileops.read_file, workspace, path, encoding))


async def write_file(request: Request) -> Response:
    sandbox = await running_sandbox(request)
    workspace = workspace_of(sandbox)
    body = await read_body(request, WriteFileInput, limit=MAX_WRITE_BODY, hint="upload it with /filesystem/upload")
    encoding = _encoding(body.get("encoding"))
    content = body["content"]
    if encoding == "base64":
        try:
            data = base64.b64decode(content, validate=True)
        except (binascii.Error, ValueError):
            raise bad_request("content is not valid base64 (encoding is base64)") from None
    else:
        try:
            data = content.encode()
        except UnicodeEncodeError:
            raise bad_request("content holds a lone UTF-16 surrogate; send binary content as base64") from None
    if sandbox.limits.disk_mb is not None and len(data) > sandbox.limits.disk_mb * MIB:
        raise too_large_file(sandbox.limits.disk_mb, "file")
    mode = fileops.parse_mode(body.get("mode"), 0o644)
    create_dir = body.get("createDir", True)

    def write() -> dict[str, Any]:
        return fileops.write_file(workspace, body["path"], data, mode=mode, create_dir=create_dir)

    return answer(request, await anyio.to_thread.run_sync(write))


async def list_directory(request: Request) -> Response:
    workspace = workspace_of(await running_sandbox(request))
    path = request.query_params.get("path")
    depth = positive_int(request.query_params, "depth", 1)
    return answer(request, await anyio.to_thread.run_sync(fileops.list_directory, workspace, path, depth))


async def stat_path(request: Request) -> Response:
    workspace = workspace_of(await running_sandbox(request))
    return answer(request, await anyio.to_thread.run_sync(fileops.stat_path, workspace, _query_path(request)))


async def make_directory(request: Request) -> Response:
    workspace = workspace_of(await running_sandbox(request))
    body = await read_body(request, MakeDirectoryInput)
    mode = fileops.parse_mode(body.get("mode"), 0o755)
    parents = body.get("parents", True)

    def make() -> dict[str, Any]:
        return fileops.make_directories(workspace, body["path"], parents=parents, mode=mode)

    return answer(request, await anyio.to_thread.run_sync(make))


async def move_path(request: Request) -> Response:
    workspace = workspace_of(await running_sandbox(request))
    body = await read_body(request, MovePathInput)
    move = fileops.move_path
    return answer(request, await anyio.to_thread.run_sync(move, workspace, body["source"], body["destination"]))


async def remove_path(request: Request) -> Response:
    workspace = workspace_of(await running_sandbox(request))
    body = await read_body(request, RemovePathInput)
    return answer(request, await anyio.to_thread.run_sync(fileops.remove_path, workspace, body["path"]))


def too_large_file(limit_mb: int, what: str = "upload") -> LocalAPIError:
    return LocalAPIError(
        413,
        "ERR_FILE_TOO_LARGE",
        f"the {what} exceeds the sandbox's disk size of {limit_mb} MB (the template's diskSize); "
        f"send a smaller {what} or use a template with a larger diskSize",
    )


async def upload_file(request: Request) -> Response:
    """UploadFile: multipart `path` then `file` (the official SDK's order; `path` after the file works too). The
    file streams into a temporary file, renamed into place once complete; any failure, a client that goes away
    included, removes it."""
    async with busy(request) as sandbox:
        workspace = workspace_of(sandbox)
        limit_mb = sandbox.limits.disk_mb
        declared = request.headers.get("content-length", "")
        if limit_mb is not None and declared.isdigit() and int(declared) > (limit_mb + 1) * MIB:
            raise too_large_file(limit_mb)  # the whole body is bigger than the file may be: say so at once
        upload = _Upload(workspace, limit_mb)
        try:
            async with aclosing(read_parts(request)) as events:
                async for event in events:
                    await upload.on(event)
            result = await upload.finish()
        except ClientDisconnect:
            return client_left(request.scope)  # nobody is left to read an answer
        finally:
            with anyio.CancelScope(shield=True):
                await upload.discard()
    return answer(request, result)


class _Upload:
    """The state of one upload as its multipart events arrive."""

    def __init__(self, workspace: Workspace, limit_mb: int | None) -> None:
        self.workspace = workspace
        self.limit_mb = limit_mb
        self.path: str | None = None
        self.filename: str | None = None
        self.pending: fileops.PendingFile | None = None
        self.part: str | None = None  # "path", "file", or None between parts
        self.files = 0
        self.buffer = bytearray()
        self.field = bytearray()

    async def on(self, event: PartStart | PartData | PartEnd) -> None:
        if isinstance(event, PartStart):
            await self._start(event)
        elif isinstance(event, PartData):
            await self._data(event.data)
        elif self.part == "path":
            try:
                self.path = self.field.decode()
            except UnicodeDecodeError:
                raise bad_request("the path field is not UTF-8") from None
            self.part = None
        elif self.part == "file":
            await self._flush()
            self.part = None

    async def _start(self, part: PartStart) -> None:
        if part.name == "path":
            if self.path is not None:
                raise bad_request("the multipart body has two path fields; send one")
            self.part = "path"
            self.field.clear()
        elif part.name == "file":
            self.files += 1
            if self.files > 1:
                raise bad_request("the multipart body has more than one file part; upload one file per request")
            self.part = "file"
            self.filename = part.filename
            path = self.path
            self.pending = await anyio.to_thread.run_sync(fileops.begin_upload, self.workspace, path)
        else:
            raise bad_request(f"unexpected multipart field {part.name!r}: send a field path, then a field file")

    async def _data(self, data: bytes) -> None:
        if self.part == "path":
            self.field += data
            if len(self.field) > _PATH_FIELD_LIMIT:
                raise bad_request(f"the path field is longer than {_PATH_FIELD_LIMIT} bytes")
        elif self.part == "file":
            assert self.pending is not None
            self.buffer += data
            if self.limit_mb is not None and self.pending.size + len(self.buffer) > self.limit_mb * MIB:
                raise too_large_file(self.limit_mb)
            if len(self.buffer) >= CHUNK:
                await self._flush()

    async def _flush(self) -> None:
        if self.buffer and self.pending is not None:
            await anyio.to_thread.run_sync(self.pending.write, self.buffer)
            self.buffer = bytearray()

    async def finish(self) -> dict[str, Any]:
        if self.pending is None:
            raise bad_request("the multipart body has no file part; send a field path, then a field file")
        if self.path is None:
            raise bad_request("the multipart body has no path field: the file's target path under /home/user")
        pending, self.pending = self.pending, None
        return await anyio.to_thread.run_sync(fileops.commit_upload, self.workspace, pending, self.path, self.filename)

    async def discard(self) -> None:
        if self.pending is not None:
            pending, self.pending = self.pending, None
            await anyio.to_thread.run_sync(pending.discard)


class FileDownload(Response):
    """The bytes of an open file, read in chunks off the event loop; the descriptor closes on every path. The
    sandbox counts as busy while they flow."""

    media_type = "application/octet-stream"

    def __init__(self, fd: int, size: int, filename: str, request: Request) -> None:
        self.fd = fd
        self.request = request
        self.size = size
        self.status_code = 200
        self.background = None
        self.init_headers(
            {
                "content-length": str(size),
                "content-disposition": _attachment(filename),
                REQUEST_ID_HEADER: request_id(request.scope),
            }
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # uvicorn silently drops what is sent after the client went away: stop reading when it goes.
        async with (
            await anyio.open_file(self.fd, "rb", buffering=0, closefd=True) as file,
            busy(self.request),
            anyio.create_task_group() as group,
        ):
            group.start_soon(cancel_on_disconnect, receive, group.cancel_scope)
            await self._send(file, send)
            group.cancel_scope.cancel()

    async def _send(self, file: anyio.AsyncFile[bytes], send: Send) -> None:
        await send({"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers})
        remaining = self.size
        while remaining > 0:
            chunk = await file.read(min(CHUNK, remaining))
            if not chunk:  # the file shrank since it was opened: a short body would lie, so break off
                raise OSError(f"the file shrank by {remaining} bytes while it was being sent")
            remaining -= len(chunk)
            await send({"type": "http.response.body", "body": chunk, "more_body": remaining > 0})
        if self.size == 0:
            await send({"type": "http.response.body", "body": b"", "more_body": False})


def _attachment(filename: str) -> str:
    fallback = "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in filename)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


async def download_file(request: Request) -> Response:
    """DownloadFile: the raw bytes, streamed (Content-Length, application/octet-stream, a file name)."""
    sandbox = await running_sandbox(request)
    workspace = workspace_of(sandbox)
    path = _query_path(request)
    fd, size, shown = await anyio.to_thread.run_sync(fileops.open_download, workspace, path)
    return FileDownload(fd, size, os.path.basename(shown), request)


def routes() -> list[BaseRoute]:
    item = "/sandboxes/{sandboxId}"
    return [
        Route(f"{item}/files", read_file, methods=["GET"]),
        Route(f"{item}/files", write_file, methods=["POST"]),
        Route(f"{item}/filesystem", list_directory, methods=["GET"]),
        Route(f"{item}/filesystem/stat", stat_path, methods=["GET"]),
        Route(f"{item}/filesystem/mkdir", make_directory, methods=["POST"]),
        Route(f"{item}/filesystem/move", move_path, methods=["POST"]),
        Route(f"{item}/filesystem/remove", remove_path, methods=["POST"]),
        Route(f"{item}/filesystem/upload", upload_file, methods=["POST"]),
        Route(f"{item}/filesystem/download", download_file, methods=["GET"]),
    ]
