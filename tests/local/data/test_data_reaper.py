"""The reaper: a sandbox idle past its `sandboxIdleTimeoutSeconds` (no data-plane call, nothing running) or past its
template's maximum lifetime (`sandboxTTLInSeconds`) is ended, its record TERMINATED with `endedAt`. Every wait
polls the control plane's GetSandbox, whose reads do not count as activity (data-plane reads do)."""

from __future__ import annotations

import secrets
from typing import Any

import anyio
from data_helpers import ControlPlane, DataPlane, gone, new_template, sse_events, start_marker_process, until

from agentrun.local import LocalServer


async def test_an_idle_sandbox_is_ended(data: DataPlane, control: ControlPlane, template: str) -> None:
    sandbox = await data.create_sandbox(template, sandboxIdleTimeoutSeconds=1)
    marker = await start_marker_process(data, sandbox["sandboxId"])
    await until(lambda: control.ended(sandbox["sandboxId"]))
    assert await gone(marker)
    record = (await data.ok("GET", f"/sandboxes/{sandbox['sandboxId']}"))["data"]
    assert record["endedAt"] and "idle" in record["stateReason"]
    health = await data.request("GET", f"/sandboxes/{sandbox['sandboxId']}/health")
    assert health.status_code == 404


WAIT_FOR_RELEASE = """
import os, time
print('waiting', flush=True)
while not os.path.exists({flag!r}):
    time.sleep(0.02)
'released'
"""


async def test_a_running_stream_keeps_its_sandbox_from_idling_out(
    data: DataPlane, control: ControlPlane, template: str
) -> None:
    busy = await data.create_sandbox(template, sandboxIdleTimeoutSeconds=1)
    flag = f"/home/user/release-{secrets.token_hex(4)}"
    path = f"/sandboxes/{busy['sandboxId']}/contexts/execute"
    async with data.stream("POST", path, json_body={"code": WAIT_FOR_RELEASE.format(flag=flag)}) as response:
        events = sse_events(response)
        assert (await anext(events))["type"] == "stdout"
        # A sandbox made after the stream began, with the same idle timeout: once the reaper has ended it, the busy
        # sandbox has been without calls for longer, and would have been ended too if streams did not count.
        witness = await data.create_sandbox(template, sandboxIdleTimeoutSeconds=1)
        await until(lambda: control.ended(witness["sandboxId"]))
        assert await control.status(busy["sandboxId"]) == "READY"
        await data.ok("POST", path, json_body={"code": f"open({flag!r}, 'w').close()"})  # release (another context)
        rest = [event async for event in events]
    assert rest[-2]["data"]["text/plain"] == "'released'" and rest[-1]["status"] == "ok"
    await data.delete_sandbox(busy["sandboxId"])


async def test_the_maximum_lifetime_ends_even_a_busy_sandbox(
    data: DataPlane, control: ControlPlane, local: LocalServer
) -> None:
    short_lived = await new_template(local, network="PRIVATE", sandbox_ttl_seconds=2)
    sandbox = await data.create_sandbox(short_lived, sandboxIdleTimeoutSeconds=600)
    path = f"/sandboxes/{sandbox['sandboxId']}/contexts/execute"
    body = {"code": WAIT_FOR_RELEASE.format(flag="/home/user/never"), "timeout": 600}
    events: list[dict[str, Any]] = []
    with anyio.fail_after(60):
        async with data.stream("POST", path, json_body=body) as response:
            events = [event async for event in sse_events(response)]  # ends by itself: nobody releases the code
    assert events[0]["type"] == "stdout" and events[-1] == {**events[-1], "type": "end", "status": "error"}
    assert events[-2]["type"] == "error"
    await until(lambda: control.ended(sandbox["sandboxId"]))
    record = (await data.ok("GET", f"/sandboxes/{sandbox['sandboxId']}"))["data"]
    assert record["endedAt"] and "maximum lifetime" in record["stateReason"]
