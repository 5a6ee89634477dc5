"""GetToolUsage: GET /tools/{toolName}/usage"""

from urllib.parse import quote

from ...models.tool_usage_report import ToolUsageReport
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="GetToolUsage",
    method="GET",
    path="/tools/{toolName}/usage",
    plane="data",
    idempotent=True,
    body_model=None,
    response_model=ToolUsageReport,
)


def request(
    tool_name: str,
) -> OperationRequest:
    """The request of GetToolUsage."""
    url = "/tools/{tool_name}/usage".format(
        tool_name=quote(str(tool_name), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
    )
