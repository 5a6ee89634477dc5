"""ListAgentRuntimeVersions: GET /2025-09-10/agents/runtimes/{agentRuntimeId}/versions"""

from urllib.parse import quote

from ...models.list_agent_runtime_versions_result import ListAgentRuntimeVersionsResult
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="ListAgentRuntimeVersions",
    method="GET",
    path="/2025-09-10/agents/runtimes/{agentRuntimeId}/versions",
    plane="control",
    idempotent=True,
    body_model=None,
    response_model=ListAgentRuntimeVersionsResult,
)


def request(
    agent_runtime_id: str,
    *,
    page_number: int | None = None,
    page_size: int | None = None,
) -> OperationRequest:
    """The request of ListAgentRuntimeVersions."""
    params = {
        "pageNumber": page_number,
        "pageSize": page_size,
    }
    url = "/2025-09-10/agents/runtimes/{agent_runtime_id}/versions".format(
        agent_runtime_id=quote(str(agent_runtime_id), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        params={name: value for name, value in params.items() if value is not None},
    )
