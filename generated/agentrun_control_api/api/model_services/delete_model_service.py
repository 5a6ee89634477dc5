"""DeleteModelService: DELETE /2025-09-10/agents/model-services/{modelServiceName}"""

from urllib.parse import quote

from ...models.delete_model_service_result import DeleteModelServiceResult
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="DeleteModelService",
    method="DELETE",
    path="/2025-09-10/agents/model-services/{modelServiceName}",
    plane="control",
    idempotent=True,
    body_model=None,
    response_model=DeleteModelServiceResult,
)


def request(
    model_service_name: str,
) -> OperationRequest:
    """The request of DeleteModelService."""
    url = "/2025-09-10/agents/model-services/{model_service_name}".format(
        model_service_name=quote(str(model_service_name), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
    )
