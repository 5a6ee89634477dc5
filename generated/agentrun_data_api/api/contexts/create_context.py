"""CreateContext: POST /sandboxes/{sandboxId}/contexts"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from ...models.code_context import CodeContext
from ...models.create_context_input import CreateContextInput
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="CreateContext",
    method="POST",
    path="/sandboxes/{sandboxId}/contexts",
    plane="data",
    idempotent=False,
    body_model=CreateContextInput,
    response_model=CodeContext,
)


def request(
    sandbox_id: str,
    *,
    body: CreateContextInput | Mapping[str, Any],
) -> OperationRequest:
    """The request of CreateContext."""
    url = "/sandboxes/{sandbox_id}/contexts".format(
        sandbox_id=quote(str(sandbox_id), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        json=body if isinstance(body, Mapping) else body.to_dict(),
    )
