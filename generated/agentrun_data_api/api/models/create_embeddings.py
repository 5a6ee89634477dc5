import secrets  # noqa: F401  (random multipart boundary per request)
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.embedding_request import EmbeddingRequest
from ...models.embedding_response import EmbeddingResponse
from ...models.error_response import ErrorResponse
from ...models.open_ai_error_response import OpenAIErrorResponse
from ...types import Response


def _get_kwargs(
    name: str,
    *,
    body: EmbeddingRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/models/{name}/v1/embeddings".format(
            name=quote(str(name), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EmbeddingResponse | ErrorResponse | ErrorResponse | OpenAIErrorResponse | None:
    if response.status_code == 200:
        response_200 = EmbeddingResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:

        def _parse_response_400(data: object) -> ErrorResponse | OpenAIErrorResponse:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_open_ai_compatible_error_type_0 = OpenAIErrorResponse.from_dict(data)

                return componentsschemas_open_ai_compatible_error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_open_ai_compatible_error_type_1 = ErrorResponse.from_dict(data)

            return componentsschemas_open_ai_compatible_error_type_1

        response_400 = _parse_response_400(response.json())

        return response_400

    if response.status_code == 401:

        def _parse_response_401(data: object) -> ErrorResponse | OpenAIErrorResponse:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_open_ai_compatible_error_type_0 = OpenAIErrorResponse.from_dict(data)

                return componentsschemas_open_ai_compatible_error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_open_ai_compatible_error_type_1 = ErrorResponse.from_dict(data)

            return componentsschemas_open_ai_compatible_error_type_1

        response_401 = _parse_response_401(response.json())

        return response_401

    if response.status_code == 403:

        def _parse_response_403(data: object) -> ErrorResponse | OpenAIErrorResponse:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_open_ai_compatible_error_type_0 = OpenAIErrorResponse.from_dict(data)

                return componentsschemas_open_ai_compatible_error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_open_ai_compatible_error_type_1 = ErrorResponse.from_dict(data)

            return componentsschemas_open_ai_compatible_error_type_1

        response_403 = _parse_response_403(response.json())

        return response_403

    if response.status_code == 404:

        def _parse_response_404(data: object) -> ErrorResponse | OpenAIErrorResponse:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_open_ai_compatible_error_type_0 = OpenAIErrorResponse.from_dict(data)

                return componentsschemas_open_ai_compatible_error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_open_ai_compatible_error_type_1 = ErrorResponse.from_dict(data)

            return componentsschemas_open_ai_compatible_error_type_1

        response_404 = _parse_response_404(response.json())

        return response_404

    if response.status_code == 409:

        def _parse_response_409(data: object) -> ErrorResponse | OpenAIErrorResponse:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_open_ai_compatible_error_type_0 = OpenAIErrorResponse.from_dict(data)

                return componentsschemas_open_ai_compatible_error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_open_ai_compatible_error_type_1 = ErrorResponse.from_dict(data)

            return componentsschemas_open_ai_compatible_error_type_1

        response_409 = _parse_response_409(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = ErrorResponse.from_dict(response.json())

        return response_413

    if response.status_code == 429:

        def _parse_response_429(data: object) -> ErrorResponse | OpenAIErrorResponse:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_open_ai_compatible_error_type_0 = OpenAIErrorResponse.from_dict(data)

                return componentsschemas_open_ai_compatible_error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_open_ai_compatible_error_type_1 = ErrorResponse.from_dict(data)

            return componentsschemas_open_ai_compatible_error_type_1

        response_429 = _parse_response_429(response.json())

        return response_429

    if response.status_code == 500:

        def _parse_response_500(data: object) -> ErrorResponse | OpenAIErrorResponse:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_open_ai_compatible_error_type_0 = OpenAIErrorResponse.from_dict(data)

                return componentsschemas_open_ai_compatible_error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_open_ai_compatible_error_type_1 = ErrorResponse.from_dict(data)

            return componentsschemas_open_ai_compatible_error_type_1

        response_500 = _parse_response_500(response.json())

        return response_500

    if response.status_code == 502:

        def _parse_response_502(data: object) -> ErrorResponse | OpenAIErrorResponse:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_open_ai_compatible_error_type_0 = OpenAIErrorResponse.from_dict(data)

                return componentsschemas_open_ai_compatible_error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_open_ai_compatible_error_type_1 = ErrorResponse.from_dict(data)

            return componentsschemas_open_ai_compatible_error_type_1

        response_502 = _parse_response_502(response.json())

        return response_502

    if response.status_code == 503:

        def _parse_response_503(data: object) -> ErrorResponse | OpenAIErrorResponse:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_open_ai_compatible_error_type_0 = OpenAIErrorResponse.from_dict(data)

                return componentsschemas_open_ai_compatible_error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_open_ai_compatible_error_type_1 = ErrorResponse.from_dict(data)

            return componentsschemas_open_ai_compatible_error_type_1

        response_503 = _parse_response_503(response.json())

        return response_503

    if response.status_code == 504:

        def _parse_response_504(data: object) -> ErrorResponse | OpenAIErrorResponse:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_open_ai_compatible_error_type_0 = OpenAIErrorResponse.from_dict(data)

                return componentsschemas_open_ai_compatible_error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_open_ai_compatible_error_type_1 = ErrorResponse.from_dict(data)

            return componentsschemas_open_ai_compatible_error_type_1

        response_504 = _parse_response_504(response.json())

        return response_504

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[EmbeddingResponse | ErrorResponse | ErrorResponse | OpenAIErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    name: str,
    *,
    client: AuthenticatedClient,
    body: EmbeddingRequest,
) -> Response[EmbeddingResponse | ErrorResponse | ErrorResponse | OpenAIErrorResponse]:
    """Embeddings through a model proxy (OpenAI-compatible)

     Routed, governed and cached like `CreateChatCompletion` (no streaming).

    Args:
        name (str):
        body (EmbeddingRequest): OpenAI embeddings request. The SDK sends `{"model", "input":
            […]}`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EmbeddingResponse | ErrorResponse | ErrorResponse | OpenAIErrorResponse]
    """

    kwargs = _get_kwargs(
        name=name,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    name: str,
    *,
    client: AuthenticatedClient,
    body: EmbeddingRequest,
) -> EmbeddingResponse | ErrorResponse | ErrorResponse | OpenAIErrorResponse | None:
    """Embeddings through a model proxy (OpenAI-compatible)

     Routed, governed and cached like `CreateChatCompletion` (no streaming).

    Args:
        name (str):
        body (EmbeddingRequest): OpenAI embeddings request. The SDK sends `{"model", "input":
            […]}`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EmbeddingResponse | ErrorResponse | ErrorResponse | OpenAIErrorResponse
    """

    return sync_detailed(
        name=name,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    name: str,
    *,
    client: AuthenticatedClient,
    body: EmbeddingRequest,
) -> Response[EmbeddingResponse | ErrorResponse | ErrorResponse | OpenAIErrorResponse]:
    """Embeddings through a model proxy (OpenAI-compatible)

     Routed, governed and cached like `CreateChatCompletion` (no streaming).

    Args:
        name (str):
        body (EmbeddingRequest): OpenAI embeddings request. The SDK sends `{"model", "input":
            […]}`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EmbeddingResponse | ErrorResponse | ErrorResponse | OpenAIErrorResponse]
    """

    kwargs = _get_kwargs(
        name=name,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    name: str,
    *,
    client: AuthenticatedClient,
    body: EmbeddingRequest,
) -> EmbeddingResponse | ErrorResponse | ErrorResponse | OpenAIErrorResponse | None:
    """Embeddings through a model proxy (OpenAI-compatible)

     Routed, governed and cached like `CreateChatCompletion` (no streaming).

    Args:
        name (str):
        body (EmbeddingRequest): OpenAI embeddings request. The SDK sends `{"model", "input":
            […]}`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EmbeddingResponse | ErrorResponse | ErrorResponse | OpenAIErrorResponse
    """

    return (
        await asyncio_detailed(
            name=name,
            client=client,
            body=body,
        )
    ).parsed
