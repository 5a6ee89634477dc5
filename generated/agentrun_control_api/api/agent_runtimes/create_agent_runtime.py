"""CreateAgentRuntime: POST /2025-09-10/agents/runtimes"""

from collections.abc import Mapping
from typing import Any

from ...models.agent_runtime_result import AgentRuntimeResult
from ...models.create_agent_runtime_input import CreateAgentRuntimeInput
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="CreateAgentRuntime",
    method="POST",
    path="/2025-09-10/agents/runtimes",
    plane="control",
    idempotent=False,
    body_model=CreateAgentRuntimeInput,
    response_model=AgentRuntimeResult,
)


def request(
    *,
    body: CreateAgentRuntimeInput | Mapping[str, Any],
) -> OperationRequest:
    """The request of CreateAgentRuntime."""
    url = "/2025-09-10/agents/runtimes"
    return OperationRequest(
        operation=OPERATION,
        url=url,
        json=body if isinstance(body, Mapping) else body.to_dict(),
    )
