"""InvokeSandboxMcp: POST /sandboxes/{sandboxId}/mcp"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from ...models.json_rpc_message import JsonRpcMessage
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="InvokeSandboxMcp",
    method="POST",
    path="/sandboxes/{sandboxId}/mcp",
    plane="data",
    idempotent=False,
    body_model=JsonRpcMessage,
    response_model=JsonRpcMessage,
)


def request(
    sandbox_id: str,
    *,
    body: JsonRpcMessage | Mapping[str, Any],
) -> OperationRequest:
    """The request of InvokeSandboxMcp."""
    url = "/sandboxes/{sandbox_id}/mcp".format(
        sandbox_id=quote(str(sandbox_id), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        json=body if isinstance(body, Mapping) else body.to_dict(),
    )
