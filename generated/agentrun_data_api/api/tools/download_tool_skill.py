"""DownloadToolSkill: GET /tools/{toolName}/download"""

from urllib.parse import quote

from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="DownloadToolSkill",
    method="GET",
    path="/tools/{toolName}/download",
    plane="data",
    idempotent=True,
    body_model=None,
    response_model=None,
)


def request(
    tool_name: str,
) -> OperationRequest:
    """The request of DownloadToolSkill."""
    url = "/tools/{tool_name}/download".format(
        tool_name=quote(str(tool_name), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
    )
