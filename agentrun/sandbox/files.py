"""Files inside a sandbox: `sandbox.files.read / read_bytes / write / download / download_to / list / stat /
exists / mkdir / move / remove`.

Uploads and downloads stream: `write` sends a local file, a file object or async chunks as multipart without ever
holding the whole content, and `download` yields the bytes as they arrive. Local file I/O runs in worker threads.
"""

from __future__ import annotations

import base64
import builtins
import os
import posixpath
import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from agentrun_data_api.api.files import (
    download_file,
    list_directory,
    make_directory,
    move_path,
    read_file,
    remove_path,
    stat_path,
    upload_file,
    write_file,
)
from agentrun_data_api.models.make_directory_input import MakeDirectoryInput
from agentrun_data_api.models.move_path_input import MovePathInput
from agentrun_data_api.models.remove_path_input import RemovePathInput
from agentrun_data_api.models.write_file_input import WriteFileInput

from agentrun import errors
from agentrun._core.aio import ByteSource, chunks_of, save_chunks
from agentrun._core.http import CallOptions, json_of
from agentrun._core.sse import AsyncByteStream
from agentrun.sandbox._data import (
    SandboxTarget,
    json_items,
    json_object,
    require_text,
    transfer_options,
    whole_number,
)
from agentrun.sandbox._wire import wire_int, wire_text, wire_time

_PATH_HINT = "pass a path inside the sandbox, e.g. /home/user/data.csv"
_INLINE_TEXT_LIMIT = 1024 * 1024
"""Text up to this many characters goes in one WriteFile JSON body; longer text is uploaded like bytes."""


@dataclass(frozen=True, slots=True)
class EntryInfo:
    """A file, directory or symlink in the sandbox. `type` is `file`, `dir` or `symlink`; `size` is in bytes;
    `mode` the octal permission string; fields the server left out are None."""

    name: str
    path: str
    type: str
    size: int | None = None
    modified_time: datetime | None = None
    mode: str | None = None

    @property
    def is_dir(self) -> bool:
        return self.type == "dir"

    @property
    def is_file(self) -> bool:
        return self.type == "file"


