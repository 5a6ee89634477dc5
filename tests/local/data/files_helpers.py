"""Helpers for the sandbox file tests: the file routes of one sandbox over signed HTTP, multipart bodies built by
hand (so the order of the parts is the test's to choose), and a fingerprint of a host directory tree."""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import AsyncIterable, AsyncIterator, Callable, Iterable
from pathlib import Path
from typing import Any

import anyio
import httpx
from data_helpers import DataPlane

from agentrun.local.paths import DataDir

Part = tuple[str, str | None, bytes]  # (field name, file name or None, content)


class SandboxFiles:
    """The file routes of one sandbox, and its workspace as the host sees it."""

    def __init__(self, data: DataPlane, sandbox_id: str) -> None:
        self.data = data
        self.sandbox_id = sandbox_id
        self.base = f"/sandboxes/{sandbox_id}"
        self.workspace = DataDir.resolve(data.local.data_dir).sandboxes / sandbox_id / "workspace"

    async def read(self, path: str, **query: str) -> httpx.Response:
        return await self.data.request("GET", f"{self.base}/files", query={"path": path, **query})

    async def write(self, path: str, content: str, **body: Any) -> httpx.Response:
        body = {"path": path, "content": content, **body}
        return await self.data.request("POST", f"{self.base}/files", json_body=body)

    async def list(self, path: str | None = None, **query: str) -> httpx.Response:
        params = {**({"path": path} if path is not None else {}), **query}
        return await self.data.request("GET", f"{self.base}/filesystem", query=params)

    async def stat(self, path: str) -> httpx.Response:
        return await self.data.request("GET", f"{self.base}/filesystem/stat", query={"path": path})

    async def mkdir(self, path: str, **body: Any) -> httpx.Response:
        return await self.data.request("POST", f"{self.base}/filesystem/mkdir", json_body={"path": path, **body})

    async def move(self, source: str, destination: str) -> httpx.Response:
        body = {"source": source, "destination": destination}
        return await self.data.request("POST", f"{self.base}/filesystem/move", json_body=body)

    async def remove(self, path: str) -> httpx.Response:
        return await self.data.request("POST", f"{self.base}/filesystem/remove", json_body={"path": path})

    async def download(self, path: str) -> httpx.Response:
        return await self.data.request("GET", f"{self.base}/filesystem/download", query={"path": path})

    async def upload(
        self, parts: Iterable[Part] | AsyncIterable[bytes], *, boundary: str | None = None
    ) -> httpx.Response:
        """POST a multipart body: parts in the given order, or a body already encoded with `boundary`."""
        if boundary is None:
            boundary = secrets.token_hex(16)
            content: bytes | AsyncIterable[bytes] = multipart_body(list(parts), boundary)  # type: ignore[arg-type]
        else:
            content = parts  # type: ignore[assignment]
        headers = {"content-type": f"multipart/form-data; boundary={boundary}"}
        return await self.data.request("POST", f"{self.base}/filesystem/upload", content=content, headers=headers)

    async def upload_file(self, path: str, name: str, content: bytes) -> httpx.Response:
        """The official SDK's order: field path, then field file."""
        return await self.upload([("path", None, path.encode()), ("file", name, content)])

    async def execute(self, code: str) -> dict[str, Any]:
        """Run Python in the sandbox (stateless execution); the result JSON."""
        result = await self.data.ok("POST", f"{self.base}/contexts/execute", json_body={"code": code, "timeout": 60})
        return dict(result)

    def leftovers(self) -> list[Path]:
        """Temporary upload files anywhere in the workspace (there should be none between calls)."""
        return [p for p in self.workspace.rglob(".agentrun-partial-*")]


def part_header(name: str, filename: str | None, boundary: str) -> bytes:
    disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename is not None else "")
    kind = "application/octet-stream" if filename is not None else "text/plain"
    return f"--{boundary}\r\nContent-Disposition: {disposition}\r\nContent-Type: {kind}\r\n\r\n".encode()


def multipart_body(parts: list[Part], boundary: str) -> bytes:
    body = b"".join(part_header(name, filename, boundary) + content + b"\r\n" for name, filename, content in parts)
    return body + f"--{boundary}--\r\n".encode()


async def streamed_upload_body(path: str, source: Path, boundary: str, chunk: int = 1 << 20) -> AsyncIterator[bytes]:
    """path, then file: the file's bytes read from disk chunk by chunk (the test holds no whole copy either)."""
    yield part_header("path", None, boundary) + path.encode() + b"\r\n"
    yield part_header("file", source.name, boundary)
    with source.open("rb") as handle:
        while block := handle.read(chunk):
            yield block
    yield f"\r\n--{boundary}--\r\n".encode()


def tree_fingerprint(root: Path) -> dict[str, str]:
    """Every entry under `root` (not following symlinks) with its kind and content hash or link target."""
    found: dict[str, str] = {}
    for directory, dirs, files in os.walk(root, followlinks=False):
        for name in [*dirs, *files]:
            path = Path(directory) / name
            relative = str(path.relative_to(root))
            if path.is_symlink():
                found[relative] = "link:" + os.readlink(path)
            elif path.is_dir():
                found[relative] = f"dir:{path.stat().st_mode:o}"
            else:
                found[relative] = f"file:{path.stat().st_mode:o}:" + hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def host_outside_workspace(files: SandboxFiles) -> dict[str, str | None]:
    """What the escape attempts aim at on the host: /etc/passwd, /tmp/x.txt, /home/userx and the sandbox's own
    directory next to its workspace (`None` where nothing exists)."""
    targets = [Path("/etc/passwd"), Path("/tmp/x.txt"), Path("/home/userx"), files.workspace.parent / "outside.txt"]
    return {str(p): file_sha256(p) if p.is_file() else ("dir" if p.exists() else None) for p in targets}


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


async def eventually(check: Callable[[], bool], timeout: float = 60.0) -> bool:
    """Poll `check` (a look at the host file system, which offers nothing to wait on) until true or `timeout`."""
    with anyio.move_on_after(timeout):
        while not check():  # noqa: ASYNC110
            await anyio.sleep(0.02)
        return True
    return check()
