"""CreateAgentRuntimeEndpoint: POST /2025-09-10/agents/runtimes/{agentRuntimeId}/endpoints"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from ...models.agent_runtime_endpoint_result import AgentRuntimeEndpointResult
from ...models.create_agent_runtime_endpoint_input import CreateAgentRuntimeEndpointInput
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="CreateAgentRuntimeEndpoint",
    method="POST",
    path="/2025-09-10/agents/runtimes/{agentRuntimeId}/endpoints",
    plane="control",
    idempotent=False,
    body_model=CreateAgentRuntimeEndpointInput,
    response_model=AgentRuntimeEndpointResult,
)


def request(
    agent_runtime_id: str,
    *,
    body: CreateAgentRuntimeEndpointInput | Mapping[str, Any],
) -> OperationRequest:
    """The request of CreateAgentRuntimeEndpoint."""
    url = "/2025-09-10/agents/runtimes/{agent_runtime_id}/endpoints".format(
        agent_runtime_id=quote(str(agent_runtime_id), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        json=body if isinstance(body, Mapping) else body.to_dict(),
    )
