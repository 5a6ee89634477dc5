"""`sandbox.files` against AgentRun Local: text and bytes round trips, streamed uploads from every kind of source,
streamed downloads, listing, stat and the other file-system operations."""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import AsyncIterator
from pathlib import Path

import anyio
import pytest

from agentrun import errors
from agentrun.client import AsyncAgentRun
from agentrun.sandbox import Sandbox

pytestmark = pytest.mark.usefixtures("isolation_available")

HOME = "/home/user"


@pytest.fixture(scope="module")
async def sandbox(client: AsyncAgentRun, template: str) -> AsyncIterator[Sandbox]:
    async with await client.sandboxes.create(template) as sandbox:
        yield sandbox


async def names_in(directory: Path) -> list[str]:
    return sorted(await anyio.to_thread.run_sync(os.listdir, directory))


async def test_text_written_is_read_back_unchanged(sandbox: Sandbox) -> None:
    text = "héllo\nwörld ✓\n"
    assert await sandbox.files.write(f"{HOME}/notes/a.txt", text) == len(text.encode())
    assert await sandbox.files.read(f"{HOME}/notes/a.txt") == text


async def test_long_text_is_written_whole(sandbox: Sandbox) -> None:
    text = "línea de texto\n" * 200_000  # past what one JSON body carries: it is uploaded instead
    assert await sandbox.files.write(f"{HOME}/notes/long.txt", text) == len(text.encode())
    assert await sandbox.files.read(f"{HOME}/notes/long.txt") == text


async def test_bytes_written_are_read_back_byte_for_byte(sandbox: Sandbox) -> None:
    data = bytes(range(256)) * 17
    assert await sandbox.files.write(f"{HOME}/bin/all.bytes", data) == len(data)
    assert await sandbox.files.read_bytes(f"{HOME}/bin/all.bytes") == data


async def test_reading_binary_as_text_raises_a_typed_error_naming_the_fix(sandbox: Sandbox) -> None:
    await sandbox.files.write(f"{HOME}/bin/not-text", b"\xff\xfe\x00")
    with pytest.raises(errors.APIStatusError, match="not UTF-8"):
        await sandbox.files.read(f"{HOME}/bin/not-text")


async def test_a_local_file_uploads_streamed_and_downloads_to_a_local_file(sandbox: Sandbox, tmp_path: Path) -> None:
    source = tmp_path / "big.bin"
    source.write_bytes(os.urandom(3 * 1024 * 1024 + 7))
    assert await sandbox.files.write(f"{HOME}/big.bin", source) == source.stat().st_size
    target = tmp_path / "back.bin"
    assert await sandbox.files.download_to(f"{HOME}/big.bin", target) == source.stat().st_size
    assert target.read_bytes() == source.read_bytes()
    assert set(await names_in(tmp_path)) == {"big.bin", "back.bin"}  # no partial file left behind


async def test_a_binary_file_object_uploads(sandbox: Sandbox) -> None:
    data = os.urandom(600_000)
    assert await sandbox.files.write(f"{HOME}/fileobj.bin", io.BytesIO(data)) == len(data)
    assert await sandbox.files.read_bytes(f"{HOME}/fileobj.bin") == data


async def test_an_async_iterable_uploads_while_it_is_still_producing(sandbox: Sandbox) -> None:
    """The generator does not finish until the server has stored part of its first chunk: an upload that held the
    whole body before sending would never get there (the guard turns that hang into a failure)."""
    first, second = os.urandom(2 * 1024 * 1024), os.urandom(100_000)
    seen_on_server = anyio.Event()

    async def producer() -> AsyncIterator[bytes]:
        yield first
        await seen_on_server.wait()
        yield second

    async def watch() -> None:
        # The server writes an upload to a hidden temporary file in the target directory, renamed when complete.
        while not seen_on_server.is_set():
            if any((entry.size or 0) > 0 for entry in await sandbox.files.list(f"{HOME}/stream")):
                seen_on_server.set()
            await anyio.sleep(0.02)

    await sandbox.files.mkdir(f"{HOME}/stream")
    with anyio.fail_after(120):
        async with anyio.create_task_group() as tg:
            tg.start_soon(watch)
            assert await sandbox.files.write(f"{HOME}/stream/upload.bin", producer()) == len(first) + len(second)
    assert await sandbox.files.read_bytes(f"{HOME}/stream/upload.bin") == first + second


async def test_download_yields_chunks_and_closes_when_left_early(sandbox: Sandbox) -> None:
    data = os.urandom(5 * 1024 * 1024)
    await sandbox.files.write(f"{HOME}/dl.bin", data)
    received = b""
    async with contextlib.aclosing(sandbox.files.download(f"{HOME}/dl.bin")) as chunks:
        async for chunk in chunks:
            received += chunk
            if len(received) >= 64 * 1024:
                break
    assert 0 < len(received) < len(data) and data.startswith(received)
    assert b"".join([c async for c in sandbox.files.download(f"{HOME}/dl.bin")]) == data


async def test_a_failed_download_leaves_the_local_file_as_it_was(sandbox: Sandbox, tmp_path: Path) -> None:
    target = tmp_path / "keep.txt"
    target.write_text("precious")
    with pytest.raises(errors.NotFoundError):
        await sandbox.files.download_to(f"{HOME}/missing.bin", target)
    assert target.read_text() == "precious"
    assert await names_in(tmp_path) == ["keep.txt"]


async def test_list_stat_exists_mkdir_move_remove(sandbox: Sandbox) -> None:
    await sandbox.files.mkdir(f"{HOME}/tree/sub")
    await sandbox.files.write(f"{HOME}/tree/sub/f.txt", "12345")
    children = await sandbox.files.list(f"{HOME}/tree")
    assert [(e.name, e.type, e.path) for e in children] == [("sub", "dir", f"{HOME}/tree/sub")]
    deep = {e.path: e for e in await sandbox.files.list(f"{HOME}/tree", depth=2)}
    assert deep[f"{HOME}/tree/sub/f.txt"].size == 5 and deep[f"{HOME}/tree/sub/f.txt"].is_file
    info = await sandbox.files.stat(f"{HOME}/tree/sub/f.txt")
    assert (info.name, info.size, info.is_file) == ("f.txt", 5, True)
    assert info.modified_time is not None
    assert await sandbox.files.exists(f"{HOME}/tree/sub") and not await sandbox.files.exists(f"{HOME}/tree/no")
    await sandbox.files.move(f"{HOME}/tree/sub/f.txt", f"{HOME}/tree/g.txt")
    assert await sandbox.files.read(f"{HOME}/tree/g.txt") == "12345"
    await sandbox.files.remove(f"{HOME}/tree")
    assert not await sandbox.files.exists(f"{HOME}/tree")
    with pytest.raises(errors.NotFoundError):
        await sandbox.files.stat(f"{HOME}/tree")


async def test_list_without_a_path_lists_the_working_directory(sandbox: Sandbox) -> None:
    await sandbox.files.write(f"{HOME}/top-level.txt", "x")
    assert "top-level.txt" in {e.name for e in await sandbox.files.list()}


async def test_a_text_mode_file_is_rejected_with_the_fix(sandbox: Sandbox) -> None:
    text_file = io.StringIO("x")
    with pytest.raises(errors.InvalidArgumentError, match="'rb'"):
        await sandbox.files.write(f"{HOME}/t.txt", text_file)  # type: ignore[arg-type]
