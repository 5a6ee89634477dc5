"""CreateModelService: POST /2025-09-10/agents/model-services"""

from collections.abc import Mapping
from typing import Any

from ...models.create_model_service_input import CreateModelServiceInput
from ...models.model_service_result import ModelServiceResult
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="CreateModelService",
    method="POST",
    path="/2025-09-10/agents/model-services",
    plane="control",
    idempotent=False,
    body_model=CreateModelServiceInput,
    response_model=ModelServiceResult,
)


def request(
    *,
    body: CreateModelServiceInput | Mapping[str, Any],
) -> OperationRequest:
    """The request of CreateModelService."""
    url = "/2025-09-10/agents/model-services"
    return OperationRequest(
        operation=OPERATION,
        url=url,
        json=body if isinstance(body, Mapping) else body.to_dict(),
    )