class Files:
    """`sandbox.files`: the sandbox's file system."""

    def __init__(self, target: SandboxTarget) -> None:
        self._target = target

    async def read(self, path: str, *, encoding: str = "utf-8", options: CallOptions | None = None) -> str:
        """The content of the file at `path` as text (decoded with `encoding` when the server sends bytes)."""
        response = await self._target.core.call(
            read_file.request(sandbox_id=self._target.sandbox_id, path=_path(path)), options=options
        )
        body = json_of(response)
        content = body.get("content") if isinstance(body, dict) else body
        if not isinstance(content, str):
            raise errors.APIResponseError(
                f"expected the content of {path} in the answer, got {str(body)[:200]}", status_code=200, body=body
            )
        if isinstance(body, dict) and str(body.get("encoding", "")).lower() == "base64":
            return base64.b64decode(content).decode(encoding)
        return content

    async def read_bytes(self, path: str, *, options: CallOptions | None = None) -> bytes:
        """The content of the file at `path` as bytes, exactly as stored."""
        return b"".join([chunk async for chunk in self.download(path, options=options)])

    async def write(self, path: str, data: ByteSource, *, options: CallOptions | None = None) -> int:
        """Create or replace the file at `path` (missing parent directories are created) and return the number of
        bytes written. `data` is text (written as UTF-8), bytes, a local `pathlib.Path`, a file opened in binary
        mode, or an async iterable of bytes; all but text are streamed as they are read, never held whole."""
        target = _path(path)
        if isinstance(data, str) and len(data) <= _INLINE_TEXT_LIMIT:
            body = WriteFileInput(path=target, content=data, encoding="utf-8", create_dir=True)
            await self._target.core.call(
                write_file.request(sandbox_id=self._target.sandbox_id, body=body), options=options
            )
            return len(data.encode())
        upload = _MultipartUpload(target, _filename(data, target), chunks_of(data))
        await self._target.core.call(
            upload_file.request(self._target.sandbox_id),
            content=upload,
            headers={"content-type": f"multipart/form-data; boundary={upload.boundary}"},
            options=transfer_options(self._target.core, options),
        )
        return upload.size

    async def download(self, path: str, *, options: CallOptions | None = None) -> AsyncIterator[bytes]:
        """The bytes of the file at `path`, chunk by chunk as they arrive. Leaving the loop early closes the
        connection; `contextlib.aclosing(...)` makes that deterministic."""
        target = _path(path)
        opener = self._target.core.stream_call
        sandbox_id = self._target.sandbox_id
        async with AsyncByteStream(
            lambda: opener(download_file.request(sandbox_id, path=target), options=options)
        ) as chunks:
            async for chunk in chunks:
                yield chunk

    async def download_to(
        self, path: str, local_path: str | os.PathLike[str], *, options: CallOptions | None = None
    ) -> int:
        """Stream the file at `path` into the local file `local_path` and return its size. `local_path` is replaced
        only once the download is complete: a failure leaves it as it was."""
        return await save_chunks(local_path, self.download(path, options=options))

    async def list(
        self, path: str | None = None, *, depth: int = 1, options: CallOptions | None = None
    ) -> builtins.list[EntryInfo]:
        """The entries under the directory `path` (the working directory when None), `depth` levels down
        (1: direct children only); deeper entries come flat, each with its full `path`."""
        arguments: dict[str, Any] = {"depth": whole_number(depth, "depth")}
        if path is not None:
            arguments["path"] = _path(path)
        response = await self._target.core.call(
            list_directory.request(sandbox_id=self._target.sandbox_id, **arguments), options=options
        )
        return [_entry(item) for item in json_items(response, "directory entries", "entries", "items")]

    async def stat(self, path: str, *, options: CallOptions | None = None) -> EntryInfo:
        """The entry at `path`; NotFoundError when there is none."""
        response = await self._target.core.call(
            stat_path.request(sandbox_id=self._target.sandbox_id, path=_path(path)), options=options
        )
        return _entry(json_object(response, f"the entry at {path}"), path)

    async def exists(self, path: str, *, options: CallOptions | None = None) -> bool:
        try:
            await self.stat(path, options=options)
        except errors.NotFoundError:
            return False
        return True

    async def mkdir(self, path: str, *, parents: bool = True, options: CallOptions | None = None) -> None:
        """Create the directory `path`, with missing parents unless `parents=False`."""
        body = MakeDirectoryInput(path=_path(path), parents=parents)
        await self._target.core.call(
            make_directory.request(sandbox_id=self._target.sandbox_id, body=body), options=options
        )

    async def move(self, source: str, destination: str, *, options: CallOptions | None = None) -> None:
        """Move or rename `source` to `destination`."""
        body = MovePathInput(source=_path(source), destination=_path(destination))
        await self._target.core.call(move_path.request(sandbox_id=self._target.sandbox_id, body=body), options=options)

    async def remove(self, path: str, *, options: CallOptions | None = None) -> None:
        """Remove the file or directory (with everything in it) at `path`."""
        body = RemovePathInput(path=_path(path))
        await self._target.core.call(
            remove_path.request(sandbox_id=self._target.sandbox_id, body=body), options=options
        )


class _MultipartUpload:
    """The UploadFile body, produced while it is sent: the `path` field first, then the `file` part, as the spec
    orders them. Counts the file's bytes on the way."""

    def __init__(self, path: str, filename: str, chunks: AsyncIterator[bytes]) -> None:
        self.boundary = secrets.token_hex(16)
        self.size = 0
        self._path = path
        self._filename = filename
        self._chunks = chunks

    async def __aiter__(self) -> AsyncIterator[bytes]:
        dash = f"--{self.boundary}\r\n"
        yield (
            f'{dash}Content-Disposition: form-data; name="path"\r\n\r\n{self._path}\r\n'
            f'{dash}Content-Disposition: form-data; name="file"; filename="{_quoted(self._filename)}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        async for chunk in self._chunks:
            self.size += len(chunk)
            yield chunk
        yield f"\r\n--{self.boundary}--\r\n".encode()


def _path(path: object) -> str:
    return require_text(path, "path", _PATH_HINT)


def _filename(data: object, target: str) -> str:
    """The part's file name: the local file's name when there is one, else the target's."""
    name = os.fspath(data) if isinstance(data, os.PathLike) else getattr(data, "name", None)
    return os.path.basename(name) if isinstance(name, str) and name else posixpath.basename(target)


def _quoted(name: str) -> str:
    """A file name safe inside a quoted multipart header (as browsers escape it)."""
    return name.replace("\\", "\\\\").replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")


def _entry(wire: dict[str, Any], path: str | None = None) -> EntryInfo:
    full = wire_text(wire.get("path")) or path or ""
    name = wire_text(wire.get("name")) or posixpath.basename(full.rstrip("/"))
    return EntryInfo(
        name=name,
        path=full,
        type=wire_text(wire.get("type")) or "file",
        size=wire_int(wire.get("size")),
        modified_time=wire_time(wire.get("mtime")),
        mode=wire_text(wire.get("mode")),
    )
