"""UpdateModelProxy: PUT /2025-09-10/agents/model-proxies/{modelProxyName}"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from ...models.model_proxy_result import ModelProxyResult
from ...models.update_model_proxy_input import UpdateModelProxyInput
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="UpdateModelProxy",
    method="PUT",
    path="/2025-09-10/agents/model-proxies/{modelProxyName}",
    plane="control",
    idempotent=True,
    body_model=UpdateModelProxyInput,
    response_model=ModelProxyResult,
)


def request(
    model_proxy_name: str,
    *,
    body: UpdateModelProxyInput | Mapping[str, Any],
) -> OperationRequest:
    """The request of UpdateModelProxy."""
    url = "/2025-09-10/agents/model-proxies/{model_proxy_name}".format(
        model_proxy_name=quote(str(model_proxy_name), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        json=body if isinstance(body, Mapping) else body.to_dict(),
    )
