"""State: secrets encrypted at rest, restart persistence, concurrent updates, and the plain-HTTP mode."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import anyio
import httpx
from local_helpers import acs3_headers, code_package, unique

from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer, run


async def test_secrets_are_encrypted_at_rest(client: AsyncAgentRun, local: LocalServer) -> None:
    credential, service = unique("cred"), unique("ms")
    await client.credentials.create(
        credential, auth_type="basic", source_type="internal", secret="plain-credential-secret",
        public_config={"users": [{"username": "u", "password": "plain-user-password"}]},
    )  # fmt: skip
    await client.model_services.create(service, provider="openai", api_key="plain-provider-key")
    stored = b"".join(path.read_bytes() for path in local.data_dir.glob("store.db*"))
    for secret in (b"plain-credential-secret", b"plain-user-password", b"plain-provider-key"):
        assert secret not in stored
    assert local.identity.access_key_secret.encode() not in (local.data_dir / "identity.json").read_bytes()
    assert (local.data_dir / "master.key").stat().st_mode & 0o777 == 0o600
    got = await client.credentials.get(credential)
    assert got.credential_secret == "plain-credential-secret"
    assert got.credential_public_config.users[0].password == "plain-user-password"  # type: ignore[union-attr]


async def test_restart_keeps_resources_and_keys(tmp_path: Path) -> None:
    async with run(data_dir=tmp_path, port=0) as first:
        await first.client.credentials.create("kept", auth_type="api_key", source_type="internal", secret="s1")
        runtime = await first.client.agent_runtimes.create("kept-ar", code=code_package())
        await runtime.wait_until_ready(timeout=10)
        await first.client.model_services.create("kept-ms", provider="openai", api_key="k")
        key_id = first.identity.access_key_id
    async with run(data_dir=tmp_path, port=0) as second:
        assert second.identity.access_key_id == key_id
        assert (await second.client.credentials.get("kept")).credential_secret == "s1"
        assert str((await second.client.agent_runtimes.get(runtime.id)).status) == "READY"
        # A transition started before the restart still completes after it (the restart may come within the 0.2 s
        # settle time, so wait rather than expect READY at once).
        reloaded = await second.client.model_services.get("kept-ms")
        assert str(reloaded.status) in ("CREATING", "READY")
        assert str((await reloaded.wait_until_ready(timeout=10)).status) == "READY"
    with sqlite3.connect(tmp_path / "store.db") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


async def test_concurrent_updates_all_land(client: AsyncAgentRun) -> None:
    """20 concurrent updates: to 20 credentials, and to different fields of one; no update is lost."""
    names = [unique("conc") for _ in range(20)]
    shared = unique("shared")
    for name in [*names, shared]:
        await client.credentials.create(name, auth_type="api_key", source_type="internal", secret="s0")
    async with anyio.create_task_group() as tasks:
        for i, name in enumerate(names):
            tasks.start_soon(lambda n=name, i=i: client.credentials.update(n, description=f"d{i}"))
        tasks.start_soon(lambda: client.credentials.update(shared, description="new description"))
        tasks.start_soon(lambda: client.credentials.update(shared, secret="s1"))
        tasks.start_soon(lambda: client.credentials.update(shared, enabled=False))
        tasks.start_soon(lambda: client.credentials.update(shared, public_config={"headerKey": "X-Key", "users": []}))
    for i, name in enumerate(names):
        assert (await client.credentials.get(name)).description == f"d{i}"
    merged = await client.credentials.get(shared)
    assert (merged.description, merged.credential_secret, merged.enabled) == ("new description", "s1", False)
    assert merged.credential_public_config.header_key == "X-Key"  # type: ignore[union-attr]


async def test_http_mode(tmp_path: Path) -> None:
    async with run(data_dir=tmp_path, port=0, http=True) as local:
        assert local.scheme == "http" and "SSL_CERT_FILE" not in local.env
        # The official client's plain-HTTP spelling; this SDK accepts it too.
        assert local.env["AGENTRUN_CONTROL_ENDPOINT"] == f"http://http://127.0.0.1:{local.port}"
        await local.client.credentials.create("h", auth_type="api_key", source_type="internal", secret="s")
        assert (await local.client.credentials.get("h")).credential_secret == "s"
        path = "/2025-09-10/agents/credentials/h"
        headers = acs3_headers(local, "GET", path, host=f"http://127.0.0.1:{local.port}")
        async with httpx.AsyncClient(base_url=local.base_url, trust_env=False) as http:
            assert (await http.get(path, headers=headers)).status_code == 200


async def test_cancellation_shuts_the_server_down(tmp_path: Path) -> None:
    port = 0
    with anyio.move_on_after(0.5):
        async with run(data_dir=tmp_path, port=0) as local:
            port = local.port
            await anyio.sleep_forever()
    assert port and not (tmp_path / "server.json").exists()
    with anyio.fail_after(5):
        async with run(data_dir=tmp_path, port=port) as again:  # the port is free again
            assert again.port == port


async def test_idle_keep_alive_connections_outlive_the_official_sdks_poll_interval(tmp_path: Path) -> None:
    """The official SDK polls every 5 s over one pooled connection and never retries a dropped one, so an idle
    connection must still be open after 5 s (uvicorn's default would have closed it)."""
    async with run(data_dir=tmp_path, port=0, http=True) as local:
        stream = await anyio.connect_tcp("127.0.0.1", local.port)
        async with stream:
            request = b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
            await stream.send(request)
            assert (await stream.receive()).startswith(b"HTTP/1.1 200")
            await anyio.sleep(5.5)
            await stream.send(request)
            assert (await stream.receive()).startswith(b"HTTP/1.1 200")


async def test_a_cached_get_follows_transitions_and_writes(client: AsyncAgentRun) -> None:
    """GetX is answered from a cache kept per store generation: a transition that comes due (CREATING -> READY after
    the settle time, with no write in between) and a write are both seen by the next get."""
    name = unique("cached")
    await client.model_services.create(name, provider="openai", base_url="http://127.0.0.1:9/v1")
    first = await client.model_services.get(name)
    assert str(first.status) == "CREATING"
    assert str((await client.model_services.get(name)).status) == "CREATING"  # answered from the cache
    await anyio.sleep(0.5)  # the conftest server settles after 0.2 s; nothing writes meanwhile
    assert str((await client.model_services.get(name)).status) == "READY"
    await client.model_services.update(name, description="changed")
    assert (await client.model_services.get(name)).description == "changed"
