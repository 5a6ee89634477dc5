"""Network ranges: what a sandbox with network may reach, per mode, as on the cloud. PUBLIC is internet egress only:
never the cloud's metadata service (link-local), the host's other addresses, nor the private networks around it.
PUBLIC_AND_PRIVATE adds the private networks (the LAN stands in for the VPC), never metadata nor the host. pasta
connects on the host's behalf to anything, so this is the sandbox namespace's own filter (network.py).

Traffic goes only to namespaces this test creates (netns_harness.py): the world namespace listens on port 80 of the
internet addresses, the fake metadata services 169.254.169.254 and fd00:ec2::254, the LAN's router, LAN peers (IPv4
and a ULA), and a LAN beyond the router; the host namespace, in a mount namespace of its own whose resolv.conf names
a resolver in a private range on the host's second interface (like this machine's 10.255.255.53), answers DNS there
and listens on every address (a host service, reached through the host's docker0 addresses). From inside real
sandboxes of each mode the script connects to each, also from a socket bound to the interface (SO_BINDTODEVICE,
which routes alone would not stop), resolves a name, reads its default route, and tries to change its routes and
its filter.
"""

from __future__ import annotations

import contextlib
import inspect
import json
import shutil
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anyio
import pytest
from netns_harness import (
    GATEWAY,
    HOST_OTHER,
    HOST_OTHER6,
    HOST_RESOLVER,
    LAN_BEYOND,
    LAN_PEER,
    LAN_PEER6,
    METADATA,
    METADATA6,
    WORLD,
    WORLD6,
    dns_responder,
    namespaces,
    pastas_of,
    require_namespaces,
    resolve,
    run_in_host_with_own_mounts,
    world_listener,
)

from agentrun.local.sandbox import network

NAME, ADDRESS = "ranges.agentrun.test", "203.0.113.80"
MODES = ("PUBLIC", "PUBLIC_AND_PRIVATE", "PRIVATE")


def reach(host: str, port: int, device: bytes = b"") -> str:
    """Connect over TCP (from a socket bound to `device` if given): "connected", or the errno's name. Sandboxes run
    it (inspect.getsource)."""
    import errno as errnos
    import socket as sockets

    with sockets.socket(sockets.AF_INET6 if ":" in host else sockets.AF_INET) as sock:
        sock.settimeout(5)
        try:
            if device:
                sock.setsockopt(sockets.SOL_SOCKET, sockets.SO_BINDTODEVICE, device)
            sock.connect((host, port))
        except TimeoutError:
            return "timeout"
        except OSError as exc:
            return errnos.errorcode.get(exc.errno or 0, type(exc).__name__)
        return "connected"


PROBE = """
import json, socket, subprocess
from concurrent.futures import ThreadPoolExecutor
def default_gateway():
    for line in open("/proc/net/route").read().splitlines()[1:]:
        fields = line.split()
        if fields[1] == "00000000":
            return fields[0], socket.inet_ntoa(int(fields[2], 16).to_bytes(4, "little"))
    return None
def run(*argv):
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=20)
    except OSError as exc:
        return type(exc).__name__
    return f"{done.returncode}: {done.stderr.strip()}"
def attempts(device):
    with ThreadPoolExecutor(len(TARGETS)) as pool:  # some wait for their timeout
        outcomes = pool.map(lambda target: reach(*target, device), TARGETS.values())
        return dict(zip(TARGETS, outcomes))
route = default_gateway()
device = route[0].encode() if route else b""
print(json.dumps({
    "default route": route,
    "resolv.conf": open("/etc/resolv.conf").read(),
    "resolved": resolve(NAME),
    "attempts": attempts(b""),
    "bound to the interface": attempts(device),
    "changes": {
        "ip route del default": run("/usr/sbin/ip", "route", "del", "default"),
        "ip route add metadata": run("/usr/sbin/ip", "route", "add", METADATA + "/32", "dev", device.decode() or "lo"),
        "nft flush ruleset": run("/usr/sbin/nft", "flush", "ruleset"),
    },
    "default route after": default_gateway(),
}))
"""


@contextlib.contextmanager
def host_service() -> Iterator[int]:
    """A service of the host listening on every address, IPv4 and IPv6 (as many do); yields its port."""
    with socket.socket(socket.AF_INET6) as sock:
        sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        sock.bind(("::", 0))
        sock.listen(64)
        yield sock.getsockname()[1]


