"""BrowserLiveView: GET /sandboxes/{sandboxId}/ws/liveview"""

from urllib.parse import quote

from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="BrowserLiveView",
    method="GET",
    path="/sandboxes/{sandboxId}/ws/liveview",
    plane="data",
    idempotent=True,
    body_model=None,
    response_model=None,
)


def request(
    sandbox_id: str,
    *,
    tenant_id: str | None = None,
    recording: str | None = None,
) -> OperationRequest:
    """The request of BrowserLiveView."""
    params = {
        "tenantId": tenant_id,
        "recording": recording,
    }
    url = "/sandboxes/{sandbox_id}/ws/liveview".format(
        sandbox_id=quote(str(sandbox_id), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        params={name: value for name, value in params.items() if value is not None},
    )
