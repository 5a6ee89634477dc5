import secrets  # noqa: F401  (random multipart boundary per request)
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.stream_process_output_response_200 import StreamProcessOutputResponse200
from ...types import Response


def _get_kwargs(
    sandbox_id: str,
    pid: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/sandboxes/{sandbox_id}/processes/{pid}/output".format(
            sandbox_id=quote(str(sandbox_id), safe=""),
            pid=quote(str(pid), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | StreamProcessOutputResponse200 | None:
    if response.status_code == 200:
        response_200 = StreamProcessOutputResponse200.from_dict(response.text)

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
) -> Response[ErrorResponse | StreamProcessOutputResponse200]:
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
) -> Response[ErrorResponse | StreamProcessOutputResponse200]:
    """Stream a background process's output (extension)

     `text/event-stream` of `ProcessEvent`s: the output buffered so far is replayed from the start (after
    an event with `dropped` if the buffer no longer holds the oldest output), then new `stdout`/`stderr`
    chunks follow as produced, and the stream ends with one `exit` event when the process exits
    (immediately if it already has). Any number of readers; a reader that disconnects leaves the process
    running.

    Args:
        sandbox_id (str):
        pid (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | StreamProcessOutputResponse200]
    """

    kwargs = _get_kwargs(
        sandbox_id=sandbox_id,
        pid=pid,
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
) -> ErrorResponse | StreamProcessOutputResponse200 | None:
    """Stream a background process's output (extension)

     `text/event-stream` of `ProcessEvent`s: the output buffered so far is replayed from the start (after
    an event with `dropped` if the buffer no longer holds the oldest output), then new `stdout`/`stderr`
    chunks follow as produced, and the stream ends with one `exit` event when the process exits
    (immediately if it already has). Any number of readers; a reader that disconnects leaves the process
    running.

    Args:
        sandbox_id (str):
        pid (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | StreamProcessOutputResponse200
    """

    return sync_detailed(
        sandbox_id=sandbox_id,
        pid=pid,
        client=client,
    ).parsed


async def asyncio_detailed(
    sandbox_id: str,
    pid: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorResponse | StreamProcessOutputResponse200]:
    """Stream a background process's output (extension)

     `text/event-stream` of `ProcessEvent`s: the output buffered so far is replayed from the start (after
    an event with `dropped` if the buffer no longer holds the oldest output), then new `stdout`/`stderr`
    chunks follow as produced, and the stream ends with one `exit` event when the process exits
    (immediately if it already has). Any number of readers; a reader that disconnects leaves the process
    running.

    Args:
        sandbox_id (str):
        pid (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | StreamProcessOutputResponse200]
    """

    kwargs = _get_kwargs(
        sandbox_id=sandbox_id,
        pid=pid,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    sandbox_id: str,
    pid: int,
    *,
    client: AuthenticatedClient | Client,
) -> ErrorResponse | StreamProcessOutputResponse200 | None:
    """Stream a background process's output (extension)

     `text/event-stream` of `ProcessEvent`s: the output buffered so far is replayed from the start (after
    an event with `dropped` if the buffer no longer holds the oldest output), then new `stdout`/`stderr`
    chunks follow as produced, and the stream ends with one `exit` event when the process exits
    (immediately if it already has). Any number of readers; a reader that disconnects leaves the process
    running.

    Args:
        sandbox_id (str):
        pid (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | StreamProcessOutputResponse200
    """

    return (
        await asyncio_detailed(
            sandbox_id=sandbox_id,
            pid=pid,
            client=client,
        )
    ).parsed