async def scenario() -> dict[str, Any]:
    """Runs in the host namespace, in a mount namespace of its own (the resolv.conf it binds stays in it)."""
    from agentrun.local import run

    report: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp, host_service() as service_port:
        conf = Path(tmp) / "resolv.conf"
        conf.write_text(f"nameserver {HOST_RESOLVER}\n")
        await anyio.run_process(["mount", "--bind", str(conf), "/etc/resolv.conf"])
        targets = {
            "world": (WORLD, 80),
            "metadata": (METADATA, 80),
            "gateway": (GATEWAY, 80),
            "lan peer": (LAN_PEER, 80),
            "lan beyond the router": (LAN_BEYOND, 80),
            "host's other interface": (HOST_OTHER, service_port),
            "world v6": (WORLD6, 80),
            "metadata v6": (METADATA6, 80),
            "lan peer v6": (LAN_PEER6, 80),
            "host's other interface v6": (HOST_OTHER6, service_port),
        }
        code = f"{inspect.getsource(reach)}\n{inspect.getsource(resolve)}\n"
        code += f"NAME = {NAME!r}\nMETADATA = {METADATA!r}\nTARGETS = {targets!r}\n{PROBE}"
        async with (
            dns_responder(HOST_RESOLVER, NAME, ADDRESS),
            run(data_dir=str(Path(tmp) / "data"), port=0, warm_sandboxes=0) as local,
        ):
            for mode in MODES:
                await local.client.templates.create(mode.lower(), network={"networkMode": mode})
                async with await local.client.sandboxes.create(mode.lower()) as sandbox:
                    execution = await sandbox.run_code(code)
                    assert execution.error is None, execution.error
                    report[mode] = json.loads("".join(execution.logs.stdout))
    return report


@pytest.fixture(scope="module")
async def report(isolation_available: None) -> dict[str, Any]:
    require_namespaces()
    with namespaces() as (host, world):
        async with world_listener(world, 80):
            found: dict[str, Any] = await run_in_host_with_own_mounts(host, __file__)
    return found


# The filter's answers (ICMP admin-prohibited): at once, but for IPv6 from a socket bound to the interface, which
# the answer does not reach (its SYNs are rejected until its timeout).
REFUSED = {"attempts": {"EHOSTUNREACH", "EACCES"}, "bound to the interface": {"EHOSTUNREACH", "EACCES", "timeout"}}
TO_THE_INTERNET = ("world", "world v6")
NEVER = ("metadata", "metadata v6", "host's other interface", "host's other interface v6")
PRIVATE_NETWORKS = ("gateway", "lan peer", "lan beyond the router", "lan peer v6")


def test_public_reaches_the_internet_and_resolves_names_through_a_private_resolver(report: dict[str, Any]) -> None:
    public = report["PUBLIC"]
    for target in TO_THE_INTERNET:
        assert public["attempts"][target] == "connected", public
    assert public["resolved"] == [ADDRESS], public
    assert public["resolv.conf"] == f"nameserver {network.DNS_FORWARD}\n"


@pytest.mark.parametrize("how", ["attempts", "bound to the interface"])
def test_public_reaches_neither_metadata_nor_the_host_nor_the_private_networks(
    report: dict[str, Any], how: str
) -> None:
    attempts = report["PUBLIC"][how]
    for target in (*NEVER, *PRIVATE_NETWORKS):
        assert attempts[target] in REFUSED[how], (target, attempts)


@pytest.mark.parametrize("how", ["attempts", "bound to the interface"])
def test_public_and_private_reaches_the_lan_but_neither_metadata_nor_the_host(report: dict[str, Any], how: str) -> None:
    seen = report["PUBLIC_AND_PRIVATE"]
    attempts = seen[how]
    for target in (*TO_THE_INTERNET, *PRIVATE_NETWORKS):
        assert attempts[target] == "connected", (target, attempts)
    for target in NEVER:
        assert attempts[target] in REFUSED[how], (target, attempts)
    assert seen["resolved"] == [ADDRESS], seen  # the resolver is a host address: forwarded


