"""ListModels: GET /models/{name}/v1/models"""

from urllib.parse import quote

from ...models.model_list import ModelList
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="ListModels",
    method="GET",
    path="/models/{name}/v1/models",
    plane="data",
    idempotent=True,
    body_model=None,
    response_model=ModelList,
)


def request(
    name: str,
) -> OperationRequest:
    """The request of ListModels."""
    url = "/models/{name}/v1/models".format(
        name=quote(str(name), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
    )
