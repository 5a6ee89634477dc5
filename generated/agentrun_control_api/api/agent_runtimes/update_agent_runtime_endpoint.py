"""UpdateAgentRuntimeEndpoint: PUT /2025-09-10/agents/runtimes/{agentRuntimeId}/endpoints/{agentRuntimeEndpointId}"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from ...models.agent_runtime_endpoint_result import AgentRuntimeEndpointResult
from ...models.update_agent_runtime_endpoint_input import UpdateAgentRuntimeEndpointInput
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="UpdateAgentRuntimeEndpoint",
    method="PUT",
    path="/2025-09-10/agents/runtimes/{agentRuntimeId}/endpoints/{agentRuntimeEndpointId}",
    plane="control",
    idempotent=True,
    body_model=UpdateAgentRuntimeEndpointInput,
    response_model=AgentRuntimeEndpointResult,
)


def request(
    agent_runtime_id: str,
    agent_runtime_endpoint_id: str,
    *,
    body: UpdateAgentRuntimeEndpointInput | Mapping[str, Any],
) -> OperationRequest:
    """The request of UpdateAgentRuntimeEndpoint."""
    url = "/2025-09-10/agents/runtimes/{agent_runtime_id}/endpoints/{agent_runtime_endpoint_id}".format(
        agent_runtime_id=quote(str(agent_runtime_id), safe=""),
        agent_runtime_endpoint_id=quote(str(agent_runtime_endpoint_id), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        json=body if isinstance(body, Mapping) else body.to_dict(),
    )
