"""LiveViewStream: GET /liveview/{sandboxId}/ws"""

from urllib.parse import quote

from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="LiveViewStream",
    method="GET",
    path="/liveview/{sandboxId}/ws",
    plane="data",
    idempotent=True,
    body_model=None,
    response_model=None,
)


def request(
    sandbox_id: str,
    *,
    access_key_id: str,
    expires: int,
    signature: str,
) -> OperationRequest:
    """The request of LiveViewStream."""
    params = {
        "accessKeyId": access_key_id,
        "expires": expires,
        "signature": signature,
    }
    url = "/liveview/{sandbox_id}/ws".format(
        sandbox_id=quote(str(sandbox_id), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        params={name: value for name, value in params.items() if value is not None},
    )
