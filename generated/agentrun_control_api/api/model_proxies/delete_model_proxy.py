"""DeleteModelProxy: DELETE /2025-09-10/agents/model-proxies/{modelProxyName}"""

from urllib.parse import quote

from ...models.delete_model_proxy_result import DeleteModelProxyResult
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="DeleteModelProxy",
    method="DELETE",
    path="/2025-09-10/agents/model-proxies/{modelProxyName}",
    plane="control",
    idempotent=True,
    body_model=None,
    response_model=DeleteModelProxyResult,
)


def request(
    model_proxy_name: str,
) -> OperationRequest:
    """The request of DeleteModelProxy."""
    url = "/2025-09-10/agents/model-proxies/{model_proxy_name}".format(
        model_proxy_name=quote(str(model_proxy_name), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
    )
