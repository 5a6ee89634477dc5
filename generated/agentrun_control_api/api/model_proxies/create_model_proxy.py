"""CreateModelProxy: POST /2025-09-10/agents/model-proxies"""

from collections.abc import Mapping
from typing import Any

from ...models.create_model_proxy_input import CreateModelProxyInput
from ...models.model_proxy_result import ModelProxyResult
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="CreateModelProxy",
    method="POST",
    path="/2025-09-10/agents/model-proxies",
    plane="control",
    idempotent=False,
    body_model=CreateModelProxyInput,
    response_model=ModelProxyResult,
)


def request(
    *,
    body: CreateModelProxyInput | Mapping[str, Any],
) -> OperationRequest:
    """The request of CreateModelProxy."""
    url = "/2025-09-10/agents/model-proxies"
    return OperationRequest(
        operation=OPERATION,
        url=url,
        json=body if isinstance(body, Mapping) else body.to_dict(),
    )
