import secrets  # noqa: F401  (random multipart boundary per request)
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.command_result import CommandResult
from ...models.error_response import ErrorResponse
from ...models.run_command_input import RunCommandInput
from ...types import Response


def _get_kwargs(
    sandbox_id: str,
    *,
    body: RunCommandInput,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/sandboxes/{sandbox_id}/processes/cmd".format(
            sandbox_id=quote(str(sandbox_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CommandResult | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = CommandResult.from_dict(response.json())

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

    if response.status_code == 503:
        response_503 = ErrorResponse.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CommandResult | ErrorResponse]:
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
    body: RunCommandInput,
) -> Response[CommandResult | ErrorResponse]:
    """Run a shell command

     Runs `command` through a shell in `cwd` and waits for it (at most `timeout` seconds, 30 when
    omitted).

    **JSON (default, the cloud today):** `CommandResult` with the output both at the top level
    (`exitCode`, `stdout`, `stderr`) and nested in `result`, plus `status` (`completed` on normal exit,
    `timeout` when the timeout killed the command's process group; `exitCode` is then `null`).

    **Output encoding (AgentRun Local):** output is decoded as UTF-8; bytes that are not valid UTF-8
    appear as
    `\\xNN` escapes in the text and, exactly, base64-encoded in `stdoutBase64` / `stderrBase64` (JSON)
    or in
    the event's `base64` (stream). A JSON answer keeps the last 16 MiB of each stream: a stream cut that
    way
    starts with the line `[agentrun: N earlier bytes of this stream were dropped]` and has
    `stdoutDropped` /
    `stderrDropped`. Streams have no cap. A client that disconnects before the end kills the command's
    process group.

    **Streaming (extension):** when the request has `Accept: text/event-stream`, a server that supports
    it
    answers `text/event-stream` with `ProcessEvent`s: `stdout`/`stderr` chunks as produced, then exactly
    one
    `exit` event, after which the stream closes. Servers without the extension answer JSON; clients
    check
    the response `Content-Type` and fall back.

    Args:
        sandbox_id (str):
        body (RunCommandInput): Body of `RunCommand`. The official SDK always sends `cwd` and
            `timeout` (30).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CommandResult | ErrorResponse]
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
    body: RunCommandInput,
) -> CommandResult | ErrorResponse | None:
    """Run a shell command

     Runs `command` through a shell in `cwd` and waits for it (at most `timeout` seconds, 30 when
    omitted).

    **JSON (default, the cloud today):** `CommandResult` with the output both at the top level
    (`exitCode`, `stdout`, `stderr`) and nested in `result`, plus `status` (`completed` on normal exit,
    `timeout` when the timeout killed the command's process group; `exitCode` is then `null`).

    **Output encoding (AgentRun Local):** output is decoded as UTF-8; bytes that are not valid UTF-8
    appear as
    `\\xNN` escapes in the text and, exactly, base64-encoded in `stdoutBase64` / `stderrBase64` (JSON)
    or in
    the event's `base64` (stream). A JSON answer keeps the last 16 MiB of each stream: a stream cut that
    way
    starts with the line `[agentrun: N earlier bytes of this stream were dropped]` and has
    `stdoutDropped` /
    `stderrDropped`. Streams have no cap. A client that disconnects before the end kills the command's
    process group.

    **Streaming (extension):** when the request has `Accept: text/event-stream`, a server that supports
    it
    answers `text/event-stream` with `ProcessEvent`s: `stdout`/`stderr` chunks as produced, then exactly
    one
    `exit` event, after which the stream closes. Servers without the extension answer JSON; clients
    check
    the response `Content-Type` and fall back.

    Args:
        sandbox_id (str):
        body (RunCommandInput): Body of `RunCommand`. The official SDK always sends `cwd` and
            `timeout` (30).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CommandResult | ErrorResponse
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
    body: RunCommandInput,
) -> Response[CommandResult | ErrorResponse]:
    """Run a shell command

     Runs `command` through a shell in `cwd` and waits for it (at most `timeout` seconds, 30 when
    omitted).

    **JSON (default, the cloud today):** `CommandResult` with the output both at the top level
    (`exitCode`, `stdout`, `stderr`) and nested in `result`, plus `status` (`completed` on normal exit,
    `timeout` when the timeout killed the command's process group; `exitCode` is then `null`).

    **Output encoding (AgentRun Local):** output is decoded as UTF-8; bytes that are not valid UTF-8
    appear as
    `\\xNN` escapes in the text and, exactly, base64-encoded in `stdoutBase64` / `stderrBase64` (JSON)
    or in
    the event's `base64` (stream). A JSON answer keeps the last 16 MiB of each stream: a stream cut that
    way
    starts with the line `[agentrun: N earlier bytes of this stream were dropped]` and has
    `stdoutDropped` /
    `stderrDropped`. Streams have no cap. A client that disconnects before the end kills the command's
    process group.

    **Streaming (extension):** when the request has `Accept: text/event-stream`, a server that supports
    it
    answers `text/event-stream` with `ProcessEvent`s: `stdout`/`stderr` chunks as produced, then exactly
    one
    `exit` event, after which the stream closes. Servers without the extension answer JSON; clients
    check
    the response `Content-Type` and fall back.

    Args:
        sandbox_id (str):
        body (RunCommandInput): Body of `RunCommand`. The official SDK always sends `cwd` and
            `timeout` (30).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CommandResult | ErrorResponse]
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
    body: RunCommandInput,
) -> CommandResult | ErrorResponse | None:
    """Run a shell command

     Runs `command` through a shell in `cwd` and waits for it (at most `timeout` seconds, 30 when
    omitted).

    **JSON (default, the cloud today):** `CommandResult` with the output both at the top level
    (`exitCode`, `stdout`, `stderr`) and nested in `result`, plus `status` (`completed` on normal exit,
    `timeout` when the timeout killed the command's process group; `exitCode` is then `null`).

    **Output encoding (AgentRun Local):** output is decoded as UTF-8; bytes that are not valid UTF-8
    appear as
    `\\xNN` escapes in the text and, exactly, base64-encoded in `stdoutBase64` / `stderrBase64` (JSON)
    or in
    the event's `base64` (stream). A JSON answer keeps the last 16 MiB of each stream: a stream cut that
    way
    starts with the line `[agentrun: N earlier bytes of this stream were dropped]` and has
    `stdoutDropped` /
    `stderrDropped`. Streams have no cap. A client that disconnects before the end kills the command's
    process group.

    **Streaming (extension):** when the request has `Accept: text/event-stream`, a server that supports
    it
    answers `text/event-stream` with `ProcessEvent`s: `stdout`/`stderr` chunks as produced, then exactly
    one
    `exit` event, after which the stream closes. Servers without the extension answer JSON; clients
    check
    the response `Content-Type` and fall back.

    Args:
        sandbox_id (str):
        body (RunCommandInput): Body of `RunCommand`. The official SDK always sends `cwd` and
            `timeout` (30).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CommandResult | ErrorResponse
    """

    return (
        await asyncio_detailed(
            sandbox_id=sandbox_id,
            client=client,
            body=body,
        )
    ).parsed
