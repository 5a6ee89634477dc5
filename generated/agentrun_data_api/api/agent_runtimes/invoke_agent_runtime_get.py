"""InvokeAgentRuntimeGet: GET /agent-runtimes/{agentRuntimeName}/endpoints/{endpointName}/invocations/{invocationPath}"""

from urllib.parse import quote

from ...models.json_object import JsonObject
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="InvokeAgentRuntimeGet",
    method="GET",
    path="/agent-runtimes/{agentRuntimeName}/endpoints/{endpointName}/invocations/{invocationPath}",
    plane="data",
    idempotent=True,
    body_model=None,
    response_model=JsonObject,
)


def request(
    agent_runtime_name: str,
    endpoint_name: str,
    invocation_path: str,
) -> OperationRequest:
    """The request of InvokeAgentRuntimeGet."""
    url = "/agent-runtimes/{agent_runtime_name}/endpoints/{endpoint_name}/invocations/{invocation_path}".format(
        agent_runtime_name=quote(str(agent_runtime_name), safe=""),
        endpoint_name=quote(str(endpoint_name), safe=""),
        invocation_path=quote(str(invocation_path), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
    )
