"""GetAgentRuntimeLogs: GET /agent-runtimes/{agentRuntimeName}/logs"""

from urllib.parse import quote

from ...models.agent_runtime_logs import AgentRuntimeLogs
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="GetAgentRuntimeLogs",
    method="GET",
    path="/agent-runtimes/{agentRuntimeName}/logs",
    plane="data",
    idempotent=True,
    body_model=None,
    response_model=AgentRuntimeLogs,
)


def request(
    agent_runtime_name: str,
    *,
    instance_id: str | None = None,
    tail_bytes: int | None = None,
    follow: bool | None = None,
) -> OperationRequest:
    """The request of GetAgentRuntimeLogs."""
    params = {
        "instanceId": instance_id,
        "tailBytes": tail_bytes,
        "follow": follow,
    }
    url = "/agent-runtimes/{agent_runtime_name}/logs".format(
        agent_runtime_name=quote(str(agent_runtime_name), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        params={name: value for name, value in params.items() if value is not None},
    )
