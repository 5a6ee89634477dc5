import secrets  # noqa: F401  (random multipart boundary per request)
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.agent_runtime_version_result import AgentRuntimeVersionResult
from ...models.error_response import ErrorResponse
from ...models.publish_runtime_version_input import PublishRuntimeVersionInput
from ...types import Response


def _get_kwargs(
    agent_runtime_id: str,
    *,
    body: PublishRuntimeVersionInput,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/2025-09-10/agents/runtimes/{agent_runtime_id}/versions".format(
            agent_runtime_id=quote(str(agent_runtime_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AgentRuntimeVersionResult | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = AgentRuntimeVersionResult.from_dict(response.json())

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
) -> Response[AgentRuntimeVersionResult | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    agent_runtime_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: PublishRuntimeVersionInput,
) -> Response[AgentRuntimeVersionResult | ErrorResponse]:
    """Publish a runtime version

     Publishes the current configuration of the runtime as a new immutable version.

    Args:
        agent_runtime_id (str):
        body (PublishRuntimeVersionInput): Body of PublishRuntimeVersion.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgentRuntimeVersionResult | ErrorResponse]
    """

    kwargs = _get_kwargs(
        agent_runtime_id=agent_runtime_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agent_runtime_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: PublishRuntimeVersionInput,
) -> AgentRuntimeVersionResult | ErrorResponse | None:
    """Publish a runtime version

     Publishes the current configuration of the runtime as a new immutable version.

    Args:
        agent_runtime_id (str):
        body (PublishRuntimeVersionInput): Body of PublishRuntimeVersion.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgentRuntimeVersionResult | ErrorResponse
    """

    return sync_detailed(
        agent_runtime_id=agent_runtime_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    agent_runtime_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: PublishRuntimeVersionInput,
) -> Response[AgentRuntimeVersionResult | ErrorResponse]:
    """Publish a runtime version

     Publishes the current configuration of the runtime as a new immutable version.

    Args:
        agent_runtime_id (str):
        body (PublishRuntimeVersionInput): Body of PublishRuntimeVersion.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgentRuntimeVersionResult | ErrorResponse]
    """

    kwargs = _get_kwargs(
        agent_runtime_id=agent_runtime_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agent_runtime_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: PublishRuntimeVersionInput,
) -> AgentRuntimeVersionResult | ErrorResponse | None:
    """Publish a runtime version

     Publishes the current configuration of the runtime as a new immutable version.

    Args:
        agent_runtime_id (str):
        body (PublishRuntimeVersionInput): Body of PublishRuntimeVersion.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgentRuntimeVersionResult | ErrorResponse
    """

    return (
        await asyncio_detailed(
            agent_runtime_id=agent_runtime_id,
            client=client,
            body=body,
        )
    ).parsed
