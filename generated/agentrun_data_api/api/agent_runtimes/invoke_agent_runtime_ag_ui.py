"""InvokeAgentRuntimeAgUi: POST /agent-runtimes/{agentRuntimeName}/endpoints/{endpointName}/invocations/ag-ui/agent"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from ...models.ag_ui_event import AgUiEvent
from ...models.ag_ui_run_agent_input import AgUiRunAgentInput
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="InvokeAgentRuntimeAgUi",
    method="POST",
    path="/agent-runtimes/{agentRuntimeName}/endpoints/{endpointName}/invocations/ag-ui/agent",
    plane="data",
    idempotent=False,
    body_model=AgUiRunAgentInput,
    response_model=AgUiEvent,
)


def request(
    agent_runtime_name: str,
    endpoint_name: str,
    *,
    body: AgUiRunAgentInput | Mapping[str, Any],
) -> OperationRequest:
    """The request of InvokeAgentRuntimeAgUi."""
    url = "/agent-runtimes/{agent_runtime_name}/endpoints/{endpoint_name}/invocations/ag-ui/agent".format(
        agent_runtime_name=quote(str(agent_runtime_name), safe=""),
        endpoint_name=quote(str(endpoint_name), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        json=body if isinstance(body, Mapping) else body.to_dict(),
    )
