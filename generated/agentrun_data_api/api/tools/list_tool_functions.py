"""ListToolFunctions: GET /tools/{toolName}/functions"""

from urllib.parse import quote

from ...models.tool_function_list import ToolFunctionList
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="ListToolFunctions",
    method="GET",
    path="/tools/{toolName}/functions",
    plane="data",
    idempotent=True,
    body_model=None,
    response_model=ToolFunctionList,
)


def request(
    tool_name: str,
) -> OperationRequest:
    """The request of ListToolFunctions."""
    url = "/tools/{tool_name}/functions".format(
        tool_name=quote(str(tool_name), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
    )
