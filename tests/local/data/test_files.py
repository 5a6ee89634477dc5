"""Sandbox files and filesystem routes (openapi/data.yaml) over real HTTPS against a real sandbox: round trips,
confinement to /home/user (checked on the host), wrong kinds, listing, stat, mkdir, move, remove, and streamed
upload and download."""

from __future__ import annotations

import base64
import os
import secrets
import ssl
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from data_helpers import DataPlane, new_template
from files_helpers import SandboxFiles, eventually, host_outside_workspace, part_header, tree_fingerprint

from agentrun.local import LocalServer, run

HOME = "/home/user"


@pytest.fixture(scope="module")
async def files(data: DataPlane, template: str) -> AsyncIterator[SandboxFiles]:
    """One sandbox for the module's tests; each test works in directories of its own."""
    created = await data.create_sandbox(template)
    yield SandboxFiles(data, created["sandboxId"])
    await data.delete_sandbox(created["sandboxId"])


def error_of(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert body["code"].startswith("ERR_") and body["message"] and body["requestId"]
    return body


# -- round trips --------------------------------------------------------------------------------------------------


async def test_text_round_trip(files: SandboxFiles) -> None:
    written = await files.write(f"{HOME}/rt/hello.txt", "héllo\nwörld\n")
    assert written.status_code == 200, written.text
    assert written.json() == {"success": True, "path": f"{HOME}/rt/hello.txt", "size": len("héllo\nwörld\n".encode())}
    assert (files.workspace / "rt" / "hello.txt").read_text() == "héllo\nwörld\n"
    read = await files.read(f"{HOME}/rt/hello.txt")
    assert read.status_code == 200, read.text
    assert read.json() == {"path": f"{HOME}/rt/hello.txt", "content": "héllo\nwörld\n", "encoding": "utf-8", "size": 14}


async def test_relative_paths_are_under_home(files: SandboxFiles) -> None:
    assert (await files.write("rel/a.txt", "x")).json()["path"] == f"{HOME}/rel/a.txt"
    assert (await files.read(f"{HOME}/rel/./b/../a.txt")).json()["content"] == "x"
    assert (await files.read("rel/a.txt")).json()["path"] == f"{HOME}/rel/a.txt"


async def test_binary_round_trip_through_base64(files: SandboxFiles) -> None:
    payload = bytes(range(256)) * 4 + b"\xff\xfe\x00"
    written = await files.write("bin/blob.bin", base64.b64encode(payload).decode(), encoding="base64")
    assert written.status_code == 200, written.text
    assert (files.workspace / "bin" / "blob.bin").read_bytes() == payload
    read = (await files.read("bin/blob.bin", encoding="base64")).json()
    assert read["encoding"] == "base64" and base64.b64decode(read["content"]) == payload
    assert read["size"] == len(payload)
    downloaded = await files.download("bin/blob.bin")
    assert downloaded.status_code == 200 and downloaded.content == payload


async def test_binary_read_as_text_is_refused_and_says_what_to_use(files: SandboxFiles) -> None:
    (files.workspace / "latin1.txt").write_bytes("café".encode("latin-1"))
    body = error_of(await files.read("latin1.txt"), 422)
    assert body["code"] == "ERR_NOT_TEXT"
    assert "encoding=base64" in body["message"] and "download" in body["message"]
    assert (files.workspace / "latin1.txt").read_bytes() == "café".encode("latin-1")  # nothing lost


async def test_empty_files_round_trip(files: SandboxFiles) -> None:
    assert (await files.write("empty/a.txt", "")).status_code == 200
    assert (await files.read("empty/a.txt")).json()["content"] == ""
    uploaded = await files.upload_file(f"{HOME}/empty/b.bin", "b.bin", b"")
    assert uploaded.json() == {"success": True, "path": f"{HOME}/empty/b.bin", "size": 0}
    downloaded = await files.download("empty/b.bin")
    assert downloaded.status_code == 200 and downloaded.content == b""
    assert downloaded.headers["content-length"] == "0"


async def test_unicode_names_round_trip(files: SandboxFiles) -> None:
    name = 'données/ünï cødé 文件 "q".txt'
    assert (await files.write(name, "ok")).status_code == 200
    assert (files.workspace / name).read_text() == "ok"
    listed = (await files.list(f"{HOME}/données")).json()
    assert [e["name"] for e in listed["entries"]] == ['ünï cødé 文件 "q".txt']
    downloaded = await files.download(name)
    assert downloaded.content == b"ok"
    assert (
        "filename*=UTF-8''%C3%BCn%C3%AF%20c%C3%B8d%C3%A9%20%E6%96%87%E4%BB%B6%20%22q%22.txt"
        in (downloaded.headers["content-disposition"])
    )
    uploaded = await files.upload_file(f"{HOME}/données/", "é.bin", b"\x00\x01")
    assert uploaded.json()["path"] == f"{HOME}/données/é.bin"


async def test_write_applies_mode_and_creates_directories(files: SandboxFiles) -> None:
    written = await files.write("modes/deep/er/x.sh", "#!/bin/sh\n", mode="755")
    assert written.status_code == 200, written.text
    assert (files.workspace / "modes/deep/er/x.sh").stat().st_mode & 0o777 == 0o755
    assert (await files.stat("modes/deep/er/x.sh")).json()["mode"] == "0755"
    body = error_of(await files.write("modes/missing/x.txt", "x", createDir=False), 404)
    assert f"{HOME}/modes/missing" in body["message"] and "does not exist" in body["message"]
    for bad in ("999", "\u0667\u0667\u0667", "+644", "6_44", "-0", "7777"):
        assert error_of(await files.write("modes/y.txt", "x", mode=bad), 400)["code"] == "ERR_VALIDATION_FAILED", bad
    assert not (files.workspace / "modes" / "y.txt").exists()


async def test_write_replaces_a_file_and_leaves_no_temporary_file(files: SandboxFiles) -> None:
    await files.write("replace/a.txt", "one")
    await files.write("replace/a.txt", "two")
    assert (files.workspace / "replace/a.txt").read_text() == "two"
    assert os.listdir(files.workspace / "replace") == ["a.txt"]


async def test_json_reads_are_capped_and_point_to_download(files: SandboxFiles) -> None:
    with (files.workspace / "big.bin").open("wb") as handle:
        handle.truncate(16 * 1024 * 1024 + 1)  # sparse: one byte over the cap
    body = error_of(await files.read("big.bin", encoding="base64"), 413)
    assert "download" in body["message"] and "16 MiB" in body["message"]
    (files.workspace / "big.bin").unlink()


# -- confinement --------------------------------------------------------------------------------------------------

ESCAPES = [
    "../outside.txt",
    f"{HOME}/../../etc/passwd",
    "/etc/passwd",
    "/tmp/x.txt",
    "//etc/passwd",
    "/home/userx/y.txt",
    "/",
]


async def every_route(files: SandboxFiles, path: str) -> list[httpx.Response]:
    """What each file route answers when given `path` (as source and as destination where there are two)."""
    return [
        await files.read(path),
        await files.read(path, encoding="base64"),
        await files.write(path, "pwned"),
        await files.list(path),
        await files.stat(path),
        await files.mkdir(path),
        await files.mkdir(path + "/sub"),
        await files.move(path, f"{HOME}/moved-in"),
        await files.move(f"{HOME}/confined/keep.txt", path),
        await files.remove(path),
        await files.download(path),
        await files.upload_file(path, "f.txt", b"pwned"),
        await files.upload([("file", "f.txt", b"pwned"), ("path", None, path.encode())]),
    ]


async def every_route_refuses(files: SandboxFiles, path: str) -> list[dict[str, Any]]:
    """The error bodies of every file route given `path`, each checked to be a 400."""
    bodies = []
    for response in await every_route(files, path):
        assert response.status_code == 400, (path, response.request.url, response.text)
        bodies.append(response.json())
    return bodies


@pytest.mark.parametrize("path", ESCAPES)
async def test_paths_outside_home_are_refused_and_name_the_root(files: SandboxFiles, path: str) -> None:
    await files.write("confined/keep.txt", "keep")
    before = tree_fingerprint(files.workspace)
    outside = host_outside_workspace(files)
    for body in await every_route_refuses(files, path):
        assert body["code"] == "ERR_INVALID_PATH" and HOME in body["message"], body
    assert host_outside_workspace(files) == outside
    assert tree_fingerprint(files.workspace) == before


async def test_tmp_is_explained_as_the_sandbox_private_tmpfs(files: SandboxFiles) -> None:
    message = error_of(await files.read("/tmp/data.csv"), 400)["message"]
    assert "/tmp is a private tmpfs" in message and f"under {HOME}" in message


@pytest.mark.parametrize("path", ["", "a\0b", f"{HOME}/a\0/b"])
async def test_empty_and_nul_paths_are_refused(files: SandboxFiles, path: str) -> None:
    await files.write("confined/keep.txt", "keep")
    before = tree_fingerprint(files.workspace)
    for body in await every_route_refuses(files, path):
        assert body["code"] in ("ERR_INVALID_PATH", "ERR_VALIDATION_FAILED"), body
    assert tree_fingerprint(files.workspace) == before


@pytest.fixture
async def outside(tmp_path: Path) -> Path:
    """A host directory outside every workspace, with a file sandbox code must never reach."""
    secret = tmp_path / "host-secret"
    secret.mkdir()
    (secret / "key.txt").write_text("host secret")
    return secret


async def test_symlinks_out_of_the_workspace_are_never_followed(files: SandboxFiles, outside: Path) -> None:
    # What sandbox code can leave behind: links by host path, by sandbox path, and relative ones climbing out.
    links = files.workspace / "links"
    links.mkdir(exist_ok=True)
    for name, target in {
        "host-dir": str(outside),
        "host-file": str(outside / "key.txt"),
        "etc": "/etc",
        "passwd": "/etc/passwd",
        "tmp": "/tmp",
        "climb": "../../../..",
        "climb-file": "../../" + "../" * len(outside.parts) + str(outside / "key.txt").lstrip("/"),
        "loop": "loop",
    }.items():
        if not (links / name).is_symlink():
            os.symlink(target, links / name)
    before_outside = tree_fingerprint(outside.parent)
    before = tree_fingerprint(files.workspace)
    for path in [
        "links/host-dir/key.txt",
        "links/host-file",
        "links/etc/passwd",
        "links/passwd",
        "links/tmp/x",
        "links/climb/etc/passwd",
        "links/climb-file",
        "links/loop",
    ]:
        for response in [
            await files.read(path),
            await files.write(path, "pwned"),
            await files.list(path),
            await files.download(path),
            await files.mkdir(path + "/sub"),
            await files.upload_file(path, "f.txt", b"pwned"),
            await files.upload_file(path + "/", "f.txt", b"pwned"),
        ]:
            assert response.status_code == 400, (path, response.request.url, response.text)
            assert response.json()["code"] == "ERR_INVALID_PATH", response.text
    for path in ["links/host-dir/key.txt", "links/etc/passwd"]:  # through a link to a directory outside
        assert (await files.remove(path)).status_code == 400
        assert (await files.move(path, "links/stolen")).status_code == 400
        assert (await files.move("confined/keep.txt", path + "-new")).status_code == 400
        assert (await files.stat(path)).status_code == 400
    assert tree_fingerprint(outside.parent) == before_outside
    assert tree_fingerprint(files.workspace) == before
    assert (outside / "key.txt").read_text() == "host secret"


async def test_a_link_itself_can_be_inspected_and_removed_without_touching_its_target(
    files: SandboxFiles, outside: Path
) -> None:
    link = files.workspace / "link-to-host"
    os.symlink(str(outside), link)
    entry = (await files.stat("link-to-host")).json()
    assert entry["type"] == "symlink" and entry["path"] == f"{HOME}/link-to-host"
    assert (await files.remove("link-to-host")).status_code == 200
    assert not link.is_symlink() and (outside / "key.txt").read_text() == "host secret"


async def test_links_inside_the_workspace_are_followed_in_sandbox_terms(files: SandboxFiles) -> None:
    await files.write("inside/real/data.txt", "inside")
    os.symlink(f"{HOME}/inside/real", files.workspace / "inside" / "by-sandbox-path")
    os.symlink("real/data.txt", files.workspace / "inside" / "relative")
    os.symlink(HOME, files.workspace / "inside" / "home")
    assert (await files.read("inside/by-sandbox-path/data.txt")).json()["content"] == "inside"
    assert (await files.read("inside/relative")).json()["content"] == "inside"
    assert (await files.read("inside/home/inside/real/data.txt")).json()["content"] == "inside"
    assert (await files.write("inside/relative", "changed")).status_code == 200
    assert (files.workspace / "inside/real/data.txt").read_text() == "changed"
    assert (files.workspace / "inside/relative").is_symlink()  # written through, the link stays
    listed = (await files.list("inside/by-sandbox-path")).json()
    assert listed["path"] == f"{HOME}/inside/real" and [e["name"] for e in listed["entries"]] == ["data.txt"]


async def test_a_fifo_is_refused_instead_of_hanging(files: SandboxFiles) -> None:
    os.mkfifo(files.workspace / "pipe")
    assert error_of(await files.read("pipe"), 400)["code"] == "ERR_NOT_A_FILE"
    assert error_of(await files.download("pipe"), 400)["code"] == "ERR_NOT_A_FILE"
    assert (await files.stat("pipe")).json()["type"] == "file"
    assert (await files.remove("pipe")).status_code == 200


# -- wrong kinds and missing paths --------------------------------------------------------------------------------


async def test_wrong_kinds_say_what_the_path_is(files: SandboxFiles) -> None:
    await files.write("kinds/file.txt", "x")
    await files.mkdir("kinds/dir")
    assert error_of(await files.read("kinds/dir"), 400)["code"] == "ERR_IS_A_DIRECTORY"
    assert error_of(await files.download("kinds/dir"), 400)["code"] == "ERR_IS_A_DIRECTORY"
    assert error_of(await files.write("kinds/dir", "x"), 400)["code"] == "ERR_IS_A_DIRECTORY"
    assert error_of(await files.write(HOME, "x"), 400)["code"] == "ERR_IS_A_DIRECTORY"
    assert error_of(await files.list("kinds/file.txt"), 400)["code"] == "ERR_NOT_A_DIRECTORY"
    assert error_of(await files.read("kinds/file.txt/inner"), 400)["code"] == "ERR_NOT_A_DIRECTORY"
    assert error_of(await files.write("kinds/file.txt/inner", "x"), 400)["code"] == "ERR_NOT_A_DIRECTORY"
    body = error_of(await files.mkdir("kinds/file.txt"), 409)
    assert "already exists and is not a directory" in body["message"]
    assert (files.workspace / "kinds/file.txt").read_text() == "x"


async def test_missing_paths_are_404(files: SandboxFiles) -> None:
    for response in [
        await files.read("nowhere/x.txt"),
        await files.read("nowhere.txt"),
        await files.download("nowhere.txt"),
        await files.stat("nowhere.txt"),
        await files.list("nowhere"),
        await files.remove("nowhere.txt"),
        await files.move("nowhere.txt", "elsewhere.txt"),
    ]:
        body = error_of(response, 404)
        assert body["code"] == "ERR_NOT_FOUND" and "does not exist" in body["message"]
        assert f"{HOME}/nowhere" in body["message"]


async def test_missing_query_and_body_fields_are_400(files: SandboxFiles) -> None:
    response = await files.data.request("GET", f"{files.base}/files")
    assert "path is required" in error_of(response, 400)["message"]
    response = await files.data.request("POST", f"{files.base}/files", json_body={"path": "x.txt"})
    assert "content" in error_of(response, 400)["message"]
    assert error_of(await files.read("x.txt", encoding="utf-16"), 400)["message"].startswith("encoding must be")
    body = error_of(await files.write("x.txt", "not base64!", encoding="base64"), 400)
    assert "base64" in body["message"] and not (files.workspace / "x.txt").exists()


async def test_unknown_sandbox_is_404(data: DataPlane) -> None:
    response = await data.request("GET", "/sandboxes/sbx-none/files", query={"path": "x"})
    assert "sbx-none" in error_of(response, 404)["message"]
    response = await data.request(
        "POST", "/sandboxes/sbx-none/filesystem/upload", content=b"x", headers={"content-type": "text/plain"}
    )
    error_of(response, 404)


# -- listing, stat, mkdir -----------------------------------------------------------------------------------------


async def test_list_descends_to_the_depth_asked(files: SandboxFiles) -> None:
    await files.write("tree/a/b/c/deep.txt", "deep")
    await files.write("tree/top.txt", "top")
    os.symlink("a", files.workspace / "tree" / "link")
    one = (await files.list("tree")).json()
    assert one["path"] == f"{HOME}/tree"
    assert [(e["name"], e["type"]) for e in one["entries"]] == [("a", "dir"), ("link", "symlink"), ("top.txt", "file")]
    two = (await files.list("tree", depth="2")).json()
    assert [e["path"] for e in two["entries"]] == [
        f"{HOME}/tree/a",
        f"{HOME}/tree/a/b",
        f"{HOME}/tree/link",  # a symlink is listed, never descended into
        f"{HOME}/tree/top.txt",
    ]
    four = (await files.list("tree", depth="4")).json()
    assert f"{HOME}/tree/a/b/c/deep.txt" in [e["path"] for e in four["entries"]]
    assert len(four["entries"]) == 6
    for depth in ("0", "-1", "17", "two"):
        error_of(await files.list("tree", depth=depth), 400)


async def test_list_defaults_to_home(files: SandboxFiles) -> None:
    await files.write("listed-at-home.txt", "x")
    listing = (await files.list()).json()
    assert listing["path"] == HOME
    assert "listed-at-home.txt" in [e["name"] for e in listing["entries"]]


async def test_stat_reports_kind_size_mode_and_mtime(files: SandboxFiles) -> None:
    await files.write("st/f.txt", "12345", mode="640")
    host = (files.workspace / "st" / "f.txt").stat()
    entry = (await files.stat(f"{HOME}/st/f.txt")).json()
    assert entry == {
        "name": "f.txt",
        "path": f"{HOME}/st/f.txt",
        "type": "file",
        "size": 5,
        "mode": "0640",
        "mtime": entry["mtime"],
    }
    assert datetime.fromisoformat(entry["mtime"]).timestamp() == pytest.approx(host.st_mtime, abs=1e-3)
    directory = (await files.stat("st")).json()
    assert directory["type"] == "dir" and directory["name"] == "st"
    home = (await files.stat(HOME)).json()
    assert home["type"] == "dir" and home["path"] == HOME and home["name"] == "user"


async def test_mkdir_with_and_without_parents(files: SandboxFiles) -> None:
    made = await files.mkdir("mk/a/b", parents=True, mode="0700")
    assert made.json() == {"success": True, "path": f"{HOME}/mk/a/b"}
    assert (files.workspace / "mk/a/b").stat().st_mode & 0o777 == 0o700
    assert (files.workspace / "mk/a").stat().st_mode & 0o777 == 0o755
    assert (await files.mkdir("mk/a/b")).status_code == 200  # parents defaults to true: like mkdir -p
    assert "already exists" in error_of(await files.mkdir("mk/a/b", parents=False), 409)["message"]
    assert error_of(await files.mkdir("mk/x/y", parents=False), 404)["code"] == "ERR_NOT_FOUND"
    assert (await files.mkdir("mk/c", parents=False)).status_code == 200
    assert (await files.mkdir(HOME)).status_code == 200
    assert error_of(await files.mkdir(HOME, parents=False), 409)


# -- move and remove ----------------------------------------------------------------------------------------------


async def test_move_renames_files_and_directories(files: SandboxFiles) -> None:
    await files.write("mv/src/f.txt", "f")
    moved = await files.move("mv/src/f.txt", f"{HOME}/mv/g.txt")
    assert moved.json() == {"success": True, "source": f"{HOME}/mv/src/f.txt", "destination": f"{HOME}/mv/g.txt"}
    assert (files.workspace / "mv/g.txt").read_text() == "f" and not (files.workspace / "mv/src/f.txt").exists()
    assert (await files.move("mv/src", "mv/dst")).status_code == 200
    assert (files.workspace / "mv/dst").is_dir()


async def test_move_edge_cases(files: SandboxFiles) -> None:
    await files.write("mve/a.txt", "a")
    await files.write("mve/b.txt", "b")
    await files.mkdir("mve/dir")
    assert "already exists" in error_of(await files.move("mve/a.txt", "mve/b.txt"), 409)["message"]
    assert (files.workspace / "mve/b.txt").read_text() == "b"  # nothing overwritten
    assert error_of(await files.move("mve/dir", "mve/dir/inner"), 400)["code"] == "ERR_INVALID_PATH"
    assert error_of(await files.move("mve/a.txt", "mve/missing/a.txt"), 404)
    assert "workspace" in error_of(await files.move(HOME, "mve/home"), 400)["message"]
    error_of(await files.move("mve/a.txt", HOME), 409)
    assert sorted(os.listdir(files.workspace / "mve")) == ["a.txt", "b.txt", "dir"]


async def test_remove_files_directories_and_refuses_home(files: SandboxFiles) -> None:
    await files.write("rm/deep/er/f.txt", "x")
    await files.write("rm/g.txt", "x")
    assert (await files.remove("rm/g.txt")).json() == {"success": True, "path": f"{HOME}/rm/g.txt"}
    assert (await files.remove("rm")).status_code == 200
    assert not (files.workspace / "rm").exists()
    body = error_of(await files.remove(HOME), 400)
    assert "workspace" in body["message"] and files.workspace.is_dir()
    error_of(await files.remove(f"{HOME}/"), 400)
    assert files.workspace.is_dir()


# -- upload and download ------------------------------------------------------------------------------------------


async def test_upload_path_first_as_the_official_sdk_sends_it(files: SandboxFiles) -> None:
    uploaded = await files.upload_file(f"{HOME}/up/first.bin", "local-name.bin", b"\x00first\xff")
    assert uploaded.status_code == 200, uploaded.text
    assert uploaded.json() == {"success": True, "path": f"{HOME}/up/first.bin", "size": 7}
    host = files.workspace / "up" / "first.bin"
    assert host.read_bytes() == b"\x00first\xff" and host.stat().st_mode & 0o777 == 0o644
    assert files.leftovers() == []


async def test_upload_path_after_the_file(files: SandboxFiles) -> None:
    uploaded = await files.upload([("file", "a.txt", b"later"), ("path", None, b"up/after/a.txt")])
    assert uploaded.json() == {"success": True, "path": f"{HOME}/up/after/a.txt", "size": 5}
    assert (files.workspace / "up/after/a.txt").read_bytes() == b"later"
    assert files.leftovers() == []


async def test_upload_into_a_directory_keeps_the_file_name(files: SandboxFiles) -> None:
    await files.mkdir("up/dir")
    existing = await files.upload_file("up/dir", "named.txt", b"1")
    assert existing.json()["path"] == f"{HOME}/up/dir/named.txt"
    slash = await files.upload_file("up/new-dir/", "C:\\Users\\me\\win.txt", b"2")
    assert slash.json()["path"] == f"{HOME}/up/new-dir/win.txt"
    assert (files.workspace / "up/new-dir/win.txt").read_bytes() == b"2"
    home = await files.upload_file(HOME, "at-home.txt", b"3")
    assert home.json()["path"] == f"{HOME}/at-home.txt"


async def test_upload_replaces_a_file(files: SandboxFiles) -> None:
    await files.write("up/replace.txt", "old")
    assert (await files.upload_file("up/replace.txt", "x", b"new")).status_code == 200
    assert (files.workspace / "up/replace.txt").read_bytes() == b"new"


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        ([("file", "a.txt", b"x")], "no path field"),
        ([("path", None, b"up/bad.txt")], "no file part"),
        ([("path", None, b"up/bad.txt"), ("file", "a", b"x"), ("file", "b", b"y")], "more than one file"),
        ([("path", None, b"up/bad.txt"), ("other", None, b"x"), ("file", "a", b"x")], "unexpected multipart field"),
        ([("path", None, b"up/bad.txt"), ("path", None, b"x"), ("file", "a", b"x")], "two path fields"),
        ([("path", None, b"up/"), ("file", "..", b"x")], "not a usable name"),
    ],
)
async def test_bad_upload_forms_are_400_and_leave_nothing(
    files: SandboxFiles, parts: list[tuple[str, str | None, bytes]], message: str
) -> None:
    assert message in error_of(await files.upload(parts), 400)["message"]
    assert files.leftovers() == [] and not (files.workspace / "up/bad.txt").exists()


