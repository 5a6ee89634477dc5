"""CreateTool: POST /2025-09-10/agents/tools"""

from collections.abc import Mapping
from typing import Any

from ...models.create_tool_input_v2 import CreateToolInputV2
from ...models.tool_result import ToolResult
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="CreateTool",
    method="POST",
    path="/2025-09-10/agents/tools",
    plane="control",
    idempotent=False,
    body_model=CreateToolInputV2,
    response_model=ToolResult,
)


def request(
    *,
    body: CreateToolInputV2 | Mapping[str, Any],
) -> OperationRequest:
    """The request of CreateTool."""
    url = "/2025-09-10/agents/tools"
    return OperationRequest(
        operation=OPERATION,
        url=url,
        json=body if isinstance(body, Mapping) else body.to_dict(),
    )
