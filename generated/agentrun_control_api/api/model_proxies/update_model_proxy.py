import secrets  # noqa: F401  (random multipart boundary per request)
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.model_proxy_result import ModelProxyResult
from ...models.update_model_proxy_input import UpdateModelProxyInput
from ...types import Response


def _get_kwargs(
    model_proxy_name: str,
    *,
    body: UpdateModelProxyInput,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/2025-09-10/agents/model-proxies/{model_proxy_name}".format(
            model_proxy_name=quote(str(model_proxy_name), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | ModelProxyResult | None:
    if response.status_code == 200:
        response_200 = ModelProxyResult.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = ErrorResponse.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = ErrorResponse.from_dict(response.json())

        return response_413

    if response.status_code == 429:
        response_429 = ErrorResponse.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | ModelProxyResult]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    model_proxy_name: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateModelProxyInput,
) -> Response[ErrorResponse | ModelProxyResult]:
    """Update a model proxy

     Partial update; the server merges the supplied keys.

    Args:
        model_proxy_name (str):
        body (UpdateModelProxyInput): Body of UpdateModelProxy; the server merges the supplied
            keys.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ModelProxyResult]
    """

    kwargs = _get_kwargs(
        model_proxy_name=model_proxy_name,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    model_proxy_name: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateModelProxyInput,
) -> ErrorResponse | ModelProxyResult | None:
    """Update a model proxy

     Partial update; the server merges the supplied keys.

    Args:
        model_proxy_name (str):
        body (UpdateModelProxyInput): Body of UpdateModelProxy; the server merges the supplied
            keys.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ModelProxyResult
    """

    return sync_detailed(
        model_proxy_name=model_proxy_name,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    model_proxy_name: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateModelProxyInput,
) -> Response[ErrorResponse | ModelProxyResult]:
    """Update a model proxy

     Partial update; the server merges the supplied keys.

    Args:
        model_proxy_name (str):
        body (UpdateModelProxyInput): Body of UpdateModelProxy; the server merges the supplied
            keys.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ModelProxyResult]
    """

    kwargs = _get_kwargs(
        model_proxy_name=model_proxy_name,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    model_proxy_name: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateModelProxyInput,
) -> ErrorResponse | ModelProxyResult | None:
    """Update a model proxy

     Partial update; the server merges the supplied keys.

    Args:
        model_proxy_name (str):
        body (UpdateModelProxyInput): Body of UpdateModelProxy; the server merges the supplied
            keys.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ModelProxyResult
    """

    return (
        await asyncio_detailed(
            model_proxy_name=model_proxy_name,
            client=client,
            body=body,
        )
    ).parsed
