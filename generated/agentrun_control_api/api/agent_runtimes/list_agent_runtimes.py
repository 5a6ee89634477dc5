import secrets  # noqa: F401  (random multipart boundary per request)
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.list_agent_runtimes_result import ListAgentRuntimesResult
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    agent_runtime_name: str | Unset = UNSET,
    discovery_resource_group_id: str | Unset = UNSET,
    page_number: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    resource_group_id: str | Unset = UNSET,
    search_mode: str | Unset = UNSET,
    status: str | Unset = UNSET,
    system_tags: str | Unset = UNSET,
    workspace_id: str | Unset = UNSET,
    workspace_ids: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["agentRuntimeName"] = agent_runtime_name

    params["discoveryResourceGroupId"] = discovery_resource_group_id

    params["pageNumber"] = page_number

    params["pageSize"] = page_size

    params["resourceGroupId"] = resource_group_id

    params["searchMode"] = search_mode

    params["status"] = status

    params["systemTags"] = system_tags

    params["workspaceId"] = workspace_id

    params["workspaceIds"] = workspace_ids

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/2025-09-10/agents/runtimes",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | ListAgentRuntimesResult | None:
    if response.status_code == 200:
        response_200 = ListAgentRuntimesResult.from_dict(response.json())

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
) -> Response[ErrorResponse | ListAgentRuntimesResult]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    agent_runtime_name: str | Unset = UNSET,
    discovery_resource_group_id: str | Unset = UNSET,
    page_number: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    resource_group_id: str | Unset = UNSET,
    search_mode: str | Unset = UNSET,
    status: str | Unset = UNSET,
    system_tags: str | Unset = UNSET,
    workspace_id: str | Unset = UNSET,
    workspace_ids: str | Unset = UNSET,
) -> Response[ErrorResponse | ListAgentRuntimesResult]:
    """List agent runtimes

     Lists agent runtimes, paged by pageNumber/pageSize.

    Args:
        agent_runtime_name (str | Unset):
        discovery_resource_group_id (str | Unset):
        page_number (int | Unset):
        page_size (int | Unset):
        resource_group_id (str | Unset):
        search_mode (str | Unset):
        status (str | Unset):
        system_tags (str | Unset):
        workspace_id (str | Unset):
        workspace_ids (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ListAgentRuntimesResult]
    """

    kwargs = _get_kwargs(
        agent_runtime_name=agent_runtime_name,
        discovery_resource_group_id=discovery_resource_group_id,
        page_number=page_number,
        page_size=page_size,
        resource_group_id=resource_group_id,
        search_mode=search_mode,
        status=status,
        system_tags=system_tags,
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
    agent_runtime_name: str | Unset = UNSET,
    discovery_resource_group_id: str | Unset = UNSET,
    page_number: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    resource_group_id: str | Unset = UNSET,
    search_mode: str | Unset = UNSET,
    status: str | Unset = UNSET,
    system_tags: str | Unset = UNSET,
    workspace_id: str | Unset = UNSET,
    workspace_ids: str | Unset = UNSET,
) -> ErrorResponse | ListAgentRuntimesResult | None:
    """List agent runtimes

     Lists agent runtimes, paged by pageNumber/pageSize.

    Args:
        agent_runtime_name (str | Unset):
        discovery_resource_group_id (str | Unset):
        page_number (int | Unset):
        page_size (int | Unset):
        resource_group_id (str | Unset):
        search_mode (str | Unset):
        status (str | Unset):
        system_tags (str | Unset):
        workspace_id (str | Unset):
        workspace_ids (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ListAgentRuntimesResult
    """

    return sync_detailed(
        client=client,
        agent_runtime_name=agent_runtime_name,
        discovery_resource_group_id=discovery_resource_group_id,
        page_number=page_number,
        page_size=page_size,
        resource_group_id=resource_group_id,
        search_mode=search_mode,
        status=status,
        system_tags=system_tags,
        workspace_id=workspace_id,
        workspace_ids=workspace_ids,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    agent_runtime_name: str | Unset = UNSET,
    discovery_resource_group_id: str | Unset = UNSET,
    page_number: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    resource_group_id: str | Unset = UNSET,
    search_mode: str | Unset = UNSET,
    status: str | Unset = UNSET,
    system_tags: str | Unset = UNSET,
    workspace_id: str | Unset = UNSET,
    workspace_ids: str | Unset = UNSET,
) -> Response[ErrorResponse | ListAgentRuntimesResult]:
    """List agent runtimes

     Lists agent runtimes, paged by pageNumber/pageSize.

    Args:
        agent_runtime_name (str | Unset):
        discovery_resource_group_id (str | Unset):
        page_number (int | Unset):
        page_size (int | Unset):
        resource_group_id (str | Unset):
        search_mode (str | Unset):
        status (str | Unset):
        system_tags (str | Unset):
        workspace_id (str | Unset):
        workspace_ids (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ListAgentRuntimesResult]
    """

    kwargs = _get_kwargs(
        agent_runtime_name=agent_runtime_name,
        discovery_resource_group_id=discovery_resource_group_id,
        page_number=page_number,
        page_size=page_size,
        resource_group_id=resource_group_id,
        search_mode=search_mode,
        status=status,
        system_tags=system_tags,
        workspace_id=workspace_id,
        workspace_ids=workspace_ids,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    agent_runtime_name: str | Unset = UNSET,
    discovery_resource_group_id: str | Unset = UNSET,
    page_number: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    resource_group_id: str | Unset = UNSET,
    search_mode: str | Unset = UNSET,
    status: str | Unset = UNSET,
    system_tags: str | Unset = UNSET,
    workspace_id: str | Unset = UNSET,
    workspace_ids: str | Unset = UNSET,
) -> ErrorResponse | ListAgentRuntimesResult | None:
    """List agent runtimes

     Lists agent runtimes, paged by pageNumber/pageSize.

    Args:
        agent_runtime_name (str | Unset):
        discovery_resource_group_id (str | Unset):
        page_number (int | Unset):
        page_size (int | Unset):
        resource_group_id (str | Unset):
        search_mode (str | Unset):
        status (str | Unset):
        system_tags (str | Unset):
        workspace_id (str | Unset):
        workspace_ids (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ListAgentRuntimesResult
    """

    return (
        await asyncio_detailed(
            client=client,
            agent_runtime_name=agent_runtime_name,
            discovery_resource_group_id=discovery_resource_group_id,
            page_number=page_number,
            page_size=page_size,
            resource_group_id=resource_group_id,
            search_mode=search_mode,
            status=status,
            system_tags=system_tags,
            workspace_id=workspace_id,
            workspace_ids=workspace_ids,
        )
    ).parsed
