"""RunCommand: POST /sandboxes/{sandboxId}/processes/cmd"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from ...models.command_result import CommandResult
from ...models.run_command_input import RunCommandInput
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="RunCommand",
    method="POST",
    path="/sandboxes/{sandboxId}/processes/cmd",
    plane="data",
    idempotent=False,
    body_model=RunCommandInput,
    response_model=CommandResult,
)


def request(
    sandbox_id: str,
    *,
    body: RunCommandInput | Mapping[str, Any],
) -> OperationRequest:
    """The request of RunCommand."""
    url = "/sandboxes/{sandbox_id}/processes/cmd".format(
        sandbox_id=quote(str(sandbox_id), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        json=body if isinstance(body, Mapping) else body.to_dict(),
    )
