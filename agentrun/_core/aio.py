"""The async primitives the twinned facade modules need but may not spell with anyio themselves (scripts/gen_sync.py
derives the blocking API from those modules by rewriting text). Every name here has a blocking twin of the same name
in portal.py, which gen_sync substitutes."""

from __future__ import annotations

import inspect
import io
import os
import secrets
from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Callable
from typing import IO, TypeVar

import anyio
import anyio.to_thread

from agentrun import errors

T = TypeVar("T")

CHUNK_SIZE = 256 * 1024
"""Bytes read from a local file per step of an upload."""

ByteSource = str | bytes | bytearray | memoryview | os.PathLike[str] | IO[bytes] | AsyncIterable[bytes]
"""What an upload accepts: text (sent as UTF-8), bytes, a local path, a binary file object, or async chunks."""


async def call_back(callback: Callable[[T], object] | None, value: T) -> None:
    """Call a user callback with `value`, awaiting it when it is async (both kinds are accepted)."""
    if callback is None:
        return
    outcome = callback(value)
    if inspect.isawaitable(outcome):
        await outcome


async def shielded(action: Callable[[], Awaitable[T]]) -> T:
    """Run a clean-up to its end even while the caller is being cancelled (deleting a sandbox on the way out of
    `async with`, say); the clean-up's own timeouts bound it."""
    with anyio.CancelScope(shield=True):
        outcome = await action()
    return outcome


def new_lock() -> anyio.Lock:
    """A lock for `async with`: one task at a time through a section (creating a resource once, say)."""
    return anyio.Lock()


async def in_thread(work: Callable[[], T]) -> T:
    """Run blocking work (reading and zipping a folder, say) in a worker thread, off the event loop."""
    return await anyio.to_thread.run_sync(work)


def chunks_of(source: ByteSource) -> AsyncIterator[bytes]:
    """`source` as byte chunks, produced while they are sent; local files are read in worker threads. A source of
    another kind is rejected here, before anything is sent."""
    if isinstance(source, str):
        return _single(source.encode())
    if isinstance(source, bytes | bytearray | memoryview):
        return _single(bytes(source))
    if isinstance(source, os.PathLike):
        return _local_file(source)
    if isinstance(source, AsyncIterable):
        return _checked_chunks(source)
    if isinstance(source, io.TextIOBase):
        raise errors.InvalidArgumentError("the file is open in text mode; open it with 'rb' to upload its bytes")
    if hasattr(source, "read"):
        return _file_object(source)
    raise errors.InvalidArgumentError(
        f"cannot upload a {type(source).__name__}; pass str, bytes, a pathlib.Path, a file opened with 'rb', or an "
        "async iterable of bytes"
    )


async def _single(data: bytes) -> AsyncIterator[bytes]:
    yield data


async def _local_file(path: os.PathLike[str]) -> AsyncIterator[bytes]:
    async with await anyio.open_file(path, "rb") as local:
        while chunk := await local.read(CHUNK_SIZE):
            yield chunk


async def _file_object(file: IO[bytes]) -> AsyncIterator[bytes]:
    while chunk := await anyio.to_thread.run_sync(file.read, CHUNK_SIZE):
        yield checked_chunk(chunk)


async def _checked_chunks(chunks: AsyncIterable[bytes]) -> AsyncIterator[bytes]:
    async for chunk in chunks:
        yield checked_chunk(chunk)


def checked_chunk(chunk: object) -> bytes:
    """An upload chunk as bytes; anything else (text from a file opened without 'b') is a typed error."""
    if isinstance(chunk, bytes | bytearray | memoryview):
        return bytes(chunk)
    raise errors.InvalidArgumentError(
        f"upload chunks must be bytes, got {type(chunk).__name__}; open files in binary mode ('rb')"
    )


async def save_chunks(target: str | os.PathLike[str], chunks: AsyncIterator[bytes]) -> int:
    """Write `chunks` to the local file `target` and return the byte count. The data goes to a temporary file next
    to it that replaces `target` only once complete, so a failed or cancelled download leaves neither a partial
    file nor a damaged `target`. File I/O runs in worker threads; `chunks` is closed on every path."""
    final = anyio.Path(target)
    partial = final.with_name(f".{final.name}.{secrets.token_hex(4)}.part")
    size = 0
    try:
        async with await anyio.open_file(partial, "xb") as out:
            async for chunk in chunks:
                await out.write(chunk)
                size += len(chunk)
        await partial.replace(final)
    except BaseException:
        with anyio.CancelScope(shield=True):
            await partial.unlink(missing_ok=True)
        raise
    finally:
        aclose = getattr(chunks, "aclose", None)
        if aclose is not None:
            with anyio.CancelScope(shield=True):
                await aclose()
    return size
