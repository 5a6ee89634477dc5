"""CreateResponse: POST /models/{name}/v1/responses"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from ...models.json_object import JsonObject
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="CreateResponse",
    method="POST",
    path="/models/{name}/v1/responses",
    plane="data",
    idempotent=False,
    body_model=JsonObject,
    response_model=JsonObject,
)


def request(
    name: str,
    *,
    body: JsonObject | Mapping[str, Any],
) -> OperationRequest:
    """The request of CreateResponse."""
    url = "/models/{name}/v1/responses".format(
        name=quote(str(name), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        json=body if isinstance(body, Mapping) else body.to_dict(),
    )
