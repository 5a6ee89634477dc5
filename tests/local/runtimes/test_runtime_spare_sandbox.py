"""Cold starts take a started, empty sandbox of the runtime's kind when one waits (runtimes/manager.py, spare): after
a runtime's first instance, one is kept ready, so the next instance (after scale to zero) starts only the agent.
Seen from inside: the sandbox's first process (pid 1 of its pid namespace) is older than the request that started
the instance."""

from __future__ import annotations

import anyio
import httpx
from local_helpers import unique
from runtime_packages import code_configuration, make_zip
from test_runtime_deploy import settled
from test_runtime_invoke import _path, call

from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer

# GET /age: how long ago the sandbox's pid 1 started, in seconds (from /proc, clock ticks since boot).
AGE_AGENT = r"""
import json, os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def age():
    with open("/proc/uptime") as uptime, open("/proc/1/stat") as stat:
        now = float(uptime.read().split()[0])
        started = int(stat.read().rsplit(")", 1)[1].split()[19]) / os.sysconf("SC_CLK_TCK")
    return now - started


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        data = json.dumps({"age": age()}).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler).serve_forever()
"""


async def test_the_next_cold_start_takes_a_spare_sandbox(
    client: AsyncAgentRun, raw: httpx.AsyncClient, local: LocalServer
) -> None:
    name = unique("ar-spare")
    # memory 320: a sandbox kind no other test asks for
    runtime = await client.agent_runtimes.create(
        name, code=code_configuration(make_zip({"main.py": AGE_AGENT})), session_idle_timeout_seconds=1, memory=320
    )
    assert str((await settled(client, runtime.id)).status) == "READY"
    first = await call(raw, local, "GET", _path(name, "age"))
    assert first.status_code == 200 and first.json()["age"] < 2.0  # a sandbox started for it
    await anyio.sleep(3.0)  # the instance idles out; a spare sandbox of its kind starts meanwhile
    second = await call(raw, local, "GET", _path(name, "age"))
    assert second.status_code == 200
    assert second.headers["x-agentrun-instance-id"] != first.headers["x-agentrun-instance-id"]
    assert second.json()["age"] > 1.0  # started before this request: the spare one
