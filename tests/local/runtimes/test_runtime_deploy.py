"""Deploying code to AgentRun Local (openapi/control.yaml, CreateAgentRuntime/UpdateAgentRuntime codeConfiguration):
the package is checked before anything is written, unpacked into a build, its requirements installed at deploy time
(CREATING until then, READY or CREATE_FAILED/UPDATE_FAILED with the installer's last lines after)."""

from __future__ import annotations

import os
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import anyio
import pytest
from local_helpers import unique
from runtime_packages import agent_zip, code_configuration, make_zip, wheel

from agentrun import errors
from agentrun._core.crc64 import crc64
from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer
from agentrun.local.runtimes import packages


async def settled(client: AsyncAgentRun, runtime_id: str, timeout: float = 120) -> Any:
    """The runtime once its status is no longer CREATING/UPDATING."""
    with anyio.fail_after(timeout):
        while True:
            runtime = await client.agent_runtimes.get(runtime_id)
            if str(runtime.status) not in ("CREATING", "UPDATING"):
                return runtime
            await anyio.sleep(0.1)


def builds(local: LocalServer) -> set[str]:
    root = local.data_dir / "runtimes" / "builds"
    return set(os.listdir(root)) if root.exists() else set()


def test_checksum_is_the_official_sdks(tmp_path: Path) -> None:
    """Our CRC-64 is the one AgentRuntimeCode.from_zip_file computes (run in the official SDK's environment)."""
    official = os.environ.get("AGENTRUN_OFFICIAL_PYTHON") or str(Path(".venv-official/bin/python").absolute())
    if not Path(official).exists():
        pytest.skip("the official SDK environment is missing: make official-sdk")
    package = tmp_path / "agent.zip"
    package.write_bytes(agent_zip({"data.bin": os.urandom(100_000)}))
    script = (
        "import sys; from agentrun.agent_runtime.model import AgentRuntimeCode as C\n"
        "print(C.from_zip_file('python3.12', ['python'], sys.argv[1]).checksum)"
    )
    env = {**os.environ, "DISABLE_BREAKING_CHANGES_WARNING": "1"}
    # cwd elsewhere: from this repository's root, `agentrun` would be ours, not the official SDK
    answer = subprocess.run(
        [official, "-c", script, str(package)], capture_output=True, text=True, check=True, cwd=tmp_path, env=env
    )
    assert answer.stdout.strip() == str(crc64(package.read_bytes()))
    assert crc64(b"123456789") == 0x995DC9BBDF1939FA  # the CRC-64/XZ check value


async def test_a_package_deploys_and_becomes_ready(client: AsyncAgentRun, local: LocalServer) -> None:
    before = builds(local)
    runtime = await client.agent_runtimes.create(unique("ar-code"), code=code_configuration(agent_zip()))
    assert str(runtime.status) == "CREATING"
    ready = await settled(client, runtime.id)
    assert str(ready.status) == "READY", ready.status_reason
    assert ready.code_configuration is not None and not ready.code_configuration.zip_file  # not stored
    (new,) = builds(local) - before
    assert (local.data_dir / "runtimes" / "builds" / new / "code" / "main.py").is_file()


async def test_requirements_install_into_a_build_venv(client: AsyncAgentRun, local: LocalServer) -> None:
    package = agent_zip({
        "requirements.txt": "./vendor/tinydep-1.0-py3-none-any.whl\n",
        "vendor/tinydep-1.0-py3-none-any.whl": wheel("tinydep", "1.0", "tinydep", "GREETING = 'from a wheel'\n"),
    })  # fmt: skip
    before = builds(local)
    runtime = await client.agent_runtimes.create(unique("ar-reqs"), code=code_configuration(package))
    assert str(runtime.status) == "CREATING"
    ready = await settled(client, runtime.id)
    assert str(ready.status) == "READY", ready.status_reason
    (new,) = builds(local) - before
    venv = local.data_dir / "runtimes" / "builds" / new / "venv"
    assert list(venv.glob("lib/python*/site-packages/tinydep.py"))


