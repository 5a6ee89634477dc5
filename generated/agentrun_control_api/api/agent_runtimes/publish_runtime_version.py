"""PublishRuntimeVersion: POST /2025-09-10/agents/runtimes/{agentRuntimeId}/versions"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from ...models.agent_runtime_version_result import AgentRuntimeVersionResult
from ...models.publish_runtime_version_input import PublishRuntimeVersionInput
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="PublishRuntimeVersion",
    method="POST",
    path="/2025-09-10/agents/runtimes/{agentRuntimeId}/versions",
    plane="control",
    idempotent=False,
    body_model=PublishRuntimeVersionInput,
    response_model=AgentRuntimeVersionResult,
)


def request(
    agent_runtime_id: str,
    *,
    body: PublishRuntimeVersionInput | Mapping[str, Any],
) -> OperationRequest:
    """The request of PublishRuntimeVersion."""
    url = "/2025-09-10/agents/runtimes/{agent_runtime_id}/versions".format(
        agent_runtime_id=quote(str(agent_runtime_id), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        json=body if isinstance(body, Mapping) else body.to_dict(),
    )
