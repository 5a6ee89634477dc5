"""Network DNS: a PUBLIC sandbox resolves names even when the host's resolver is on loopback (systemd-resolved's
127.0.0.53), which the sandbox cannot otherwise reach, and that opens nothing else of the host's loopback.

The scenario (this file, run as a script) runs in the "host" namespace of netns_harness.py, in a mount namespace of
its own whose /etc/resolv.conf says `nameserver 127.0.0.53`. There it answers DNS on 127.0.0.53:53 (UDP, one name),
listens on TCP 127.0.0.53:53, on another TCP port of 127.0.0.53, on 127.0.0.1 and on a UDP port of 127.0.0.53, and
runs a real AgentRun Local. From inside real sandboxes it resolves the name, connects to those addresses directly and
through the sandbox's DNS address, and reads the sandbox's /etc/resolv.conf; then it repeats with a resolver that is
not on loopback. The host's listeners say whether anything reached them.
"""

from __future__ import annotations

import contextlib
import inspect
import json
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anyio
import pytest
from netns_harness import (
    attempt,
    dns_responder,
    namespaces,
    pastas_of,
    require_namespaces,
    resolve,
    run_in_host_with_own_mounts,
)

from agentrun.local.sandbox import network

RESOLVER = "127.0.0.53"
NAME, ADDRESS = "sandbox-dns.agentrun.test", "203.0.113.77"
LOOPBACK_CONF = f"# the host's\nsearch corp.agentrun.test\noptions ndots:1 timeout:2\nnameserver {RESOLVER}\n"
OTHER_CONF = "search corp.agentrun.test\noptions timeout:1 attempts:1\nnameserver 203.0.113.53\n"  # an internet one

PROBE = """
import json, socket
from concurrent.futures import ThreadPoolExecutor
with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
    try:
        udp.sendto(b"not dns", UDP_TARGET)
    except OSError:  # no network (PRIVATE)
        pass
with ThreadPoolExecutor(len(TARGETS)) as pool:  # several wait for their timeout
    outcomes = list(pool.map(lambda target: attempt(*target), TARGETS))
print(json.dumps({
    "resolv.conf": open("/etc/resolv.conf").read(),
    "resolved": resolve(NAME),
    "attempts": {f"{host}:{port}": outcome for (host, port), outcome in zip(TARGETS, outcomes)},
}))
"""


@contextlib.contextmanager
def host_listeners() -> Iterator[dict[str, socket.socket]]:
    """TCP listeners on the host's loopback, DNS port included, and a UDP socket on RESOLVER."""
    with contextlib.ExitStack() as stack:
        found: dict[str, socket.socket] = {}
        for label, (host, port, kind) in {
            "tcp resolver:53": (RESOLVER, 53, socket.SOCK_STREAM),
            "tcp resolver:other": (RESOLVER, 0, socket.SOCK_STREAM),
            "tcp 127.0.0.1": ("127.0.0.1", 0, socket.SOCK_STREAM),
            "udp resolver:other": (RESOLVER, 0, socket.SOCK_DGRAM),
        }.items():
            sock = stack.enter_context(socket.socket(socket.AF_INET, kind))
            sock.bind((host, port))
            if kind == socket.SOCK_STREAM:
                sock.listen()
            sock.setblocking(False)
            found[label] = sock
        yield found


def reached(sock: socket.socket) -> bool:
    """Whether a connection or datagram is waiting on this host socket."""
    try:
        if sock.type == socket.SOCK_STREAM:
            sock.accept()[0].close()
        else:
            sock.recv(1)
    except BlockingIOError:
        return False
    return True


async def scenario() -> dict[str, Any]:
    """Runs in the host namespace, in a mount namespace of its own (the resolv.conf it binds stays in it)."""
    from agentrun.local import run

    report: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp, host_listeners() as listeners:
        conf = Path(tmp) / "resolv.conf"
        conf.write_text(LOOPBACK_CONF)
        await anyio.run_process(["mount", "--bind", str(conf), "/etc/resolv.conf"])
        port = {label: sock.getsockname()[1] for label, sock in listeners.items()}
        forward = network.DNS_FORWARD
        targets = [
            (RESOLVER, 53),
            (RESOLVER, port["tcp resolver:other"]),
            ("127.0.0.1", port["tcp 127.0.0.1"]),
            (forward, 53),
            (forward, port["tcp resolver:other"]),
            (forward, port["tcp 127.0.0.1"]),
        ]
        code = f"{inspect.getsource(attempt)}\n{inspect.getsource(resolve)}\nNAME = {NAME!r}\nTARGETS = {targets!r}\n"
        code += f"UDP_TARGET = {(forward, port['udp resolver:other'])!r}\n{PROBE}"
        data_dir = str(Path(tmp) / "data")
        async with (
            dns_responder(RESOLVER, NAME, ADDRESS) as asked,
            run(data_dir=data_dir, port=0, warm_sandboxes=0) as local,
        ):
            for mode in ("PUBLIC", "PRIVATE"):
                await local.client.templates.create(mode.lower(), network={"networkMode": mode})
            for case, mode in [("loopback", "PUBLIC"), ("loopback", "PRIVATE"), ("other", "PUBLIC")]:
                if case == "other":
                    conf.write_text(OTHER_CONF)  # the same file, still bound over /etc/resolv.conf
                async with await local.client.sandboxes.create(mode.lower()) as sandbox:
                    execution = await sandbox.run_code(code)
                    assert execution.error is None, execution.error
                    seen = json.loads("".join(execution.logs.stdout))
                    seen["pasta forwards dns"] = [b"--dns-forward" in argv for argv in pastas_of(data_dir)]
                report[f"{case} {mode}"] = seen
            report["asked"] = sorted(set(asked))
        report["reached on the host"] = {label: reached(sock) for label, sock in listeners.items()}
    return report


