"""GetAgentRuntimeEndpoint: GET /2025-09-10/agents/runtimes/{agentRuntimeId}/endpoints/{agentRuntimeEndpointId}"""

from urllib.parse import quote

from ...models.agent_runtime_endpoint_result import AgentRuntimeEndpointResult
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="GetAgentRuntimeEndpoint",
    method="GET",
    path="/2025-09-10/agents/runtimes/{agentRuntimeId}/endpoints/{agentRuntimeEndpointId}",
    plane="control",
    idempotent=True,
    body_model=None,
    response_model=AgentRuntimeEndpointResult,
)


def request(
    agent_runtime_id: str,
    agent_runtime_endpoint_id: str,
) -> OperationRequest:
    """The request of GetAgentRuntimeEndpoint."""
    url = "/2025-09-10/agents/runtimes/{agent_runtime_id}/endpoints/{agent_runtime_endpoint_id}".format(
        agent_runtime_id=quote(str(agent_runtime_id), safe=""),
        agent_runtime_endpoint_id=quote(str(agent_runtime_endpoint_id), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
    )
