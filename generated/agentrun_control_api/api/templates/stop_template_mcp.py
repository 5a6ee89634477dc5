"""StopTemplateMCP: PATCH /2025-09-10/templates/{templateName}/mcp/stop"""

from urllib.parse import quote

from ...models.template_result import TemplateResult
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="StopTemplateMCP",
    method="PATCH",
    path="/2025-09-10/templates/{templateName}/mcp/stop",
    plane="control",
    idempotent=True,
    body_model=None,
    response_model=TemplateResult,
)


def request(
    template_name: str,
) -> OperationRequest:
    """The request of StopTemplateMCP."""
    url = "/2025-09-10/templates/{template_name}/mcp/stop".format(
        template_name=quote(str(template_name), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
    )
