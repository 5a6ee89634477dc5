import secrets  # noqa: F401  (random multipart boundary per request)
from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.json_rpc_message import JsonRpcMessage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    tool_name: str,
    *,
    body: JsonRpcMessage,
    mcp_session_id: str | Unset = UNSET,
    mcp_protocol_version: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(mcp_session_id, Unset):
        headers["Mcp-Session-Id"] = mcp_session_id

    if not isinstance(mcp_protocol_version, Unset):
        headers["MCP-Protocol-Version"] = mcp_protocol_version

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/tools/{tool_name}/mcp".format(
            tool_name=quote(str(tool_name), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ErrorResponse | JsonRpcMessage | None:
    if response.status_code == 200:
        response_200 = JsonRpcMessage.from_dict(response.json())

        return response_200

    if response.status_code == 202:
        response_202 = cast(Any, None)
        return response_202

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
) -> Response[Any | ErrorResponse | JsonRpcMessage]:
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
    body: JsonRpcMessage,
    mcp_session_id: str | Unset = UNSET,
    mcp_protocol_version: str | Unset = UNSET,
) -> Response[Any | ErrorResponse | JsonRpcMessage]:
    """MCP streamable-HTTP endpoint of a tool

     MCP streamable HTTP transport (used when the tool's `mcpConfig.sessionAffinity` is
    `MCP_STREAMABLE`).
    The body is one JSON-RPC 2.0 message. Clients send `Accept: application/json, text/event-stream`; a
    request is answered either with one JSON-RPC message (`application/json`) or with an SSE stream of
    JSON-RPC messages (`event: message`), and notifications/responses with 202 and no body. The server
    assigns a session in the `Mcp-Session-Id` response header on `initialize`; clients echo it on later
    requests. Signed with `agentrun4` including `content-type`.

    Args:
        tool_name (str):
        mcp_session_id (str | Unset):
        mcp_protocol_version (str | Unset):
        body (JsonRpcMessage): One JSON-RPC 2.0 message (MCP request, notification, response or
            error). Free-form; the listed members are the standard ones.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorResponse | JsonRpcMessage]
    """

    kwargs = _get_kwargs(
        tool_name=tool_name,
        body=body,
        mcp_session_id=mcp_session_id,
        mcp_protocol_version=mcp_protocol_version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    tool_name: str,
    *,
    client: AuthenticatedClient | Client,
    body: JsonRpcMessage,
    mcp_session_id: str | Unset = UNSET,
    mcp_protocol_version: str | Unset = UNSET,
) -> Any | ErrorResponse | JsonRpcMessage | None:
    """MCP streamable-HTTP endpoint of a tool

     MCP streamable HTTP transport (used when the tool's `mcpConfig.sessionAffinity` is
    `MCP_STREAMABLE`).
    The body is one JSON-RPC 2.0 message. Clients send `Accept: application/json, text/event-stream`; a
    request is answered either with one JSON-RPC message (`application/json`) or with an SSE stream of
    JSON-RPC messages (`event: message`), and notifications/responses with 202 and no body. The server
    assigns a session in the `Mcp-Session-Id` response header on `initialize`; clients echo it on later
    requests. Signed with `agentrun4` including `content-type`.

    Args:
        tool_name (str):
        mcp_session_id (str | Unset):
        mcp_protocol_version (str | Unset):
        body (JsonRpcMessage): One JSON-RPC 2.0 message (MCP request, notification, response or
            error). Free-form; the listed members are the standard ones.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorResponse | JsonRpcMessage
    """

    return sync_detailed(
        tool_name=tool_name,
        client=client,
        body=body,
        mcp_session_id=mcp_session_id,
        mcp_protocol_version=mcp_protocol_version,
    ).parsed


async def asyncio_detailed(
    tool_name: str,
    *,
    client: AuthenticatedClient | Client,
    body: JsonRpcMessage,
    mcp_session_id: str | Unset = UNSET,
    mcp_protocol_version: str | Unset = UNSET,
) -> Response[Any | ErrorResponse | JsonRpcMessage]:
    """MCP streamable-HTTP endpoint of a tool

     MCP streamable HTTP transport (used when the tool's `mcpConfig.sessionAffinity` is
    `MCP_STREAMABLE`).
    The body is one JSON-RPC 2.0 message. Clients send `Accept: application/json, text/event-stream`; a
    request is answered either with one JSON-RPC message (`application/json`) or with an SSE stream of
    JSON-RPC messages (`event: message`), and notifications/responses with 202 and no body. The server
    assigns a session in the `Mcp-Session-Id` response header on `initialize`; clients echo it on later
    requests. Signed with `agentrun4` including `content-type`.

    Args:
        tool_name (str):
        mcp_session_id (str | Unset):
        mcp_protocol_version (str | Unset):
        body (JsonRpcMessage): One JSON-RPC 2.0 message (MCP request, notification, response or
            error). Free-form; the listed members are the standard ones.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorResponse | JsonRpcMessage]
    """

    kwargs = _get_kwargs(
        tool_name=tool_name,
        body=body,
        mcp_session_id=mcp_session_id,
        mcp_protocol_version=mcp_protocol_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    tool_name: str,
    *,
    client: AuthenticatedClient | Client,
    body: JsonRpcMessage,
    mcp_session_id: str | Unset = UNSET,
    mcp_protocol_version: str | Unset = UNSET,
) -> Any | ErrorResponse | JsonRpcMessage | None:
    """MCP streamable-HTTP endpoint of a tool

     MCP streamable HTTP transport (used when the tool's `mcpConfig.sessionAffinity` is
    `MCP_STREAMABLE`).
    The body is one JSON-RPC 2.0 message. Clients send `Accept: application/json, text/event-stream`; a
    request is answered either with one JSON-RPC message (`application/json`) or with an SSE stream of
    JSON-RPC messages (`event: message`), and notifications/responses with 202 and no body. The server
    assigns a session in the `Mcp-Session-Id` response header on `initialize`; clients echo it on later
    requests. Signed with `agentrun4` including `content-type`.

    Args:
        tool_name (str):
        mcp_session_id (str | Unset):
        mcp_protocol_version (str | Unset):
        body (JsonRpcMessage): One JSON-RPC 2.0 message (MCP request, notification, response or
            error). Free-form; the listed members are the standard ones.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorResponse | JsonRpcMessage
    """

    return (
        await asyncio_detailed(
            tool_name=tool_name,
            client=client,
            body=body,
            mcp_session_id=mcp_session_id,
            mcp_protocol_version=mcp_protocol_version,
        )
    ).parsed
