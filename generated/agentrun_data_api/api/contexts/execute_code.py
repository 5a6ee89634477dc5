import secrets  # noqa: F401  (random multipart boundary per request)
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.execute_code_input import ExecuteCodeInput
from ...models.execution_result import ExecutionResult
from ...types import Response


def _get_kwargs(
    sandbox_id: str,
    *,
    body: ExecuteCodeInput,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/sandboxes/{sandbox_id}/contexts/execute".format(
            sandbox_id=quote(str(sandbox_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | ExecutionResult | None:
    if response.status_code == 200:
        response_200 = ExecutionResult.from_dict(response.json())

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
) -> Response[ErrorResponse | ExecutionResult]:
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
    body: ExecuteCodeInput,
) -> Response[ErrorResponse | ExecutionResult]:
    """Execute code

     Runs `code` in the context given by `contextId` (in the body, not the path), or statelessly when
    `contextId` is omitted. The server applies `timeout` (seconds, 30 when omitted).

    **JSON (default, the cloud today):** one synchronous `ExecutionResult`. It carries both the
    `results[]`
    array (items typed `stdout`/`stderr`/`result`/`error`/`endOfExecution`) and the top-level `stdout`,
    `stderr`, `exitCode` and `contextId`, which together satisfy both known consumers.

    **Limits (AgentRun Local):** the JSON answer holds at most 8 MiB of stdout and stderr and 16 MiB of
    results and errors. What does not fit is written whole under
    `/home/user/.agentrun/output/<execution>/`
    in the sandbox, and the answer says where in a line starting `[AgentRun Local:` (at the end of a cut
    stream's text, or as the `text/plain` of a result left out, or the `value` of an error left out). A
    single result holds at most 3 MiB (see `MimeBundle`); an error's `value` and `traceback` are cut in
    the
    middle past 64 Ki and 512 Ki characters, with such a line saying how much.

    **Streaming (extension):** when the request has `Accept: text/event-stream`, a server that supports
    it
    answers `Content-Type: text/event-stream` with `ExecutionEvent`s: `stdout`/`stderr`/`result`/`error`
    as they happen, then exactly one `end` event, after which the stream closes. A server without the
    extension ignores `Accept` and answers JSON; clients must check the response `Content-Type` and fall
    back to the JSON result. Servers answer JSON for `Accept: */*` or `application/json`.

    Args:
        sandbox_id (str):
        body (ExecuteCodeInput): Body of `ExecuteCode`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ExecutionResult]
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
    body: ExecuteCodeInput,
) -> ErrorResponse | ExecutionResult | None:
    """Execute code

     Runs `code` in the context given by `contextId` (in the body, not the path), or statelessly when
    `contextId` is omitted. The server applies `timeout` (seconds, 30 when omitted).

    **JSON (default, the cloud today):** one synchronous `ExecutionResult`. It carries both the
    `results[]`
    array (items typed `stdout`/`stderr`/`result`/`error`/`endOfExecution`) and the top-level `stdout`,
    `stderr`, `exitCode` and `contextId`, which together satisfy both known consumers.

    **Limits (AgentRun Local):** the JSON answer holds at most 8 MiB of stdout and stderr and 16 MiB of
    results and errors. What does not fit is written whole under
    `/home/user/.agentrun/output/<execution>/`
    in the sandbox, and the answer says where in a line starting `[AgentRun Local:` (at the end of a cut
    stream's text, or as the `text/plain` of a result left out, or the `value` of an error left out). A
    single result holds at most 3 MiB (see `MimeBundle`); an error's `value` and `traceback` are cut in
    the
    middle past 64 Ki and 512 Ki characters, with such a line saying how much.

    **Streaming (extension):** when the request has `Accept: text/event-stream`, a server that supports
    it
    answers `Content-Type: text/event-stream` with `ExecutionEvent`s: `stdout`/`stderr`/`result`/`error`
    as they happen, then exactly one `end` event, after which the stream closes. A server without the
    extension ignores `Accept` and answers JSON; clients must check the response `Content-Type` and fall
    back to the JSON result. Servers answer JSON for `Accept: */*` or `application/json`.

    Args:
        sandbox_id (str):
        body (ExecuteCodeInput): Body of `ExecuteCode`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ExecutionResult
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
    body: ExecuteCodeInput,
) -> Response[ErrorResponse | ExecutionResult]:
    """Execute code

     Runs `code` in the context given by `contextId` (in the body, not the path), or statelessly when
    `contextId` is omitted. The server applies `timeout` (seconds, 30 when omitted).

    **JSON (default, the cloud today):** one synchronous `ExecutionResult`. It carries both the
    `results[]`
    array (items typed `stdout`/`stderr`/`result`/`error`/`endOfExecution`) and the top-level `stdout`,
    `stderr`, `exitCode` and `contextId`, which together satisfy both known consumers.

    **Limits (AgentRun Local):** the JSON answer holds at most 8 MiB of stdout and stderr and 16 MiB of
    results and errors. What does not fit is written whole under
    `/home/user/.agentrun/output/<execution>/`
    in the sandbox, and the answer says where in a line starting `[AgentRun Local:` (at the end of a cut
    stream's text, or as the `text/plain` of a result left out, or the `value` of an error left out). A
    single result holds at most 3 MiB (see `MimeBundle`); an error's `value` and `traceback` are cut in
    the
    middle past 64 Ki and 512 Ki characters, with such a line saying how much.

    **Streaming (extension):** when the request has `Accept: text/event-stream`, a server that supports
    it
    answers `Content-Type: text/event-stream` with `ExecutionEvent`s: `stdout`/`stderr`/`result`/`error`
    as they happen, then exactly one `end` event, after which the stream closes. A server without the
    extension ignores `Accept` and answers JSON; clients must check the response `Content-Type` and fall
    back to the JSON result. Servers answer JSON for `Accept: */*` or `application/json`.

    Args:
        sandbox_id (str):
        body (ExecuteCodeInput): Body of `ExecuteCode`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ExecutionResult]
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
    body: ExecuteCodeInput,
) -> ErrorResponse | ExecutionResult | None:
    """Execute code

     Runs `code` in the context given by `contextId` (in the body, not the path), or statelessly when
    `contextId` is omitted. The server applies `timeout` (seconds, 30 when omitted).

    **JSON (default, the cloud today):** one synchronous `ExecutionResult`. It carries both the
    `results[]`
    array (items typed `stdout`/`stderr`/`result`/`error`/`endOfExecution`) and the top-level `stdout`,
    `stderr`, `exitCode` and `contextId`, which together satisfy both known consumers.

    **Limits (AgentRun Local):** the JSON answer holds at most 8 MiB of stdout and stderr and 16 MiB of
    results and errors. What does not fit is written whole under
    `/home/user/.agentrun/output/<execution>/`
    in the sandbox, and the answer says where in a line starting `[AgentRun Local:` (at the end of a cut
    stream's text, or as the `text/plain` of a result left out, or the `value` of an error left out). A
    single result holds at most 3 MiB (see `MimeBundle`); an error's `value` and `traceback` are cut in
    the
    middle past 64 Ki and 512 Ki characters, with such a line saying how much.

    **Streaming (extension):** when the request has `Accept: text/event-stream`, a server that supports
    it
    answers `Content-Type: text/event-stream` with `ExecutionEvent`s: `stdout`/`stderr`/`result`/`error`
    as they happen, then exactly one `end` event, after which the stream closes. A server without the
    extension ignores `Accept` and answers JSON; clients must check the response `Content-Type` and fall
    back to the JSON result. Servers answer JSON for `Accept: */*` or `application/json`.

    Args:
        sandbox_id (str):
        body (ExecuteCodeInput): Body of `ExecuteCode`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ExecutionResult
    """

    return (
        await asyncio_detailed(
            sandbox_id=sandbox_id,
            client=client,
            body=body,
        )
    ).parsed