async def test_an_upload_cut_before_its_closing_boundary_is_400_and_leaves_nothing(files: SandboxFiles) -> None:
    boundary = "cutcutcut"
    body = part_header("path", None, boundary) + b"up/cut.bin\r\n" + part_header("file", "c", boundary) + b"x" * 5000

    async def chunks() -> AsyncIterator[bytes]:
        yield body

    assert "closing boundary" in error_of(await files.upload(chunks(), boundary=boundary), 400)["message"]
    assert files.leftovers() == [] and not (files.workspace / "up/cut.bin").exists()


async def test_upload_needs_a_multipart_body(files: SandboxFiles) -> None:
    response = await files.data.request(
        "POST", f"{files.base}/filesystem/upload", content=b"{}", headers={"content-type": "application/json"}
    )
    assert "multipart/form-data" in error_of(response, 400)["message"]
    response = await files.data.request(
        "POST", f"{files.base}/filesystem/upload", content=b"x", headers={"content-type": "multipart/form-data"}
    )
    assert "boundary" in error_of(response, 400)["message"]


async def test_download_headers(files: SandboxFiles) -> None:
    await files.write("dl/report.csv", "a,b\n1,2\n")
    response = await files.download(f"{HOME}/dl/report.csv")
    assert response.status_code == 200 and response.content == b"a,b\n1,2\n"
    assert response.headers["content-type"] == "application/octet-stream"
    assert response.headers["content-length"] == "8"
    assert response.headers["content-disposition"].startswith('attachment; filename="report.csv"')
    assert response.headers["x-acs-request-id"]


