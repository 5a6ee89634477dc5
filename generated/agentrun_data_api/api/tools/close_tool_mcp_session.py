"""CloseToolMcpSession: DELETE /tools/{toolName}/mcp"""

from urllib.parse import quote

from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="CloseToolMcpSession",
    method="DELETE",
    path="/tools/{toolName}/mcp",
    plane="data",
    idempotent=True,
    body_model=None,
    response_model=None,
)


def request(
    tool_name: str,
    *,
    mcp_session_id: str,
) -> OperationRequest:
    """The request of CloseToolMcpSession."""
    headers = {
        "Mcp-Session-Id": mcp_session_id,
    }
    url = "/tools/{tool_name}/mcp".format(
        tool_name=quote(str(tool_name), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        headers={name: str(value) for name, value in headers.items() if value is not None},
    )
