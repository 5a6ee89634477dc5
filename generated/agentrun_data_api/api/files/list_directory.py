import secrets  # noqa: F401  (random multipart boundary per request)
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.file_entry import FileEntry
from ...models.file_listing import FileListing
from ...types import UNSET, Response, Unset


def _get_kwargs(
    sandbox_id: str,
    *,
    path: str | Unset = UNSET,
    depth: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["path"] = path

    params["depth"] = depth

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/sandboxes/{sandbox_id}/filesystem".format(
            sandbox_id=quote(str(sandbox_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | FileListing | list[FileEntry] | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> FileListing | list[FileEntry]:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_200_type_0 = FileListing.from_dict(data)

                return response_200_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, list):
                raise TypeError()
            response_200_type_1 = []
            _response_200_type_1 = data
            for response_200_type_1_item_data in _response_200_type_1:
                response_200_type_1_item = FileEntry.from_dict(response_200_type_1_item_data)

                response_200_type_1.append(response_200_type_1_item)

            return response_200_type_1

        response_200 = _parse_response_200(response.json())

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
) -> Response[ErrorResponse | FileListing | list[FileEntry]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    sandbox_id: str,
    *,
    client: AuthenticatedClient | Client,
    path: str | Unset = UNSET,
    depth: int | Unset = UNSET,
) -> Response[ErrorResponse | FileListing | list[FileEntry]]:
    """List a directory

     Lists `path` (the working directory when omitted) down to `depth` levels (1 when omitted: direct
    children only). Deeper entries are returned flat, each with its full `path`; symlinks are listed,
    not descended into. The cloud's shape is loosely specified: it may be an object with `entries`
    (`FileListing`, what AgentRun Local returns) or a bare array of entries; both are accepted. AgentRun
    Local accepts `depth` up to 16 and refuses listings of more than 20000 entries (413).

    Args:
        sandbox_id (str):
        path (str | Unset):
        depth (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | FileListing | list[FileEntry]]
    """

    kwargs = _get_kwargs(
        sandbox_id=sandbox_id,
        path=path,
        depth=depth,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    sandbox_id: str,
    *,
    client: AuthenticatedClient | Client,
    path: str | Unset = UNSET,
    depth: int | Unset = UNSET,
) -> ErrorResponse | FileListing | list[FileEntry] | None:
    """List a directory

     Lists `path` (the working directory when omitted) down to `depth` levels (1 when omitted: direct
    children only). Deeper entries are returned flat, each with its full `path`; symlinks are listed,
    not descended into. The cloud's shape is loosely specified: it may be an object with `entries`
    (`FileListing`, what AgentRun Local returns) or a bare array of entries; both are accepted. AgentRun
    Local accepts `depth` up to 16 and refuses listings of more than 20000 entries (413).

    Args:
        sandbox_id (str):
        path (str | Unset):
        depth (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | FileListing | list[FileEntry]
    """

    return sync_detailed(
        sandbox_id=sandbox_id,
        client=client,
        path=path,
        depth=depth,
    ).parsed


async def asyncio_detailed(
    sandbox_id: str,
    *,
    client: AuthenticatedClient | Client,
    path: str | Unset = UNSET,
    depth: int | Unset = UNSET,
) -> Response[ErrorResponse | FileListing | list[FileEntry]]:
    """List a directory

     Lists `path` (the working directory when omitted) down to `depth` levels (1 when omitted: direct
    children only). Deeper entries are returned flat, each with its full `path`; symlinks are listed,
    not descended into. The cloud's shape is loosely specified: it may be an object with `entries`
    (`FileListing`, what AgentRun Local returns) or a bare array of entries; both are accepted. AgentRun
    Local accepts `depth` up to 16 and refuses listings of more than 20000 entries (413).

    Args:
        sandbox_id (str):
        path (str | Unset):
        depth (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | FileListing | list[FileEntry]]
    """

    kwargs = _get_kwargs(
        sandbox_id=sandbox_id,
        path=path,
        depth=depth,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    sandbox_id: str,
    *,
    client: AuthenticatedClient | Client,
    path: str | Unset = UNSET,
    depth: int | Unset = UNSET,
) -> ErrorResponse | FileListing | list[FileEntry] | None:
    """List a directory

     Lists `path` (the working directory when omitted) down to `depth` levels (1 when omitted: direct
    children only). Deeper entries are returned flat, each with its full `path`; symlinks are listed,
    not descended into. The cloud's shape is loosely specified: it may be an object with `entries`
    (`FileListing`, what AgentRun Local returns) or a bare array of entries; both are accepted. AgentRun
    Local accepts `depth` up to 16 and refuses listings of more than 20000 entries (413).

    Args:
        sandbox_id (str):
        path (str | Unset):
        depth (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | FileListing | list[FileEntry]
    """

    return (
        await asyncio_detailed(
            sandbox_id=sandbox_id,
            client=client,
            path=path,
            depth=depth,
        )
    ).parsed
