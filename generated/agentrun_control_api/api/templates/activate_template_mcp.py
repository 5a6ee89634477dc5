"""ActivateTemplateMCP: PATCH /2025-09-10/templates/{templateName}/mcp/activate"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from ...models.activate_template_mcp_input import ActivateTemplateMCPInput
from ...models.template_result import TemplateResult
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="ActivateTemplateMCP",
    method="PATCH",
    path="/2025-09-10/templates/{templateName}/mcp/activate",
    plane="control",
    idempotent=True,
    body_model=ActivateTemplateMCPInput,
    response_model=TemplateResult,
)


def request(
    template_name: str,
    *,
    body: ActivateTemplateMCPInput | Mapping[str, Any],
) -> OperationRequest:
    """The request of ActivateTemplateMCP."""
    url = "/2025-09-10/templates/{template_name}/mcp/activate".format(
        template_name=quote(str(template_name), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        json=body if isinstance(body, Mapping) else body.to_dict(),
    )
