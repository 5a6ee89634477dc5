import secrets  # noqa: F401  (random multipart boundary per request)
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.file_operation_result import FileOperationResult
from ...models.upload_file_input import UploadFileInput
from ...types import Response


def _get_kwargs(
    sandbox_id: str,
    *,
    body: UploadFileInput,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/sandboxes/{sandbox_id}/filesystem/upload".format(
            sandbox_id=quote(str(sandbox_id), safe=""),
        ),
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = f"multipart/form-data; boundary={secrets.token_hex(16)}"

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
    body: UploadFileInput,
) -> Response[ErrorResponse | FileOperationResult]:
    """Upload a file

     `multipart/form-data` with the text field `path` (target path inside the sandbox) sent **first**,
    then the file field `file` (filename = the local basename, part `Content-Type` guessed from it, any
    type accepted). AgentRun Local also accepts `path` after `file`; a `path` ending in `/` or naming a
    directory puts the file in it under the part's filename; missing directories are created; an
    existing file is replaced once the upload is complete. The body streams to disk; a file larger than
    the template's disk size (`diskSize` MB) is refused with 413.

    Args:
        sandbox_id (str):
        body (UploadFileInput): Multipart body of `UploadFile`; `path` must precede `file`.

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
    body: UploadFileInput,
) -> ErrorResponse | FileOperationResult | None:
    """Upload a file

     `multipart/form-data` with the text field `path` (target path inside the sandbox) sent **first**,
    then the file field `file` (filename = the local basename, part `Content-Type` guessed from it, any
    type accepted). AgentRun Local also accepts `path` after `file`; a `path` ending in `/` or naming a
    directory puts the file in it under the part's filename; missing directories are created; an
    existing file is replaced once the upload is complete. The body streams to disk; a file larger than
    the template's disk size (`diskSize` MB) is refused with 413.

    Args:
        sandbox_id (str):
        body (UploadFileInput): Multipart body of `UploadFile`; `path` must precede `file`.

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
    body: UploadFileInput,
) -> Response[ErrorResponse | FileOperationResult]:
    """Upload a file

     `multipart/form-data` with the text field `path` (target path inside the sandbox) sent **first**,
    then the file field `file` (filename = the local basename, part `Content-Type` guessed from it, any
    type accepted). AgentRun Local also accepts `path` after `file`; a `path` ending in `/` or naming a
    directory puts the file in it under the part's filename; missing directories are created; an
    existing file is replaced once the upload is complete. The body streams to disk; a file larger than
    the template's disk size (`diskSize` MB) is refused with 413.

    Args:
        sandbox_id (str):
        body (UploadFileInput): Multipart body of `UploadFile`; `path` must precede `file`.

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
    body: UploadFileInput,
) -> ErrorResponse | FileOperationResult | None:
    """Upload a file

     `multipart/form-data` with the text field `path` (target path inside the sandbox) sent **first**,
    then the file field `file` (filename = the local basename, part `Content-Type` guessed from it, any
    type accepted). AgentRun Local also accepts `path` after `file`; a `path` ending in `/` or naming a
    directory puts the file in it under the part's filename; missing directories are created; an
    existing file is replaced once the upload is complete. The body streams to disk; a file larger than
    the template's disk size (`diskSize` MB) is refused with 413.

    Args:
        sandbox_id (str):
        body (UploadFileInput): Multipart body of `UploadFile`; `path` must precede `file`.

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
