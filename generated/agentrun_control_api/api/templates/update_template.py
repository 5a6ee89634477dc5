"""UpdateTemplate: PUT /2025-09-10/templates/{templateName}"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from ...models.template_result import TemplateResult
from ...models.update_template_input import UpdateTemplateInput
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="UpdateTemplate",
    method="PUT",
    path="/2025-09-10/templates/{templateName}",
    plane="control",
    idempotent=True,
    body_model=UpdateTemplateInput,
    response_model=TemplateResult,
)


def request(
    template_name: str,
    *,
    body: UpdateTemplateInput | Mapping[str, Any],
    client_token: str | None = None,
) -> OperationRequest:
    """The request of UpdateTemplate."""
    params = {
        "clientToken": client_token,
    }
    url = "/2025-09-10/templates/{template_name}".format(
        template_name=quote(str(template_name), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        params={name: value for name, value in params.items() if value is not None},
        json=body if isinstance(body, Mapping) else body.to_dict(),
    )
