"""Network: a PUBLIC sandbox reaches the outside world, never the host. Traffic goes only to namespaces this test
creates (netns_harness.py): a "host" network namespace, where a real AgentRun Local runs (this file, run as a script
there), and a "world" namespace behind the host's default gateway, with a listener standing for the internet.

From inside real sandboxes the script connects to a listener on the host's 127.0.0.1, to AgentRun Local's own port,
to the same ports through the gateway address, to a listener on the host's own address, and to the world; from the
host it connects to a port the sandbox listens on. It also counts the pasta processes of the server's sandboxes.
"""

from __future__ import annotations

import inspect
import json
import socket
import sys
import tempfile
from pathlib import Path
from typing import Any

import anyio
import pytest
from netns_harness import (
    GATEWAY,
    HOST,
    WORLD,
    attempt,
    namespaces,
    pastas_of,
    require_namespaces,
    run_in_host,
    world_listener,
)

from agentrun import errors

PROBE = """
import json, socket
routes = open("/proc/net/route").read().splitlines()[1:]
listener = socket.socket()
listener.bind(("0.0.0.0", 0))
listener.listen()
print(json.dumps({
    "interfaces": sorted(name for _, name in socket.if_nameindex()),
    "default_route": any(line.split()[1] == "00000000" for line in routes),
    "attempts": {f"{host}:{port}": attempt(host, port) for host, port in TARGETS},
    "listening": listener.getsockname()[1],
}))
"""


async def scenario(world_port: int) -> dict[str, Any]:
    """Runs inside the host namespace: AgentRun Local, listeners, a PUBLIC and a PRIVATE sandbox."""
    from agentrun.local import run

    report: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as data_dir, socket.socket() as loopback, socket.socket() as on_host_address:
        loopback.bind(("127.0.0.1", 0))
        on_host_address.bind((HOST, 0))
        for listener in (loopback, on_host_address):
            listener.listen()
        async with run(data_dir=data_dir, port=0, warm_sandboxes=0) as local:
            loop_port, host_port = loopback.getsockname()[1], on_host_address.getsockname()[1]
            targets = {
                "loopback": ("127.0.0.1", loop_port),
                "server": ("127.0.0.1", local.port),
                "gateway to loopback port": (GATEWAY, loop_port),
                "gateway to server port": (GATEWAY, local.port),
                "host address": (HOST, host_port),
                "gateway": (GATEWAY, world_port),
                "world": (WORLD, world_port),
            }
            code = f"{inspect.getsource(attempt)}\nTARGETS = {list(targets.values())!r}\n{PROBE}"
            for mode in ("PUBLIC", "PRIVATE"):
                await local.client.templates.create(mode.lower(), network={"networkMode": mode})
                async with await local.client.sandboxes.create(mode.lower()) as sandbox:
                    context = await sandbox.create_context()
                    execution = await sandbox.run_code(code, context=context)
                    assert execution.error is None, execution.error
                    seen = json.loads("".join(execution.logs.stdout))
                    names = {f"{host}:{port}": name for name, (host, port) in targets.items()}
                    seen["attempts"] = {names[key]: outcome for key, outcome in seen.pop("attempts").items()}
                    port = seen.pop("listening")  # the sandbox still listens (the context keeps the socket)
                    seen["host to sandbox"] = {host: attempt(host, port) for host in ("127.0.0.1", HOST)}
                    seen["pastas while running"] = len(pastas_of(data_dir))
                seen["pastas after delete"] = len(pastas_of(data_dir))
                report[mode] = seen
    return report


@pytest.fixture(scope="module")
async def report(isolation_available: None) -> dict[str, Any]:
    require_namespaces()
    with namespaces() as (host, world):
        async with world_listener(world) as port:
            found: dict[str, Any] = await run_in_host(host, sys.executable, __file__, str(port))
    return found


def test_a_public_sandbox_cannot_connect_to_the_hosts_loopback(report: dict[str, Any]) -> None:
    attempts = report["PUBLIC"]["attempts"]
    assert attempts["loopback"] == "ConnectionRefusedError", attempts  # its own loopback, where nothing listens
    assert attempts["server"] == "ConnectionRefusedError", attempts


def test_the_gateway_address_is_not_the_host(report: dict[str, Any]) -> None:
    """pasta's default maps the gateway to the host's loopback; here the connection goes to the world, where nothing
    listens on those ports (pasta drops the refused connection: the sandbox sees a timeout)."""
    attempts = report["PUBLIC"]["attempts"]
    assert attempts["gateway to loopback port"] != "connected", attempts
    assert attempts["gateway to server port"] != "connected", attempts


def test_the_hosts_own_address_is_the_sandboxs(report: dict[str, Any]) -> None:
    """The sandbox is given the host's address: connecting to it stays inside the sandbox."""
    assert report["PUBLIC"]["attempts"]["host address"] == "ConnectionRefusedError", report["PUBLIC"]


def test_a_port_the_sandbox_listens_on_is_not_reachable_from_the_host(report: dict[str, Any]) -> None:
    for mode in ("PUBLIC", "PRIVATE"):
        assert set(report[mode]["host to sandbox"].values()) == {"ConnectionRefusedError"}, report[mode]


def test_a_public_sandbox_has_an_interface_a_default_route_and_reaches_the_world(report: dict[str, Any]) -> None:
    public = report["PUBLIC"]
    assert public["interfaces"] != ["lo"] and "lo" in public["interfaces"], public
    assert public["default_route"] is True
    assert public["attempts"]["world"] == "connected", public["attempts"]
    assert public["attempts"]["gateway"] == "OSError", public["attempts"]  # a LAN address (test_network_ranges.py)


def test_a_private_sandbox_has_no_network(report: dict[str, Any]) -> None:
    private = report["PRIVATE"]
    assert private["interfaces"] == ["lo"] and private["default_route"] is False, private
    assert private["attempts"]["world"] == "OSError", private["attempts"]  # ENETUNREACH
    assert private["pastas while running"] == 0


@pytest.mark.usefixtures("isolation_available")
async def test_without_pasta_a_public_sandbox_is_refused_with_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fault injection: an empty PATH hides pasta. PUBLIC must not fall back to the host's network."""
    from agentrun.local import run

    monkeypatch.setenv("PATH", str(tmp_path / "fault-injection-empty-path"))
    async with run(data_dir=tmp_path / "data", port=0, warm_sandboxes=0) as local:
        for mode in ("PUBLIC", "PRIVATE"):
            await local.client.templates.create(mode.lower(), network={"networkMode": mode})
        with pytest.raises(errors.APIStatusError) as refused:
            await local.client.sandboxes.create("public")
        assert refused.value.status_code == 503 and refused.value.code == "ERR_ISOLATION_UNAVAILABLE"
        assert "apt-get install passt" in refused.value.message
        async with await local.client.sandboxes.create("private") as sandbox:
            assert (await sandbox.run_code("1 + 1")).text == "2"


def test_pasta_runs_for_a_public_sandbox_and_dies_with_it(report: dict[str, Any]) -> None:
    assert report["PUBLIC"]["pastas while running"] == 1
    assert report["PUBLIC"]["pastas after delete"] == 0


if __name__ == "__main__":  # the scenario, run by the `report` fixture inside the host namespace
    print(json.dumps(anyio.run(scenario, int(sys.argv[1]))))
