"""PostToolSseMessage: POST /tools/{toolName}/messages"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from ...models.json_rpc_message import JsonRpcMessage
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="PostToolSseMessage",
    method="POST",
    path="/tools/{toolName}/messages",
    plane="data",
    idempotent=False,
    body_model=JsonRpcMessage,
    response_model=None,
)


def request(
    tool_name: str,
    *,
    body: JsonRpcMessage | Mapping[str, Any],
    session_id: str,
) -> OperationRequest:
    """The request of PostToolSseMessage."""
    params = {
        "session_id": session_id,
    }
    url = "/tools/{tool_name}/messages".format(
        tool_name=quote(str(tool_name), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        params={name: value for name, value in params.items() if value is not None},
        json=body if isinstance(body, Mapping) else body.to_dict(),
    )
