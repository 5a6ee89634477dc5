"""examples/agent, deployed to a real AgentRun Local as it is: from inside its instance's sandbox (no network of its
own) it reaches the server's API through the socket AgentRun Local gives every instance (local/instance_access.py),
streams the model gateway's test model and runs the code the model asks for in a code-interpreter sandbox."""

from __future__ import annotations

from pathlib import Path

import pytest
from ag_ui.core import TextMessageContentEvent, ToolCallResultEvent
from local_helpers import unique

from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "agent"
QUESTION = [{"role": "user", "content": "Run this:\n```python\nprint(sum(range(10)) * 3)\n```"}]


async def test_the_example_agent_uses_the_model_gateway_and_a_sandbox(
    client: AsyncAgentRun, local: LocalServer
) -> None:
    template = await client.templates.create(unique("agent-tpl"), template_type="CodeInterpreter")
    await template.wait_until_ready()
    keys = {"AGENTRUN_ACCESS_KEY_ID": local.identity.access_key_id,
            "AGENTRUN_ACCESS_KEY_SECRET": local.identity.access_key_secret}  # fmt: skip
    runtime = await client.agent_runtimes.deploy(
        EXAMPLE, unique("example-agent"), environment_variables={**keys, "AGENT_SANDBOX_TEMPLATE": template.name}
    )
    try:
        assert str(runtime.status) == "READY", runtime.status_reason
        chunks = [chunk.text async for chunk in runtime.invoke_stream(QUESTION)]
        assert len(chunks) > 1 and "135" in "".join(chunks), chunks  # the model quotes the sandbox's output

        events = [event async for event in runtime.invoke_agui(QUESTION)]
        results = [event.content for event in events if isinstance(event, ToolCallResultEvent)]
        assert results == ["135"]
        assert "135" in "".join(event.delta for event in events if isinstance(event, TextMessageContentEvent))
        assert [sandbox async for sandbox in client.sandboxes.list(template_name=template.name)] == []
    finally:
        await runtime.delete()
        await template.delete()


@pytest.mark.parametrize("isolated", [True, False])
def test_instances_are_told_where_the_api_is(isolated: bool, local: LocalServer) -> None:
    from agentrun.local.instance_access import InstanceAccess

    access = InstanceAccess(host="0.0.0.0", port=1, control_endpoint="c", data_endpoint="d", ca_bundle=Path("/ca"),
                            region="r", account_id="a")  # fmt: skip
    access.directory = Path("/tmp/agentrun-api-x")
    env = access.environment(isolated=isolated)
    assert env["AGENTRUN_DATA_ENDPOINT"] == "d" and env["AGENTRUN_CONTROL_ENDPOINT"] == "c"
    assert ("AGENTRUN_UNIX_SOCKET" in env) is isolated
    assert env["SSL_CERT_FILE"] == ("/run/agentrun/ca.pem" if isolated else "/ca")
    assert access.binds(isolated=isolated) == ([("/tmp/agentrun-api-x", "/run/agentrun")] if isolated else [])
    assert access.host == "127.0.0.1"
