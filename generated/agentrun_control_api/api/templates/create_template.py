"""CreateTemplate: POST /2025-09-10/templates"""

from collections.abc import Mapping
from typing import Any

from ...models.create_template_input import CreateTemplateInput
from ...models.template_result import TemplateResult
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="CreateTemplate",
    method="POST",
    path="/2025-09-10/templates",
    plane="control",
    idempotent=False,
    body_model=CreateTemplateInput,
    response_model=TemplateResult,
)


def request(
    *,
    body: CreateTemplateInput | Mapping[str, Any],
) -> OperationRequest:
    """The request of CreateTemplate."""
    url = "/2025-09-10/templates"
    return OperationRequest(
        operation=OPERATION,
        url=url,
        json=body if isinstance(body, Mapping) else body.to_dict(),
    )
