"""StreamProcessOutput: GET /sandboxes/{sandboxId}/processes/{pid}/output"""

from urllib.parse import quote

from ...models.stream_process_output_response_200 import StreamProcessOutputResponse200
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="StreamProcessOutput",
    method="GET",
    path="/sandboxes/{sandboxId}/processes/{pid}/output",
    plane="data",
    idempotent=True,
    body_model=None,
    response_model=StreamProcessOutputResponse200,
)


def request(
    sandbox_id: str,
    pid: int,
) -> OperationRequest:
    """The request of StreamProcessOutput."""
    url = "/sandboxes/{sandbox_id}/processes/{pid}/output".format(
        sandbox_id=quote(str(sandbox_id), safe=""),
        pid=quote(str(pid), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
    )
