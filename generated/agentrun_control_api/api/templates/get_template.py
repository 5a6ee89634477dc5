"""GetTemplate: GET /2025-09-10/templates/{templateName}"""

from urllib.parse import quote

from ...models.template_result import TemplateResult
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="GetTemplate",
    method="GET",
    path="/2025-09-10/templates/{templateName}",
    plane="control",
    idempotent=True,
    body_model=None,
    response_model=TemplateResult,
)


def request(
    template_name: str,
) -> OperationRequest:
    """The request of GetTemplate."""
    url = "/2025-09-10/templates/{template_name}".format(
        template_name=quote(str(template_name), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
    )
