import secrets  # noqa: F401  (random multipart boundary per request)
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.list_model_proxies_result import ListModelProxiesResult
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    page_number: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    proxy_mode: str | Unset = UNSET,
    status: str | Unset = UNSET,
    workspace_id: str | Unset = UNSET,
    workspace_ids: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["pageNumber"] = page_number

    params["pageSize"] = page_size

    params["proxyMode"] = proxy_mode

    params["status"] = status

    params["workspaceId"] = workspace_id

    params["workspaceIds"] = workspace_ids

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/2025-09-10/agents/model-proxies",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | ListModelProxiesResult | None:
    if response.status_code == 200:
        response_200 = ListModelProxiesResult.from_dict(response.json())

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
) -> Response[ErrorResponse | ListModelProxiesResult]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    page_number: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    proxy_mode: str | Unset = UNSET,
    status: str | Unset = UNSET,
    workspace_id: str | Unset = UNSET,
    workspace_ids: str | Unset = UNSET,
) -> Response[ErrorResponse | ListModelProxiesResult]:
    """List model proxies

    Args:
        page_number (int | Unset):
        page_size (int | Unset):
        proxy_mode (str | Unset):
        status (str | Unset):
        workspace_id (str | Unset):
        workspace_ids (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ListModelProxiesResult]
    """

    kwargs = _get_kwargs(
        page_number=page_number,
        page_size=page_size,
        proxy_mode=proxy_mode,
        status=status,
        workspace_id=workspace_id,
        workspace_ids=workspace_ids,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    page_number: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    proxy_mode: str | Unset = UNSET,
    status: str | Unset = UNSET,
    workspace_id: str | Unset = UNSET,
    workspace_ids: str | Unset = UNSET,
) -> ErrorResponse | ListModelProxiesResult | None:
    """List model proxies

    Args:
        page_number (int | Unset):
        page_size (int | Unset):
        proxy_mode (str | Unset):
        status (str | Unset):
        workspace_id (str | Unset):
        workspace_ids (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ListModelProxiesResult
    """

    return sync_detailed(
        client=client,
        page_number=page_number,
        page_size=page_size,
        proxy_mode=proxy_mode,
        status=status,
        workspace_id=workspace_id,
        workspace_ids=workspace_ids,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    page_number: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    proxy_mode: str | Unset = UNSET,
    status: str | Unset = UNSET,
    workspace_id: str | Unset = UNSET,
    workspace_ids: str | Unset = UNSET,
) -> Response[ErrorResponse | ListModelProxiesResult]:
    """List model proxies

    Args:
        page_number (int | Unset):
        page_size (int | Unset):
        proxy_mode (str | Unset):
        status (str | Unset):
        workspace_id (str | Unset):
        workspace_ids (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ListModelProxiesResult]
    """

    kwargs = _get_kwargs(
        page_number=page_number,
        page_size=page_size,
        proxy_mode=proxy_mode,
        status=status,
        workspace_id=workspace_id,
        workspace_ids=workspace_ids,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    page_number: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    proxy_mode: str | Unset = UNSET,
    status: str | Unset = UNSET,
    workspace_id: str | Unset = UNSET,
    workspace_ids: str | Unset = UNSET,
) -> ErrorResponse | ListModelProxiesResult | None:
    """List model proxies

    Args:
        page_number (int | Unset):
        page_size (int | Unset):
        proxy_mode (str | Unset):
        status (str | Unset):
        workspace_id (str | Unset):
        workspace_ids (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ListModelProxiesResult
    """

    return (
        await asyncio_detailed(
            client=client,
            page_number=page_number,
            page_size=page_size,
            proxy_mode=proxy_mode,
            status=status,
            workspace_id=workspace_id,
            workspace_ids=workspace_ids,
        )
    ).parsed
