import secrets  # noqa: F401  (random multipart boundary per request)
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.operation_result import OperationResult
from ...models.process_stdin_input import ProcessStdinInput
from ...types import Response


def _get_kwargs(
    sandbox_id: str,
    pid: int,
    *,
    body: ProcessStdinInput,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/sandboxes/{sandbox_id}/processes/{pid}/stdin".format(
            sandbox_id=quote(str(sandbox_id), safe=""),
            pid=quote(str(pid), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | OperationResult | None:
    if response.status_code == 200:
        response_200 = OperationResult.from_dict(response.json())

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
) -> Response[ErrorResponse | OperationResult]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    sandbox_id: str,
    pid: int,
    *,
    client: AuthenticatedClient | Client,
    body: ProcessStdinInput,
) -> Response[ErrorResponse | OperationResult]:
    """Write to a background process's stdin (extension)

     Writes `data` (UTF-8 text, or base64 with `encoding: base64`) to the process stdin; with `eof` true,
    stdin is closed afterwards. A process whose stdin is closed, or that has exited, answers 409.

    Args:
        sandbox_id (str):
        pid (int):
        body (ProcessStdinInput): Body of `WriteProcessStdin` (extension).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | OperationResult]
    """

    kwargs = _get_kwargs(
        sandbox_id=sandbox_id,
        pid=pid,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    sandbox_id: str,
    pid: int,
    *,
    client: AuthenticatedClient | Client,
    body: ProcessStdinInput,
) -> ErrorResponse | OperationResult | None:
    """Write to a background process's stdin (extension)

     Writes `data` (UTF-8 text, or base64 with `encoding: base64`) to the process stdin; with `eof` true,
    stdin is closed afterwards. A process whose stdin is closed, or that has exited, answers 409.

    Args:
        sandbox_id (str):
        pid (int):
        body (ProcessStdinInput): Body of `WriteProcessStdin` (extension).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | OperationResult
    """

    return sync_detailed(
        sandbox_id=sandbox_id,
        pid=pid,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    sandbox_id: str,
    pid: int,
    *,
    client: AuthenticatedClient | Client,
    body: ProcessStdinInput,
) -> Response[ErrorResponse | OperationResult]:
    """Write to a background process's stdin (extension)

     Writes `data` (UTF-8 text, or base64 with `encoding: base64`) to the process stdin; with `eof` true,
    stdin is closed afterwards. A process whose stdin is closed, or that has exited, answers 409.

    Args:
        sandbox_id (str):
        pid (int):
        body (ProcessStdinInput): Body of `WriteProcessStdin` (extension).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | OperationResult]
    """

    kwargs = _get_kwargs(
        sandbox_id=sandbox_id,
        pid=pid,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    sandbox_id: str,
    pid: int,
    *,
    client: AuthenticatedClient | Client,
    body: ProcessStdinInput,
) -> ErrorResponse | OperationResult | None:
    """Write to a background process's stdin (extension)

     Writes `data` (UTF-8 text, or base64 with `encoding: base64`) to the process stdin; with `eof` true,
    stdin is closed afterwards. A process whose stdin is closed, or that has exited, answers 409.

    Args:
        sandbox_id (str):
        pid (int):
        body (ProcessStdinInput): Body of `WriteProcessStdin` (extension).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | OperationResult
    """

    return (
        await asyncio_detailed(
            sandbox_id=sandbox_id,
            pid=pid,
            client=client,
            body=body,
        )
    ).parsed
