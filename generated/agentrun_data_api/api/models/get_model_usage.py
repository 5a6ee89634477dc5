"""GetModelUsage: GET /models/{name}/usage"""

from urllib.parse import quote

from ...models.model_usage_report import ModelUsageReport
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="GetModelUsage",
    method="GET",
    path="/models/{name}/usage",
    plane="data",
    idempotent=True,
    body_model=None,
    response_model=ModelUsageReport,
)


def request(
    name: str,
) -> OperationRequest:
    """The request of GetModelUsage."""
    url = "/models/{name}/usage".format(
        name=quote(str(name), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
    )
