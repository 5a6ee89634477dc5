"""UpdateTool: PUT /2025-09-10/agents/tools/{toolName}"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from ...models.tool_result import ToolResult
from ...models.update_tool_input_v2 import UpdateToolInputV2
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="UpdateTool",
    method="PUT",
    path="/2025-09-10/agents/tools/{toolName}",
    plane="control",
    idempotent=True,
    body_model=UpdateToolInputV2,
    response_model=ToolResult,
)


def request(
    tool_name: str,
    *,
    body: UpdateToolInputV2 | Mapping[str, Any],
) -> OperationRequest:
    """The request of UpdateTool."""
    url = "/2025-09-10/agents/tools/{tool_name}".format(
        tool_name=quote(str(tool_name), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        json=body if isinstance(body, Mapping) else body.to_dict(),
    )
