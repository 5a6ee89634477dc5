"""GetAllModelUsage: GET /model-usage"""

from ...models.model_usage_report import ModelUsageReport
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="GetAllModelUsage",
    method="GET",
    path="/model-usage",
    plane="data",
    idempotent=True,
    body_model=None,
    response_model=ModelUsageReport,
)


def request() -> OperationRequest:
    """The request of GetAllModelUsage."""
    url = "/model-usage"
    return OperationRequest(
        operation=OPERATION,
        url=url,
    )
