"""Uploads and downloads stream: a 64 MiB file goes up and comes back through a server in its own process, whose
peak resident memory (VmHWM, reset through /proc/<pid>/clear_refs before each transfer) grows by far less than
the file. A server that buffered the file whole, in memory or in a spooled copy read back, would grow by at least
its size."""

from __future__ import annotations

import json
import os
import secrets
import ssl
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import anyio
import httpx
import pytest
from data_helpers import DataPlane, new_template
from files_helpers import SandboxFiles, eventually, file_sha256, streamed_upload_body

from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer
from agentrun.local.connect import ServerRecord
from agentrun.local.identity import load_identity
from agentrun.local.paths import DataDir

MIB = 1024 * 1024
FILE_SIZE = 64 * MIB


def memory_kib(pid: int, field: str) -> int:
    """A `Vm*` line of /proc/<pid>/status, in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise AssertionError(f"no {field} in /proc/{pid}/status")


def reset_peak(pid: int) -> bool:
    """Reset the process's VmHWM to its current RSS (Linux 4.0+); False where the kernel does not allow it."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    except OSError:
        return False
    return True


@pytest.fixture(scope="module")
async def server(tmp_path_factory: pytest.TempPathFactory, isolation_available: None) -> AsyncIterator[LocalServer]:
    """`agentrun local serve` in a subprocess, as a LocalServer the data-plane helpers can sign for."""
    data_dir = tmp_path_factory.mktemp("streaming-server")
    paths = DataDir.resolve(data_dir)
    command = [sys.executable, "-m", "agentrun.local", "serve", "--port", "0", "--data-dir", str(data_dir)]
    async with await anyio.open_process(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as process:
        try:
            assert await eventually(lambda: paths.server_record.exists() or process.returncode is not None)
            assert process.returncode is None, "the server exited at start"
            record = ServerRecord(**json.loads(paths.server_record.read_text()))
            assert record.pid == process.pid
            async with AsyncAgentRun.local(data_dir) as client:
                yield LocalServer(
                    client=client,
                    control_endpoint=record.control_endpoint,
                    data_endpoint=record.data_endpoint,
                    env={},
                    ca_file=paths.ca_cert,
                    data_dir=data_dir,
                    host=record.host,
                    port=record.port,
                    scheme=record.scheme,
                    identity=load_identity(paths),
                )
        finally:
            process.terminate()
            with anyio.fail_after(30):
                await process.wait()


@pytest.fixture(scope="module")
async def remote(server: LocalServer) -> AsyncIterator[SandboxFiles]:
    verify = ssl.create_default_context(cafile=str(server.ca_file))
    async with httpx.AsyncClient(base_url=server.base_url, verify=verify, trust_env=False) as raw:
        data = DataPlane(raw, server)
        created = await data.create_sandbox(await new_template(server, network="PRIVATE"))
        yield SandboxFiles(data, created["sandboxId"])
        await data.delete_sandbox(created["sandboxId"])


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.bin"
    with path.open("wb") as handle:
        for _ in range(FILE_SIZE // MIB):
            handle.write(os.urandom(MIB))
    return path


async def upload(files: SandboxFiles, target: str, source: Path) -> httpx.Response:
    boundary = secrets.token_hex(16)
    return await files.upload(streamed_upload_body(target, source, boundary), boundary=boundary)


async def download(files: SandboxFiles, path: str, target: Path) -> httpx.Response:
    async with files.data.stream("GET", f"{files.base}/filesystem/download", query={"path": path}) as response:
        with target.open("wb") as handle:
            async for chunk in response.aiter_raw():
                handle.write(chunk)
    return response


async def test_a_large_upload_and_download_stream_in_bounded_memory(
    server: LocalServer, remote: SandboxFiles, big_file: Path, tmp_path: Path
) -> None:
    pid = json.loads(DataDir.resolve(server.data_dir).server_record.read_text())["pid"]
    small = tmp_path / "small.bin"
    small.write_bytes(os.urandom(2 * MIB))
    assert (await upload(remote, "warm.bin", small)).status_code == 200  # code paths and buffers warmed up
    assert (await download(remote, "warm.bin", tmp_path / "warm.bin")).status_code == 200
    if not reset_peak(pid):
        pytest.skip("this kernel does not let /proc/<pid>/clear_refs reset the peak RSS")

    before = memory_kib(pid, "VmRSS")
    uploaded = await upload(remote, "big/big.bin", big_file)
    upload_growth = memory_kib(pid, "VmHWM") - before
    assert uploaded.status_code == 200, uploaded.text
    assert uploaded.json()["size"] == FILE_SIZE
    assert file_sha256(remote.workspace / "big" / "big.bin") == file_sha256(big_file)

    reset_peak(pid)
    before = memory_kib(pid, "VmRSS")
    response = await download(remote, "big/big.bin", tmp_path / "back.bin")
    download_growth = memory_kib(pid, "VmHWM") - before
    assert response.status_code == 200 and response.headers["content-length"] == str(FILE_SIZE)
    assert file_sha256(tmp_path / "back.bin") == file_sha256(big_file)

    print(f"server peak RSS growth: upload {upload_growth} KiB, download {download_growth} KiB, file {FILE_SIZE >> 10}")
    assert upload_growth < FILE_SIZE // 4 // 1024, f"upload grew the server by {upload_growth} KiB"
    assert download_growth < FILE_SIZE // 4 // 1024, f"download grew the server by {download_growth} KiB"
