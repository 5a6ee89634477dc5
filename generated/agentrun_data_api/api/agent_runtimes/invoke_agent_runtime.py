"""InvokeAgentRuntime: POST /agent-runtimes/{agentRuntimeName}/endpoints/{endpointName}/invocations/{invocationPath}"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from ...models.json_object import JsonObject
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="InvokeAgentRuntime",
    method="POST",
    path="/agent-runtimes/{agentRuntimeName}/endpoints/{endpointName}/invocations/{invocationPath}",
    plane="data",
    idempotent=False,
    body_model=JsonObject,
    response_model=JsonObject,
)


def request(
    agent_runtime_name: str,
    endpoint_name: str,
    invocation_path: str,
    *,
    body: JsonObject | Mapping[str, Any],
) -> OperationRequest:
    """The request of InvokeAgentRuntime."""
    url = "/agent-runtimes/{agent_runtime_name}/endpoints/{endpoint_name}/invocations/{invocation_path}".format(
        agent_runtime_name=quote(str(agent_runtime_name), safe=""),
        endpoint_name=quote(str(endpoint_name), safe=""),
        invocation_path=quote(str(invocation_path), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        json=body if isinstance(body, Mapping) else body.to_dict(),
    )
