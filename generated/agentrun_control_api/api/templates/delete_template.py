"""DeleteTemplate: DELETE /2025-09-10/templates/{templateName}"""

from urllib.parse import quote

from ...models.delete_template_result import DeleteTemplateResult
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="DeleteTemplate",
    method="DELETE",
    path="/2025-09-10/templates/{templateName}",
    plane="control",
    idempotent=True,
    body_model=None,
    response_model=DeleteTemplateResult,
)


def request(
    template_name: str,
) -> OperationRequest:
    """The request of DeleteTemplate."""
    url = "/2025-09-10/templates/{template_name}".format(
        template_name=quote(str(template_name), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
    )
