"""OpenToolSse: GET /tools/{toolName}/sse"""

from urllib.parse import quote

from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="OpenToolSse",
    method="GET",
    path="/tools/{toolName}/sse",
    plane="data",
    idempotent=True,
    body_model=None,
    response_model=None,
)


def request(
    tool_name: str,
) -> OperationRequest:
    """The request of OpenToolSse."""
    url = "/tools/{tool_name}/sse".format(
        tool_name=quote(str(tool_name), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
    )
