"""ListAgentRuntimeEndpoints: GET /2025-09-10/agents/runtimes/{agentRuntimeId}/endpoints"""

from urllib.parse import quote

from ...models.list_agent_runtime_endpoints_result import ListAgentRuntimeEndpointsResult
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="ListAgentRuntimeEndpoints",
    method="GET",
    path="/2025-09-10/agents/runtimes/{agentRuntimeId}/endpoints",
    plane="control",
    idempotent=True,
    body_model=None,
    response_model=ListAgentRuntimeEndpointsResult,
)


def request(
    agent_runtime_id: str,
    *,
    endpoint_name: str | None = None,
    page_number: int | None = None,
    page_size: int | None = None,
    search_mode: str | None = None,
) -> OperationRequest:
    """The request of ListAgentRuntimeEndpoints."""
    params = {
        "endpointName": endpoint_name,
        "pageNumber": page_number,
        "pageSize": page_size,
        "searchMode": search_mode,
    }
    url = "/2025-09-10/agents/runtimes/{agent_runtime_id}/endpoints".format(
        agent_runtime_id=quote(str(agent_runtime_id), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        params={name: value for name, value in params.items() if value is not None},
    )
