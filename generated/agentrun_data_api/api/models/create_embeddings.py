"""CreateEmbeddings: POST /models/{name}/v1/embeddings"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from ...models.embedding_request import EmbeddingRequest
from ...models.embedding_response import EmbeddingResponse
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="CreateEmbeddings",
    method="POST",
    path="/models/{name}/v1/embeddings",
    plane="data",
    idempotent=True,
    body_model=EmbeddingRequest,
    response_model=EmbeddingResponse,
)


def request(
    name: str,
    *,
    body: EmbeddingRequest | Mapping[str, Any],
) -> OperationRequest:
    """The request of CreateEmbeddings."""
    url = "/models/{name}/v1/embeddings".format(
        name=quote(str(name), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        json=body if isinstance(body, Mapping) else body.to_dict(),
    )