async def test_upload_larger_than_the_disk_size_is_413_and_leaves_nothing(data: DataPlane, local: LocalServer) -> None:
    small = await new_template(local, network="PRIVATE", disk_size=1)  # 1 MB
    created = await data.create_sandbox(small)
    sandbox = SandboxFiles(data, created["sandboxId"])
    try:
        fits = await sandbox.upload_file("fits.bin", "f", b"x" * (1024 * 1024))
        assert fits.status_code == 200, fits.text
        boundary = secrets.token_hex(8)
        too_big = 3 * 1024 * 1024

        async def chunked() -> AsyncIterator[bytes]:  # no Content-Length: the limit is enforced while streaming
            yield part_header("path", None, boundary) + b"big.bin\r\n" + part_header("file", "big.bin", boundary)
            for _ in range(too_big // 65536):
                yield b"y" * 65536
            yield f"\r\n--{boundary}--\r\n".encode()

        body = error_of(await sandbox.upload(chunked(), boundary=boundary), 413)
        assert body["code"] == "ERR_FILE_TOO_LARGE" and "1 MB" in body["message"]
        declared = await sandbox.upload_file("big.bin", "big.bin", b"y" * too_big)  # Content-Length: refused at once
        assert error_of(declared, 413)["code"] == "ERR_FILE_TOO_LARGE"
        written = await sandbox.write("big.bin", "y" * (1024 * 1024 + 1))
        assert "disk size of 1 MB" in error_of(written, 413)["message"]
        assert sandbox.leftovers() == [] and not (sandbox.workspace / "big.bin").exists()
    finally:
        await data.delete_sandbox(created["sandboxId"])


async def test_a_client_that_goes_away_mid_upload_leaves_no_partial_file(files: SandboxFiles) -> None:
    boundary = secrets.token_hex(8)

    async def abandoned() -> AsyncIterator[bytes]:
        yield part_header("path", None, boundary) + b"up/abandoned.bin\r\n" + part_header("file", "a", boundary)
        yield b"z" * (2 * 1024 * 1024)  # past one flush: the temporary file is on disk now
        assert await eventually(lambda: bool(files.leftovers()))
        raise ConnectionAbortedError("the test client goes away mid-upload")

    with pytest.raises(ConnectionAbortedError):
        await files.upload(abandoned(), boundary=boundary)
    assert await eventually(lambda: not files.leftovers())  # the server notices the disconnect, then cleans up
    assert not (files.workspace / "up/abandoned.bin").exists()


def open_descriptors_of(path: Path) -> int:
    """How many descriptors of this process (the in-process server's) are open on `path`."""
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{fd}") == str(path):
                count += 1
        except OSError:
            continue
    return count


async def test_a_client_that_goes_away_mid_download_gets_the_file_closed(files: SandboxFiles) -> None:
    host = files.workspace / "dl" / "long.bin"
    host.parent.mkdir(exist_ok=True)
    with host.open("wb") as handle:
        handle.truncate(256 * 1024 * 1024)  # sparse: more than socket buffers hold, so the server is mid-send
    query = {"path": "dl/long.bin"}
    async with files.data.stream("GET", f"{files.base}/filesystem/download", query=query) as response:
        assert response.status_code == 200
        async for _chunk in response.aiter_raw():
            break
        assert open_descriptors_of(host) == 1
    assert await eventually(lambda: open_descriptors_of(host) == 0)
    host.unlink()


# -- what sandbox code sees ---------------------------------------------------------------------------------------


async def test_files_written_over_http_are_sandbox_code_files(files: SandboxFiles) -> None:
    await files.write(f"{HOME}/shared/from-api.txt", "from the API")
    await files.upload_file(f"{HOME}/shared/up.bin", "up.bin", b"\x00\x01")
    code = (
        "import os\n"
        "p = '/home/user/shared/from-api.txt'\n"
        "print(open(p).read(), os.stat(p).st_uid, os.getuid(), open('/home/user/shared/up.bin', 'rb').read())\n"
        "with open(p, 'a') as f: f.write(' + sandbox')\n"  # sandbox code owns it: it may change it
        "os.chmod('/home/user/shared/up.bin', 0o600)\n"
        "os.rename('/home/user/shared/up.bin', '/home/user/shared/renamed.bin')\n"
    )
    result = await files.execute(code)
    assert result["stdout"] == "from the API 1000 1000 b'\\x00\\x01'\n", result
    assert (await files.read("shared/from-api.txt")).json()["content"] == "from the API + sandbox"
    assert (await files.stat("shared/renamed.bin")).json()["mode"] == "0600"


async def test_files_sandbox_code_writes_are_readable_over_http(files: SandboxFiles) -> None:
    code = (
        "import os\n"
        "os.makedirs('/home/user/made/in/sandbox', exist_ok=True)\n"
        "open('/home/user/made/in/sandbox/out.txt', 'w').write('from the sandbox')\n"
        "open('/home/user/made/bytes.bin', 'wb').write(bytes(range(256)))\n"
        "open('/tmp/private.txt', 'w').write('tmpfs')\n"
    )
    await files.execute(code)
    assert (await files.read(f"{HOME}/made/in/sandbox/out.txt")).json()["content"] == "from the sandbox"
    assert (await files.download("made/bytes.bin")).content == bytes(range(256))
    listing = (await files.list("made", depth="3")).json()
    assert [e["path"] for e in listing["entries"]] == [
        f"{HOME}/made/bytes.bin",
        f"{HOME}/made/in",
        f"{HOME}/made/in/sandbox",
        f"{HOME}/made/in/sandbox/out.txt",
    ]
    assert "private tmpfs" in error_of(await files.read("/tmp/private.txt"), 400)["message"]


async def test_symlinks_made_by_sandbox_code_cannot_lead_out(files: SandboxFiles, outside: Path) -> None:
    code = (
        "import os\n"
        "os.makedirs('/home/user/evil', exist_ok=True)\n"
        f"os.symlink({str(outside)!r}, '/home/user/evil/host')\n"  # the host path: meaningless inside, refused out
        "os.symlink('/', '/home/user/evil/root')\n"
        "os.symlink('../..', '/home/user/evil/up')\n"
        "os.symlink('/home/user/evil/target.txt', '/home/user/evil/inside')\n"
        "open('/home/user/evil/target.txt', 'w').write('inside')\n"
    )
    await files.execute(code)
    before = tree_fingerprint(outside.parent)
    for path in ["evil/host/key.txt", "evil/root/etc/passwd", "evil/up/etc/passwd", "evil/root" + str(outside)]:
        assert error_of(await files.read(path), 400)["code"] == "ERR_INVALID_PATH"
        assert error_of(await files.write(path, "pwned"), 400)["code"] == "ERR_INVALID_PATH"
        assert error_of(await files.upload_file(path, "f", b"pwned"), 400)["code"] == "ERR_INVALID_PATH"
    assert (await files.read("evil/inside")).json()["content"] == "inside"
    assert tree_fingerprint(outside.parent) == before


async def test_an_unisolated_sandbox_may_name_its_workspace_by_its_host_path_too(tmp_path: Path, outside: Path) -> None:
    """Without isolation, sandbox code sees the workspace at its host path (its cwd, its symlinks): the file API
    accepts that spelling as well, and still nothing outside it."""
    async with (
        run(data_dir=tmp_path / "unisolated", port=0, unsafe_no_isolation=True) as server,
        httpx.AsyncClient(
            base_url=server.base_url, verify=ssl.create_default_context(cafile=str(server.ca_file)), trust_env=False
        ) as raw,
    ):
        data = DataPlane(raw, server)
        created = await data.create_sandbox(await new_template(server, network="PRIVATE"))
        sandbox = SandboxFiles(data, created["sandboxId"])
        host_home = str(sandbox.workspace)
        result = await sandbox.execute(
            "import os\n"
            "open('made.txt', 'w').write('cwd')\n"
            "os.symlink(os.path.abspath('made.txt'), 'by-host-path')\n"
            f"os.symlink({str(outside)!r}, 'out')\n"
            "print(os.getcwd())\n"
        )
        assert result["stdout"] == host_home + "\n"
        assert (await sandbox.read(f"{host_home}/made.txt")).json() == (await sandbox.read(f"{HOME}/made.txt")).json()
        assert (await sandbox.read("by-host-path")).json()["content"] == "cwd"
        assert (await sandbox.write(f"{host_home}/new.txt", "x")).json()["path"] == f"{HOME}/new.txt"
        assert error_of(await sandbox.read("out/key.txt"), 400)["code"] == "ERR_INVALID_PATH"
        assert error_of(await sandbox.read(str(outside / "key.txt")), 400)["code"] == "ERR_INVALID_PATH"
        await data.delete_sandbox(created["sandboxId"])
