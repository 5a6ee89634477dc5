"""InvokeToolFunction: POST /tools/{toolName}/functions/{functionName}/invoke"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from ...models.tool_call_result import ToolCallResult
from ...models.tool_invocation import ToolInvocation
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="InvokeToolFunction",
    method="POST",
    path="/tools/{toolName}/functions/{functionName}/invoke",
    plane="data",
    idempotent=False,
    body_model=ToolInvocation,
    response_model=ToolCallResult,
)


def request(
    tool_name: str,
    function_name: str,
    *,
    body: ToolInvocation | Mapping[str, Any],
) -> OperationRequest:
    """The request of InvokeToolFunction."""
    url = "/tools/{tool_name}/functions/{function_name}/invoke".format(
        tool_name=quote(str(tool_name), safe=""),
        function_name=quote(str(function_name), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        json=body if isinstance(body, Mapping) else body.to_dict(),
    )
