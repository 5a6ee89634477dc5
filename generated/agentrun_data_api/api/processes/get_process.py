"""GetProcess: GET /sandboxes/{sandboxId}/processes/{pid}"""

from urllib.parse import quote

from ...models.process_info import ProcessInfo
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="GetProcess",
    method="GET",
    path="/sandboxes/{sandboxId}/processes/{pid}",
    plane="data",
    idempotent=True,
    body_model=None,
    response_model=ProcessInfo,
)


def request(
    sandbox_id: str,
    pid: int,
) -> OperationRequest:
    """The request of GetProcess."""
    url = "/sandboxes/{sandbox_id}/processes/{pid}".format(
        sandbox_id=quote(str(sandbox_id), safe=""),
        pid=quote(str(pid), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
    )