@pytest.fixture(scope="module")
async def report(isolation_available: None) -> dict[str, Any]:
    require_namespaces()
    with namespaces() as (host, _):
        found: dict[str, Any] = await run_in_host_with_own_mounts(host, __file__)
    return found


def test_a_public_sandbox_resolves_names_through_the_hosts_loopback_resolver(report: dict[str, Any]) -> None:
    public = report["loopback PUBLIC"]
    assert public["resolved"] == [ADDRESS], public
    assert NAME in report["asked"]
    assert public["pasta forwards dns"] == [True]


def test_its_resolv_conf_names_the_forwarded_address_and_keeps_the_hosts_other_lines(report: dict[str, Any]) -> None:
    expected = LOOPBACK_CONF.replace(RESOLVER, network.DNS_FORWARD)
    assert report["loopback PUBLIC"]["resolv.conf"] == expected


def test_dns_forwarding_opens_nothing_else_of_the_hosts_loopback(report: dict[str, Any]) -> None:
    """Its own loopback answers 127.x (refused); through the DNS address, only UDP port 53 reaches the host."""
    attempts = report["loopback PUBLIC"]["attempts"]
    assert all(outcome != "connected" for outcome in attempts.values()), attempts
    for host_port, outcome in attempts.items():
        if host_port.startswith("127."):
            assert outcome == "ConnectionRefusedError", attempts
    assert not any(report["reached on the host"].values()), report["reached on the host"]


def test_a_private_sandbox_still_has_no_network_and_the_hosts_resolv_conf(report: dict[str, Any]) -> None:
    private = report["loopback PRIVATE"]
    assert private["resolved"] == "gaierror", private
    assert private["resolv.conf"] == LOOPBACK_CONF
    assert private["pasta forwards dns"] == []


def test_with_a_resolver_not_on_loopback_the_sandbox_sees_the_hosts_resolv_conf(report: dict[str, Any]) -> None:
    other = report["other PUBLIC"]
    assert other["resolv.conf"] == OTHER_CONF
    assert other["pasta forwards dns"] == [False]


def test_the_sandboxs_resolv_conf_is_its_own_only_when_the_first_ipv4_nameserver_is_on_loopback(
    tmp_path: Path,
) -> None:
    """pasta forwards to the host's first IPv4 nameserver: when it is on loopback it becomes DNS_FORWARD, the other
    nameservers on loopback (unreachable) are left out and every other line stays; otherwise nothing is written."""
    host = tmp_path / "host-resolv.conf"
    host.write_text("options edns0\nnameserver ::1\nnameserver 127.0.0.1\nnameserver 10.0.0.2\nnameserver 127.0.1.1\n")
    dns = network.sandbox_dns(tmp_path, host_conf=host)
    assert dns.forwarded_to == "127.0.0.1" and dns.resolv_conf is not None
    assert dns.resolv_conf.read_text() == f"options edns0\nnameserver {network.DNS_FORWARD}\nnameserver 10.0.0.2\n"
    for unchanged in ("search corp.test\nnameserver 10.0.0.2\nnameserver 127.0.0.1\n", "nameserver ::1\n", ""):
        host.write_text(unchanged)
        assert network.sandbox_dns(tmp_path / "elsewhere", host_conf=host) == network.SandboxDns()
    assert network.sandbox_dns(tmp_path, host_conf=tmp_path / "missing") == network.SandboxDns()


def test_a_resolver_the_sandbox_may_not_reach_is_forwarded_too(tmp_path: Path) -> None:
    """PUBLIC refuses private ranges, where the host's resolver often is (a cloud VPC's, a LAN router's): it is
    forwarded like a loopback one, and the other refused nameservers are left out; an internet one stays."""
    refused = network.refused_networks(network.Egress.PUBLIC)
    host = tmp_path / "host-resolv.conf"
    host.write_text("nameserver 10.255.255.53\nnameserver fd00::53\nnameserver 192.168.1.1\nnameserver 9.9.9.9\n")
    dns = network.sandbox_dns(tmp_path, refused, host)
    assert dns.forwarded_to == "10.255.255.53" and dns.resolv_conf is not None
    assert dns.resolv_conf.read_text() == f"nameserver {network.DNS_FORWARD}\nnameserver 9.9.9.9\n"
    lan = network.refused_networks(network.Egress.PUBLIC_AND_PRIVATE)
    assert network.sandbox_dns(tmp_path / "elsewhere", lan, host) == network.SandboxDns()  # the VPC's resolver


if __name__ == "__main__":  # the scenario, run by the `report` fixture in the host namespace
    print(json.dumps(anyio.run(scenario)))
