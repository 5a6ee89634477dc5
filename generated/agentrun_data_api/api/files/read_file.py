import secrets  # noqa: F401  (random multipart boundary per request)
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.file_content import FileContent
from ...models.read_file_encoding import ReadFileEncoding
from ...types import UNSET, Response, Unset


def _get_kwargs(
    sandbox_id: str,
    *,
    path: str,
    encoding: ReadFileEncoding | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["path"] = path

    json_encoding: str | Unset = UNSET
    if not isinstance(encoding, Unset):
        json_encoding = encoding.value

    params["encoding"] = json_encoding

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/sandboxes/{sandbox_id}/files".format(
            sandbox_id=quote(str(sandbox_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | FileContent | None:
    if response.status_code == 200:
        response_200 = FileContent.from_dict(response.json())

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

    if response.status_code == 422:
        response_422 = ErrorResponse.from_dict(response.json())

        return response_422

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
) -> Response[ErrorResponse | FileContent]:
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
    path: str,
    encoding: ReadFileEncoding | Unset = UNSET,
) -> Response[ErrorResponse | FileContent]:
    """Read a file

     Returns the file content as JSON. Consumers read `content` (falling back to the whole body). Text
    files come back with `encoding` `utf-8`; a server may return binary content base64-encoded with
    `encoding` `base64`. AgentRun Local never alters bytes: a file that is not UTF-8 text, read as text,
    is refused with 422 `ERR_NOT_TEXT` (read it with `encoding=base64`, or use `DownloadFile`), and
    files over 16 MiB are refused with 413 `ERR_FILE_TOO_LARGE` (use `DownloadFile`, which streams).

    Args:
        sandbox_id (str):
        path (str):
        encoding (ReadFileEncoding | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | FileContent]
    """

    kwargs = _get_kwargs(
        sandbox_id=sandbox_id,
        path=path,
        encoding=encoding,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    sandbox_id: str,
    *,
    client: AuthenticatedClient | Client,
    path: str,
    encoding: ReadFileEncoding | Unset = UNSET,
) -> ErrorResponse | FileContent | None:
    """Read a file

     Returns the file content as JSON. Consumers read `content` (falling back to the whole body). Text
    files come back with `encoding` `utf-8`; a server may return binary content base64-encoded with
    `encoding` `base64`. AgentRun Local never alters bytes: a file that is not UTF-8 text, read as text,
    is refused with 422 `ERR_NOT_TEXT` (read it with `encoding=base64`, or use `DownloadFile`), and
    files over 16 MiB are refused with 413 `ERR_FILE_TOO_LARGE` (use `DownloadFile`, which streams).

    Args:
        sandbox_id (str):
        path (str):
        encoding (ReadFileEncoding | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | FileContent
    """

    return sync_detailed(
        sandbox_id=sandbox_id,
        client=client,
        path=path,
        encoding=encoding,
    ).parsed


async def asyncio_detailed(
    sandbox_id: str,
    *,
    client: AuthenticatedClient | Client,
    path: str,
    encoding: ReadFileEncoding | Unset = UNSET,
) -> Response[ErrorResponse | FileContent]:
    """Read a file

     Returns the file content as JSON. Consumers read `content` (falling back to the whole body). Text
    files come back with `encoding` `utf-8`; a server may return binary content base64-encoded with
    `encoding` `base64`. AgentRun Local never alters bytes: a file that is not UTF-8 text, read as text,
    is refused with 422 `ERR_NOT_TEXT` (read it with `encoding=base64`, or use `DownloadFile`), and
    files over 16 MiB are refused with 413 `ERR_FILE_TOO_LARGE` (use `DownloadFile`, which streams).

    Args:
        sandbox_id (str):
        path (str):
        encoding (ReadFileEncoding | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | FileContent]
    """

    kwargs = _get_kwargs(
        sandbox_id=sandbox_id,
        path=path,
        encoding=encoding,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    sandbox_id: str,
    *,
    client: AuthenticatedClient | Client,
    path: str,
    encoding: ReadFileEncoding | Unset = UNSET,
) -> ErrorResponse | FileContent | None:
    """Read a file

     Returns the file content as JSON. Consumers read `content` (falling back to the whole body). Text
    files come back with `encoding` `utf-8`; a server may return binary content base64-encoded with
    `encoding` `base64`. AgentRun Local never alters bytes: a file that is not UTF-8 text, read as text,
    is refused with 422 `ERR_NOT_TEXT` (read it with `encoding=base64`, or use `DownloadFile`), and
    files over 16 MiB are refused with 413 `ERR_FILE_TOO_LARGE` (use `DownloadFile`, which streams).

    Args:
        sandbox_id (str):
        path (str):
        encoding (ReadFileEncoding | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | FileContent
    """

    return (
        await asyncio_detailed(
            sandbox_id=sandbox_id,
            client=client,
            path=path,
            encoding=encoding,
        )
    ).parsed
