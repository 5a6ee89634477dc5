"""UpdateModelService: PUT /2025-09-10/agents/model-services/{modelServiceName}"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from ...models.model_service_result import ModelServiceResult
from ...models.update_model_service_input import UpdateModelServiceInput
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="UpdateModelService",
    method="PUT",
    path="/2025-09-10/agents/model-services/{modelServiceName}",
    plane="control",
    idempotent=True,
    body_model=UpdateModelServiceInput,
    response_model=ModelServiceResult,
)


def request(
    model_service_name: str,
    *,
    body: UpdateModelServiceInput | Mapping[str, Any],
) -> OperationRequest:
    """The request of UpdateModelService."""
    url = "/2025-09-10/agents/model-services/{model_service_name}".format(
        model_service_name=quote(str(model_service_name), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        json=body if isinstance(body, Mapping) else body.to_dict(),
    )
