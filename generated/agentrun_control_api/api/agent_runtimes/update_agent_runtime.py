"""UpdateAgentRuntime: PUT /2025-09-10/agents/runtimes/{agentRuntimeId}"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from ...models.agent_runtime_result import AgentRuntimeResult
from ...models.update_agent_runtime_input import UpdateAgentRuntimeInput
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="UpdateAgentRuntime",
    method="PUT",
    path="/2025-09-10/agents/runtimes/{agentRuntimeId}",
    plane="control",
    idempotent=True,
    body_model=UpdateAgentRuntimeInput,
    response_model=AgentRuntimeResult,
)


def request(
    agent_runtime_id: str,
    *,
    body: UpdateAgentRuntimeInput | Mapping[str, Any],
) -> OperationRequest:
    """The request of UpdateAgentRuntime."""
    url = "/2025-09-10/agents/runtimes/{agent_runtime_id}".format(
        agent_runtime_id=quote(str(agent_runtime_id), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        json=body if isinstance(body, Mapping) else body.to_dict(),
    )
