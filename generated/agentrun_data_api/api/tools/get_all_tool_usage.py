"""GetAllToolUsage: GET /tool-usage"""

from ...models.tool_usage_report import ToolUsageReport
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="GetAllToolUsage",
    method="GET",
    path="/tool-usage",
    plane="data",
    idempotent=True,
    body_model=None,
    response_model=ToolUsageReport,
)


def request() -> OperationRequest:
    """The request of GetAllToolUsage."""
    url = "/tool-usage"
    return OperationRequest(
        operation=OPERATION,
        url=url,
    )
