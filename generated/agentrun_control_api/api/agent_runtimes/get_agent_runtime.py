"""GetAgentRuntime: GET /2025-09-10/agents/runtimes/{agentRuntimeId}"""

from urllib.parse import quote

from ...models.agent_runtime_result import AgentRuntimeResult
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="GetAgentRuntime",
    method="GET",
    path="/2025-09-10/agents/runtimes/{agentRuntimeId}",
    plane="control",
    idempotent=True,
    body_model=None,
    response_model=AgentRuntimeResult,
)


def request(
    agent_runtime_id: str,
    *,
    agent_runtime_version: str | None = None,
) -> OperationRequest:
    """The request of GetAgentRuntime."""
    params = {
        "agentRuntimeVersion": agent_runtime_version,
    }
    url = "/2025-09-10/agents/runtimes/{agent_runtime_id}".format(
        agent_runtime_id=quote(str(agent_runtime_id), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        params={name: value for name, value in params.items() if value is not None},
    )
