"""The command line: `agentrun local serve` in a subprocess answering a signed request, `agentrun local env`, and
`AsyncAgentRun.local()` reading the data dir a server recorded itself in."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import anyio
import pytest

from agentrun import errors
from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer

AGENTRUN = shutil.which("agentrun", path=str(Path(sys.executable).parent))
needs_entry_point = pytest.mark.skipif(AGENTRUN is None, reason="the agentrun entry point is not installed")


def parse_exports(text: str) -> dict[str, str]:
    """`export NAME=value` lines, values unquoted by a real shell."""
    script = text + "\nenv -0"
    out = subprocess.run(["bash", "-c", script], capture_output=True, check=True, env={}).stdout
    pairs = (item.split(b"=", 1) for item in out.split(b"\0") if b"=" in item)
    return {
        k.decode(): v.decode()
        for k, v in pairs
        if k.startswith((b"AGENTRUN_", b"SSL_CERT_FILE", b"NODE_EXTRA_CA_CERTS"))
    }


@needs_entry_point
async def test_env_prints_exports_for_the_running_server(local: LocalServer) -> None:
    result = await anyio.run_process([AGENTRUN, "local", "env", "--data-dir", str(local.data_dir)])  # type: ignore[list-item]
    assert parse_exports(result.stdout.decode()) == local.env
    bundle = await anyio.Path(local.env["SSL_CERT_FILE"]).read_text()
    assert await anyio.Path(local.ca_file).read_text() in bundle
    assert bundle.count("BEGIN CERTIFICATE") > 10  # certifi's roots are there too
    assert local.env["NODE_EXTRA_CA_CERTS"] == str(local.ca_file)  # for Node (Playwright's driver): the CA alone


@needs_entry_point
async def test_eval_env_points_the_sdk_at_the_server(local: LocalServer) -> None:
    program = (
        "import anyio, agentrun\n"
        "async def main():\n"
        "    async with agentrun.AsyncAgentRun() as c:\n"
        "        print([w.name async for w in c.workspaces.list()])\n"
        "anyio.run(main)\n"
    )
    script = f'eval "$({AGENTRUN} local env --data-dir {local.data_dir})" && {sys.executable} -c "$PROGRAM"'
    environment = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", ""), "PROGRAM": program}
    result = await anyio.run_process(["bash", "-c", script], check=False, env=environment)
    assert result.returncode == 0, result.stderr.decode()
    assert "default" in result.stdout.decode()


@needs_entry_point
async def test_env_without_a_server_says_how_to_start_one(tmp_path: Path) -> None:
    result = await anyio.run_process([AGENTRUN, "local", "env", "--data-dir", str(tmp_path)], check=False)  # type: ignore[list-item]
    assert result.returncode == 1
    assert "agentrun local serve" in result.stderr.decode()


def test_client_local_without_a_server_raises_config_error(tmp_path: Path) -> None:
    with pytest.raises(errors.ConfigError, match="no AgentRun Local server is running"):
        AsyncAgentRun.local(tmp_path)


async def test_client_local_reads_the_data_dir(local: LocalServer) -> None:
    async with AsyncAgentRun.local(local.data_dir) as client:
        assert client.config.access_key_id == local.identity.access_key_id
        assert [w.name async for w in client.workspaces.list()] == ["default"]


@needs_entry_point
@pytest.mark.parametrize("scheme", ["https", "http"])
async def test_serve_subprocess_answers_signed_requests_and_stops_on_sigterm(tmp_path: Path, scheme: str) -> None:
    record = tmp_path / "server.json"
    flags = ["--http"] if scheme == "http" else []
    async with await anyio.open_process(
        [AGENTRUN, "local", "serve", "--port", "0", "--data-dir", str(tmp_path), *flags],  # type: ignore[list-item]
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        try:
            with anyio.fail_after(20):
                while not record.exists():
                    assert process.returncode is None, "the server exited early"
                    await anyio.sleep(0.05)
            assert json.loads(record.read_text())["pid"] == process.pid
            async with AsyncAgentRun.local(tmp_path) as client:
                created = await client.credentials.create("c", auth_type="api_key", source_type="internal", secret="s")
                assert created.credential_name == "c"
        finally:
            process.send_signal(signal.SIGTERM)
            with anyio.fail_after(15):
                code = await process.wait()
        assert process.stdout is not None
        banner = (await process.stdout.receive()).decode()
    assert code == 0
    assert f"listening on {scheme}://127.0.0.1:" in banner and "agentrun local env" in banner
    assert not record.exists()  # a clean stop removes the record


async def test_python_dash_m_has_the_same_commands() -> None:
    result = await anyio.run_process([sys.executable, "-m", "agentrun.local", "serve", "--help"])
    text = result.stdout.decode()
    assert "--data-dir" in text and "--http" in text and "--port" in text


async def test_help_does_not_import_the_server() -> None:
    code = "import sys; from agentrun.cli import main\ntry: main(['--help'])\nexcept SystemExit: pass\n"
    code += "print(sorted(m for m in ('uvicorn', 'starlette', 'agentrun.local.server') if m in sys.modules))"
    result = await anyio.run_process([sys.executable, "-c", code])
    assert result.stdout.decode().strip().endswith("[]")


async def test_sync_client_local_reads_the_data_dir(local: LocalServer) -> None:
    """The blocking twin, from a worker thread (the server runs on this test's event loop)."""
    from agentrun.sync import AgentRun

    def list_workspaces() -> list[str]:
        with AgentRun.local(local.data_dir) as client:
            return [str(w.name) for w in client.workspaces.list()]

    assert await anyio.to_thread.run_sync(list_workspaces) == ["default"]
