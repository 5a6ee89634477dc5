import secrets  # noqa: F401  (random multipart boundary per request)
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.tool_result import ToolResult
from ...models.update_tool_input_v2 import UpdateToolInputV2
from ...types import Response


def _get_kwargs(
    tool_name: str,
    *,
    body: UpdateToolInputV2,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/2025-09-10/agents/tools/{tool_name}".format(
            tool_name=quote(str(tool_name), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | ToolResult | None:
    if response.status_code == 200:
        response_200 = ToolResult.from_dict(response.json())

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
) -> Response[ErrorResponse | ToolResult]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    tool_name: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateToolInputV2,
) -> Response[ErrorResponse | ToolResult]:
    """Update a tool

     Partial update; the server merges the supplied keys. toolName and toolType cannot be changed.

    Args:
        tool_name (str):
        body (UpdateToolInputV2): Body of UpdateTool; the server merges the supplied keys. Has no
            toolName or toolType.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ToolResult]
    """

    kwargs = _get_kwargs(
        tool_name=tool_name,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    tool_name: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateToolInputV2,
) -> ErrorResponse | ToolResult | None:
    """Update a tool

     Partial update; the server merges the supplied keys. toolName and toolType cannot be changed.

    Args:
        tool_name (str):
        body (UpdateToolInputV2): Body of UpdateTool; the server merges the supplied keys. Has no
            toolName or toolType.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ToolResult
    """

    return sync_detailed(
        tool_name=tool_name,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    tool_name: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateToolInputV2,
) -> Response[ErrorResponse | ToolResult]:
    """Update a tool

     Partial update; the server merges the supplied keys. toolName and toolType cannot be changed.

    Args:
        tool_name (str):
        body (UpdateToolInputV2): Body of UpdateTool; the server merges the supplied keys. Has no
            toolName or toolType.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ToolResult]
    """

    kwargs = _get_kwargs(
        tool_name=tool_name,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    tool_name: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateToolInputV2,
) -> ErrorResponse | ToolResult | None:
    """Update a tool

     Partial update; the server merges the supplied keys. toolName and toolType cannot be changed.

    Args:
        tool_name (str):
        body (UpdateToolInputV2): Body of UpdateTool; the server merges the supplied keys. Has no
            toolName or toolType.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ToolResult
    """

    return (
        await asyncio_detailed(
            tool_name=tool_name,
            client=client,
            body=body,
        )
    ).parsed
