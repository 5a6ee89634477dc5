"""GetModelService: GET /2025-09-10/agents/model-services/{modelServiceName}"""

from urllib.parse import quote

from ...models.model_service_result import ModelServiceResult
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="GetModelService",
    method="GET",
    path="/2025-09-10/agents/model-services/{modelServiceName}",
    plane="control",
    idempotent=True,
    body_model=None,
    response_model=ModelServiceResult,
)


def request(
    model_service_name: str,
) -> OperationRequest:
    """The request of GetModelService."""
    url = "/2025-09-10/agents/model-services/{model_service_name}".format(
        model_service_name=quote(str(model_service_name), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
    )
