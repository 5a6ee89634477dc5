"""ListRecordings: GET /sandboxes/{sandboxId}/recordings"""

from urllib.parse import quote

from ...models.recording_list import RecordingList
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="ListRecordings",
    method="GET",
    path="/sandboxes/{sandboxId}/recordings",
    plane="data",
    idempotent=True,
    body_model=None,
    response_model=RecordingList,
)


def request(
    sandbox_id: str,
) -> OperationRequest:
    """The request of ListRecordings."""
    url = "/sandboxes/{sandbox_id}/recordings".format(
        sandbox_id=quote(str(sandbox_id), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
    )
