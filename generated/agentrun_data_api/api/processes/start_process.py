"""StartProcess: POST /sandboxes/{sandboxId}/processes"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from ...models.process_info import ProcessInfo
from ...models.start_process_input import StartProcessInput
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="StartProcess",
    method="POST",
    path="/sandboxes/{sandboxId}/processes",
    plane="data",
    idempotent=False,
    body_model=StartProcessInput,
    response_model=ProcessInfo,
)


def request(
    sandbox_id: str,
    *,
    body: StartProcessInput | Mapping[str, Any],
) -> OperationRequest:
    """The request of StartProcess."""
    url = "/sandboxes/{sandbox_id}/processes".format(
        sandbox_id=quote(str(sandbox_id), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        json=body if isinstance(body, Mapping) else body.to_dict(),
    )
