"""CreateChatCompletion: POST /models/{name}/v1/chat/completions"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from ...models.chat_completion import ChatCompletion
from ...models.chat_completion_request import ChatCompletionRequest
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="CreateChatCompletion",
    method="POST",
    path="/models/{name}/v1/chat/completions",
    plane="data",
    idempotent=True,
    body_model=ChatCompletionRequest,
    response_model=ChatCompletion,
)


def request(
    name: str,
    *,
    body: ChatCompletionRequest | Mapping[str, Any],
) -> OperationRequest:
    """The request of CreateChatCompletion."""
    url = "/models/{name}/v1/chat/completions".format(
        name=quote(str(name), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        json=body if isinstance(body, Mapping) else body.to_dict(),
    )
