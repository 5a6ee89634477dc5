"""GetTool: GET /2025-09-10/agents/tools/{toolName}"""

from urllib.parse import quote

from ...models.tool_result import ToolResult
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="GetTool",
    method="GET",
    path="/2025-09-10/agents/tools/{toolName}",
    plane="control",
    idempotent=True,
    body_model=None,
    response_model=ToolResult,
)


def request(
    tool_name: str,
) -> OperationRequest:
    """The request of GetTool."""
    url = "/2025-09-10/agents/tools/{tool_name}".format(
        tool_name=quote(str(tool_name), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
    )