async def test_a_failed_install_says_why(client: AsyncAgentRun) -> None:
    package = agent_zip({"requirements.txt": "./vendor/missing-1.0-py3-none-any.whl\n"})
    runtime = await client.agent_runtimes.create(unique("ar-badreq"), code=code_configuration(package))
    failed = await settled(client, runtime.id)
    assert str(failed.status) == "CREATE_FAILED"
    assert "pip install -r requirements.txt failed" in (failed.status_reason or "")
    assert "missing-1.0-py3-none-any.whl" in (failed.status_reason or "")  # pip's own last lines

    fixed = await client.agent_runtimes.update(runtime.id, code=code_configuration(agent_zip()))
    assert str(fixed.status) == "UPDATING"
    assert str((await settled(client, runtime.id)).status) == "READY"
    broken = agent_zip({"requirements.txt": "./nope.whl\n"})
    await client.agent_runtimes.update(runtime.id, code=code_configuration(broken))
    assert str((await settled(client, runtime.id)).status) == "UPDATE_FAILED"


async def test_a_language_the_machine_lacks_fails(client: AsyncAgentRun) -> None:
    runtime = await client.agent_runtimes.create(
        unique("ar-java"), code=code_configuration(agent_zip(), language="java11", command=["java", "Main"])
    )
    failed = await settled(client, runtime.id)
    assert str(failed.status) == "CREATE_FAILED"
    assert "java11 is not supported by AgentRun Local" in (failed.status_reason or "")


def _huge_declared() -> bytes:
    """A small zip whose one member says it unpacks to more than the limit (a zip bomb's headers)."""
    data = bytearray(make_zip({"main.py": "x" * 1000}))
    archive = zipfile.ZipFile(__import__("io").BytesIO(bytes(data)))
    info = archive.infolist()[0]
    size = (packages.MAX_UNPACKED_BYTES + 1).to_bytes(4, "little")
    central = bytes(data).rindex(b"PK\x01\x02")  # the central directory entry's uncompressed size: offset 24
    data[central + 24 : central + 28] = size
    data[info.header_offset + 22 : info.header_offset + 26] = size
    return bytes(data)


BAD = {
    "corrupt": (code_configuration(b"PK\x03\x04 this is not a zip"), "not a readable zip"),
    "not base64": ({**code_configuration(agent_zip()), "zipFile": "%%%"}, "not valid base64"),
    "wrong checksum": (code_configuration(agent_zip(), checksum="12345"), "checksum is '12345'"),
    "traversal": (code_configuration(make_zip({"main.py": "", "../../escaped.py": "x"})), "outside the package"),
    "absolute": (code_configuration(make_zip({"/etc/escaped.py": "x"})), "absolute path"),
    "symlink": (code_configuration(make_zip({"main.py": ""}, symlinks={"link": "/etc/passwd"})), "symbolic link"),
    "huge": (code_configuration(_huge_declared()), "MiB"),
    "empty": (code_configuration(make_zip({})), "no files"),
    "oss": ({"language": "python3.12", "ossBucketName": "b", "ossObjectName": "o.zip"}, "cannot read OSS"),
}


@pytest.mark.parametrize("case", list(BAD))
async def test_bad_packages_are_refused_and_leave_nothing(client: AsyncAgentRun, local: LocalServer, case: str) -> None:
    code, message = BAD[case]
    before = builds(local)
    name = unique("ar-bad")
    with pytest.raises(errors.BadRequestError, match=message):
        await client.agent_runtimes.create(name, code=code)
    assert builds(local) == before
    assert not (local.data_dir.parent / "escaped.py").exists()
    assert [r async for r in client.agent_runtimes.list() if r.agent_runtime_name == name] == []


async def test_an_oversized_package_is_refused_before_decoding(client: AsyncAgentRun) -> None:
    code = {"language": "python3.12", "zipFile": "A" * (packages.MAX_ZIP_BYTES * 4 // 3 + 8)}
    with pytest.raises(errors.BadRequestError, match="larger than 50 MiB"):
        await client.agent_runtimes.create(unique("ar-big"), code=code)
