import secrets  # noqa: F401  (random multipart boundary per request)
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.file_operation_result import FileOperationResult
from ...models.write_file_input import WriteFileInput
from ...types import Response


def _get_kwargs(
    sandbox_id: str,
    *,
    body: WriteFileInput,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/sandboxes/{sandbox_id}/files".format(
            sandbox_id=quote(str(sandbox_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | FileOperationResult | None:
    if response.status_code == 200:
        response_200 = FileOperationResult.from_dict(response.json())

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

    if response.status_code == 507:
        response_507 = ErrorResponse.from_dict(response.json())

        return response_507

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | FileOperationResult]:
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
    body: WriteFileInput,
) -> Response[ErrorResponse | FileOperationResult]:
    """Write a file

     Creates or replaces the file (atomically in AgentRun Local: readers never see part of it). A symlink
    in `path` is followed only while it stays under `/home/user`. AgentRun Local refuses bodies over 64
    MiB and content larger than the template's disk size (413); upload large files with `UploadFile`.

    Args:
        sandbox_id (str):
        body (WriteFileInput): Body of `WriteFile`. Defaults when omitted: `mode` `644`,
            `encoding` `utf-8`, `createDir` true (the official SDK always sends all five fields).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | FileOperationResult]
    """

    kwargs = _get_kwargs(
        sandbox_id=sandbox_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    sandbox_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: WriteFileInput,
) -> ErrorResponse | FileOperationResult | None:
    """Write a file

     Creates or replaces the file (atomically in AgentRun Local: readers never see part of it). A symlink
    in `path` is followed only while it stays under `/home/user`. AgentRun Local refuses bodies over 64
    MiB and content larger than the template's disk size (413); upload large files with `UploadFile`.

    Args:
        sandbox_id (str):
        body (WriteFileInput): Body of `WriteFile`. Defaults when omitted: `mode` `644`,
            `encoding` `utf-8`, `createDir` true (the official SDK always sends all five fields).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | FileOperationResult
    """

    return sync_detailed(
        sandbox_id=sandbox_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    sandbox_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: WriteFileInput,
) -> Response[ErrorResponse | FileOperationResult]:
    """Write a file

     Creates or replaces the file (atomically in AgentRun Local: readers never see part of it). A symlink
    in `path` is followed only while it stays under `/home/user`. AgentRun Local refuses bodies over 64
    MiB and content larger than the template's disk size (413); upload large files with `UploadFile`.

    Args:
        sandbox_id (str):
        body (WriteFileInput): Body of `WriteFile`. Defaults when omitted: `mode` `644`,
            `encoding` `utf-8`, `createDir` true (the official SDK always sends all five fields).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | FileOperationResult]
    """

    kwargs = _get_kwargs(
        sandbox_id=sandbox_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    sandbox_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: WriteFileInput,
) -> ErrorResponse | FileOperationResult | None:
    """Write a file

     Creates or replaces the file (atomically in AgentRun Local: readers never see part of it). A symlink
    in `path` is followed only while it stays under `/home/user`. AgentRun Local refuses bodies over 64
    MiB and content larger than the template's disk size (413); upload large files with `UploadFile`.

    Args:
        sandbox_id (str):
        body (WriteFileInput): Body of `WriteFile`. Defaults when omitted: `mode` `644`,
            `encoding` `utf-8`, `createDir` true (the official SDK always sends all five fields).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | FileOperationResult
    """

    return (
        await asyncio_detailed(
            sandbox_id=sandbox_id,
            client=client,
            body=body,
        )
    ).parsed
