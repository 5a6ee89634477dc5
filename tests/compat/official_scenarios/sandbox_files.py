"""Sandbox files through agentrun-sdk's `CodeInterpreterSandbox` (sync and async): `file.write`/`read` and
`file_system.mkdir`/`list`/`stat`/`upload`/`download`/`move`/`remove` (openapi/data.yaml), a path outside
/home/user and a missing file. The SDK uploads `path` then `file` as multipart and writes downloads to disk.
"""

from __future__ import annotations

import os
import tempfile

from _scenario import Summary, check, equal, raises, raises_async, run, unique

from agentrun.sandbox import Sandbox, Template, TemplateInput, TemplateType
from agentrun.utils.exception import ClientError

BINARY = bytes(range(256)) * 64 + b"\x00\xff"
BASE = "/home/user/official"


def new_template() -> str:
    name = unique("tpl-files")
    Template.create(TemplateInput(template_name=name, template_type=TemplateType.CODE_INTERPRETER))
    return name


def write_bytes(path: str, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)


def read_bytes(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def check_listing(listing: dict, what: str) -> list[str]:
    check(isinstance(listing, dict) and isinstance(listing.get("entries"), list), f"{what}: {listing!r}")
    return sorted(entry["path"] for entry in listing["entries"])


def sync_part(summary: Summary) -> None:
    template = new_template()
    sandbox = Sandbox.create(TemplateType.CODE_INTERPRETER, template_name=template)
    try:
        written = sandbox.file.write(f"{BASE}/a.txt", "héllo\n")
        equal(written.get("path"), f"{BASE}/a.txt", "file.write: path")
        read = sandbox.file.read(f"{BASE}/a.txt")
        equal((read["content"], read["encoding"]), ("héllo\n", "utf-8"), "file.read")
        sandbox.file_system.mkdir(f"{BASE}/d/e")
        listed = check_listing(sandbox.file_system.list(BASE, depth=2), "file_system.list")
        stat = sandbox.file_system.stat(f"{BASE}/a.txt")
        equal(stat["size"], len("héllo\n".encode()), "file_system.stat: size")
        check(stat.get("mtime"), "file_system.stat: no mtime")
        with tempfile.TemporaryDirectory() as tmp:
            local = os.path.join(tmp, "local.bin")
            write_bytes(local, BINARY)
            uploaded = sandbox.file_system.upload(local, f"{BASE}/up.bin")
            saved = os.path.join(tmp, "back.bin")
            downloaded = sandbox.file_system.download(f"{BASE}/up.bin", saved)
            equal(read_bytes(saved), BINARY, "file_system.download: bytes")
        equal(downloaded.get("size"), len(BINARY), "file_system.download: size")
        sandbox.file_system.move(f"{BASE}/up.bin", f"{BASE}/d/moved.bin")
        sandbox.file_system.remove(f"{BASE}/d")
        after = check_listing(sandbox.file_system.list(BASE), "list after move and remove")
        outside = raises(ClientError, lambda: sandbox.file.read("/etc/passwd"), "read /etc/passwd")
        missing = raises(ClientError, lambda: sandbox.file.read(f"{BASE}/missing.txt"), "read a missing file")
        summary.update(
            listed=listed,
            uploaded=uploaded,
            after=after,
            outside=[outside.status_code, outside.message],
            missing=[missing.status_code, missing.message],
        )
    finally:
        sandbox.delete()
        Template.delete_by_name(template)


async def async_part(summary: Summary) -> None:
    template = new_template()
    sandbox = await Sandbox.create_async(TemplateType.CODE_INTERPRETER, template_name=template)
    try:
        await sandbox.file.write_async(f"{BASE}/b.txt", "async")
        equal((await sandbox.file.read_async(f"{BASE}/b.txt"))["content"], "async", "file.read_async")
        with tempfile.TemporaryDirectory() as tmp:
            local = os.path.join(tmp, "local.bin")
            write_bytes(local, BINARY)  # tiny: the SDK's own upload reads it whole, blocking, anyway
            uploaded = await sandbox.file_system.upload_async(local, f"{BASE}/up.bin")
            saved = os.path.join(tmp, "back.bin")
            await sandbox.file_system.download_async(f"{BASE}/up.bin", saved)
            equal(read_bytes(saved), BINARY, "file_system.download_async: bytes")
        listed = check_listing(await sandbox.file_system.list_async(BASE), "file_system.list_async")
        outside = await raises_async(ClientError, lambda: sandbox.file.read_async("/tmp/x"), "read /tmp/x")
        summary.update(uploaded=uploaded, listed=listed, outside=[outside.status_code, outside.message])
    finally:
        await sandbox.delete_async()
        await Template.delete_by_name_async(template)


if __name__ == "__main__":
    run("sandbox_files", sync_part, async_part)