def test_private_has_no_network(report: dict[str, Any]) -> None:
    private = report["PRIVATE"]
    assert set(private["attempts"].values()) == {"ENETUNREACH"}, private
    assert private["default route"] is None


def test_the_gateway_stays_the_default_routes_next_hop(report: dict[str, Any]) -> None:
    """--no-map-gw: the host's gateway, refused as a destination in PUBLIC, still carries traffic to the world."""
    for mode in ("PUBLIC", "PUBLIC_AND_PRIVATE"):
        assert report[mode]["default route"][1] == GATEWAY, report[mode]


@pytest.mark.parametrize("mode", ["PUBLIC", "PUBLIC_AND_PRIVATE"])
def test_the_sandbox_cannot_change_its_routes_or_its_filter(report: dict[str, Any], mode: str) -> None:
    seen = report[mode]
    for change, outcome in seen["changes"].items():
        assert not outcome.startswith("0:") and "Operation not permitted" in outcome, (change, outcome)
    assert seen["default route after"] == seen["default route"]


def test_the_filter_covers_what_the_namespaces_do_not_show() -> None:
    """Other clouds' metadata addresses, multicast, IPv6 link-local: the table the sandbox gets says what it refuses,
    and lets through UDP port 53 to the DNS forward address only when pasta forwards it."""
    public = network.refused_networks(network.Egress.PUBLIC)
    both = network.refused_networks(network.Egress.PUBLIC_AND_PRIVATE)
    rules = network.ruleset(public, dns_forward=True)
    for refused in ("fe80::/9", "fc00::/7", "169.254.0.0/16", "10.0.0.0/8", "100.64.0.0/10"):
        assert refused in rules, rules
    assert f"ip daddr {network.DNS_FORWARD} udp dport 53 accept" in rules
    assert network.DNS_FORWARD not in network.ruleset(public, dns_forward=False)

    def refuses(networks: list[network.Network], address: str) -> bool:
        import ipaddress

        return any(ipaddress.ip_address(address) in net for net in networks)

    for address in ("fd00:ec2::254", "169.254.169.254", "100.100.100.200", "fe80::1", "ff02::1", "224.0.0.1"):
        assert refuses(public, address) and refuses(both, address), address
    for address in ("10.1.2.3", "192.168.1.1", "fd12::1"):
        assert refuses(public, address) and not refuses(both, address), address
    for address in ("203.0.113.1", "8.8.8.8", "2001:4860:4860::8888"):
        assert not refuses(public, address), address


FAULT_INJECTION_NFT = "#!/bin/sh\necho 'Error: Could not process rule: No such file or directory' >&2\nexit 1\n"


@pytest.mark.usefixtures("isolation_available")
async def test_without_a_working_nft_a_public_sandbox_is_refused_not_left_unfiltered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fault injection: a PATH whose nft fails as on a kernel without nf_tables (pasta and nsenter are the real
    ones). PUBLIC must not start without its filter; PRIVATE still works."""
    from agentrun import errors
    from agentrun.local import run

    tools = tmp_path / "fault-injection-path"
    tools.mkdir()
    for name in ("pasta", "nsenter"):
        found = shutil.which(name)
        if found is None:
            pytest.skip(f"needs {name} (make system-deps)")
        (tools / name).symlink_to(found)
    (tools / "nft").write_text(FAULT_INJECTION_NFT)
    (tools / "nft").chmod(0o755)
    monkeypatch.setenv("PATH", str(tools))
    async with run(data_dir=tmp_path / "data", port=0, warm_sandboxes=0) as local:
        for mode in ("PUBLIC", "PRIVATE"):
            await local.client.templates.create(mode.lower(), network={"networkMode": mode})
        with pytest.raises(errors.APIStatusError) as refused:
            await local.client.sandboxes.create("public")
        assert refused.value.status_code == 503 and refused.value.code == "ERR_ISOLATION_UNAVAILABLE"
        assert "nf_tables" in refused.value.message and "Could not process rule" in refused.value.message
        assert pastas_of(str(tmp_path / "data")) == []
        async with await local.client.sandboxes.create("private") as sandbox:
            assert (await sandbox.run_code("1 + 1")).text == "2"


if __name__ == "__main__":  # the scenario, run by the `report` fixture in the host namespace
    print(json.dumps(anyio.run(scenario)))
