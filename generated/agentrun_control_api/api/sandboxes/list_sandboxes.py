import secrets  # noqa: F401  (random multipart boundary per request)
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.list_sandboxes_result import ListSandboxesResult
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    max_results: int | Unset = UNSET,
    next_token: str | Unset = UNSET,
    sandbox_id: str | Unset = UNSET,
    status: str | Unset = UNSET,
    template_name: str | Unset = UNSET,
    template_type: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["maxResults"] = max_results

    params["nextToken"] = next_token

    params["sandboxId"] = sandbox_id

    params["status"] = status

    params["templateName"] = template_name

    params["templateType"] = template_type

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/2025-09-10/sandboxes",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | ListSandboxesResult | None:
    if response.status_code == 200:
        response_200 = ListSandboxesResult.from_dict(response.json())

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
) -> Response[ErrorResponse | ListSandboxesResult]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    max_results: int | Unset = UNSET,
    next_token: str | Unset = UNSET,
    sandbox_id: str | Unset = UNSET,
    status: str | Unset = UNSET,
    template_name: str | Unset = UNSET,
    template_type: str | Unset = UNSET,
) -> Response[ErrorResponse | ListSandboxesResult]:
    """List sandboxes

     Token-paged list. A non-empty nextToken in the answer means more data.

    Args:
        max_results (int | Unset):
        next_token (str | Unset):
        sandbox_id (str | Unset):
        status (str | Unset):
        template_name (str | Unset):
        template_type (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ListSandboxesResult]
    """

    kwargs = _get_kwargs(
        max_results=max_results,
        next_token=next_token,
        sandbox_id=sandbox_id,
        status=status,
        template_name=template_name,
        template_type=template_type,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    max_results: int | Unset = UNSET,
    next_token: str | Unset = UNSET,
    sandbox_id: str | Unset = UNSET,
    status: str | Unset = UNSET,
    template_name: str | Unset = UNSET,
    template_type: str | Unset = UNSET,
) -> ErrorResponse | ListSandboxesResult | None:
    """List sandboxes

     Token-paged list. A non-empty nextToken in the answer means more data.

    Args:
        max_results (int | Unset):
        next_token (str | Unset):
        sandbox_id (str | Unset):
        status (str | Unset):
        template_name (str | Unset):
        template_type (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ListSandboxesResult
    """

    return sync_detailed(
        client=client,
        max_results=max_results,
        next_token=next_token,
        sandbox_id=sandbox_id,
        status=status,
        template_name=template_name,
        template_type=template_type,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    max_results: int | Unset = UNSET,
    next_token: str | Unset = UNSET,
    sandbox_id: str | Unset = UNSET,
    status: str | Unset = UNSET,
    template_name: str | Unset = UNSET,
    template_type: str | Unset = UNSET,
) -> Response[ErrorResponse | ListSandboxesResult]:
    """List sandboxes

     Token-paged list. A non-empty nextToken in the answer means more data.

    Args:
        max_results (int | Unset):
        next_token (str | Unset):
        sandbox_id (str | Unset):
        status (str | Unset):
        template_name (str | Unset):
        template_type (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ListSandboxesResult]
    """

    kwargs = _get_kwargs(
        max_results=max_results,
        next_token=next_token,
        sandbox_id=sandbox_id,
        status=status,
        template_name=template_name,
        template_type=template_type,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    max_results: int | Unset = UNSET,
    next_token: str | Unset = UNSET,
    sandbox_id: str | Unset = UNSET,
    status: str | Unset = UNSET,
    template_name: str | Unset = UNSET,
    template_type: str | Unset = UNSET,
) -> ErrorResponse | ListSandboxesResult | None:
    """List sandboxes

     Token-paged list. A non-empty nextToken in the answer means more data.

    Args:
        max_results (int | Unset):
        next_token (str | Unset):
        sandbox_id (str | Unset):
        status (str | Unset):
        template_name (str | Unset):
        template_type (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ListSandboxesResult
    """

    return (
        await asyncio_detailed(
            client=client,
            max_results=max_results,
            next_token=next_token,
            sandbox_id=sandbox_id,
            status=status,
            template_name=template_name,
            template_type=template_type,
        )
    ).parsed
