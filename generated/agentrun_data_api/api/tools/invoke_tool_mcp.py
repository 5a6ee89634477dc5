"""InvokeToolMcp: POST /tools/{toolName}/mcp"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from ...models.json_rpc_message import JsonRpcMessage
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="InvokeToolMcp",
    method="POST",
    path="/tools/{toolName}/mcp",
    plane="data",
    idempotent=False,
    body_model=JsonRpcMessage,
    response_model=JsonRpcMessage,
)


def request(
    tool_name: str,
    *,
    body: JsonRpcMessage | Mapping[str, Any],
    mcp_session_id: str | None = None,
    mcp_protocol_version: str | None = None,
) -> OperationRequest:
    """The request of InvokeToolMcp."""
    headers = {
        "Mcp-Session-Id": mcp_session_id,
        "MCP-Protocol-Version": mcp_protocol_version,
    }
    url = "/tools/{tool_name}/mcp".format(
        tool_name=quote(str(tool_name), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        json=body if isinstance(body, Mapping) else body.to_dict(),
        headers={name: str(value) for name, value in headers.items() if value is not None},
    )
