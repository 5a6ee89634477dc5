import secrets  # noqa: F401  (random multipart boundary per request)
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.chat_completion import ChatCompletion
from ...models.chat_completion_request import ChatCompletionRequest
from ...models.error_response import ErrorResponse
from ...models.open_ai_error_response import OpenAIErrorResponse
from ...types import Response


def _get_kwargs(
    agent_runtime_name: str,
    endpoint_name: str,
    *,
    body: ChatCompletionRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/agent-runtimes/{agent_runtime_name}/endpoints/{endpoint_name}/invocations/openai/v1/chat/completions".format(
            agent_runtime_name=quote(str(agent_runtime_name), safe=""),
            endpoint_name=quote(str(endpoint_name), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ChatCompletion | ErrorResponse | ErrorResponse | OpenAIErrorResponse | None:
    if response.status_code == 200:
        response_200 = ChatCompletion.from_dict(response.json())

        return response_200

    if response.status_code == 400:

        def _parse_response_400(data: object) -> ErrorResponse | OpenAIErrorResponse:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_open_ai_compatible_error_type_0 = OpenAIErrorResponse.from_dict(data)

                return componentsschemas_open_ai_compatible_error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_open_ai_compatible_error_type_1 = ErrorResponse.from_dict(data)

            return componentsschemas_open_ai_compatible_error_type_1

        response_400 = _parse_response_400(response.json())

        return response_400

    if response.status_code == 401:

        def _parse_response_401(data: object) -> ErrorResponse | OpenAIErrorResponse:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_open_ai_compatible_error_type_0 = OpenAIErrorResponse.from_dict(data)

                return componentsschemas_open_ai_compatible_error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_open_ai_compatible_error_type_1 = ErrorResponse.from_dict(data)

            return componentsschemas_open_ai_compatible_error_type_1

        response_401 = _parse_response_401(response.json())

        return response_401

    if response.status_code == 403:

        def _parse_response_403(data: object) -> ErrorResponse | OpenAIErrorResponse:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_open_ai_compatible_error_type_0 = OpenAIErrorResponse.from_dict(data)

                return componentsschemas_open_ai_compatible_error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_open_ai_compatible_error_type_1 = ErrorResponse.from_dict(data)

            return componentsschemas_open_ai_compatible_error_type_1

        response_403 = _parse_response_403(response.json())

        return response_403

    if response.status_code == 404:

        def _parse_response_404(data: object) -> ErrorResponse | OpenAIErrorResponse:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_open_ai_compatible_error_type_0 = OpenAIErrorResponse.from_dict(data)

                return componentsschemas_open_ai_compatible_error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_open_ai_compatible_error_type_1 = ErrorResponse.from_dict(data)

            return componentsschemas_open_ai_compatible_error_type_1

        response_404 = _parse_response_404(response.json())

        return response_404

    if response.status_code == 409:

        def _parse_response_409(data: object) -> ErrorResponse | OpenAIErrorResponse:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_open_ai_compatible_error_type_0 = OpenAIErrorResponse.from_dict(data)

                return componentsschemas_open_ai_compatible_error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_open_ai_compatible_error_type_1 = ErrorResponse.from_dict(data)

            return componentsschemas_open_ai_compatible_error_type_1

        response_409 = _parse_response_409(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = ErrorResponse.from_dict(response.json())

        return response_413

    if response.status_code == 429:

        def _parse_response_429(data: object) -> ErrorResponse | OpenAIErrorResponse:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_open_ai_compatible_error_type_0 = OpenAIErrorResponse.from_dict(data)

                return componentsschemas_open_ai_compatible_error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_open_ai_compatible_error_type_1 = ErrorResponse.from_dict(data)

            return componentsschemas_open_ai_compatible_error_type_1

        response_429 = _parse_response_429(response.json())

        return response_429

    if response.status_code == 500:

        def _parse_response_500(data: object) -> ErrorResponse | OpenAIErrorResponse:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_open_ai_compatible_error_type_0 = OpenAIErrorResponse.from_dict(data)

                return componentsschemas_open_ai_compatible_error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_open_ai_compatible_error_type_1 = ErrorResponse.from_dict(data)

            return componentsschemas_open_ai_compatible_error_type_1

        response_500 = _parse_response_500(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ChatCompletion | ErrorResponse | ErrorResponse | OpenAIErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    agent_runtime_name: str,
    endpoint_name: str,
    *,
    client: AuthenticatedClient,
    body: ChatCompletionRequest,
) -> Response[ChatCompletion | ErrorResponse | ErrorResponse | OpenAIErrorResponse]:
    """Invoke an agent runtime with the OpenAI Chat Completions protocol

     Forwarded to the runtime container's `/openai/v1/chat/completions` (default port 9000). The SDK
    sends
    `{"model": "<agentRuntimeName>", "messages": […], "stream": <bool>}`; runtimes honour only
    `messages` and
    `stream`, echo `model`, and usually omit `usage`. `messages` missing gives 400 with an
    `OpenAIErrorResponse` (`type` `invalid_request_error`); a handler failure gives 500
    (`internal_error`).

    Streaming answers `text/event-stream`: one `data: <ChatCompletionChunk JSON>` per event (all chunks
    share
    one `id`), terminated by the literal `data: [DONE]`. The official client signs once when it is
    built, so
    `x-acs-date` may be stale.

    Args:
        agent_runtime_name (str):
        endpoint_name (str):
        body (ChatCompletionRequest): OpenAI Chat Completions request. Only `messages` is required
            by AgentRun runtimes; model proxies also expect `model`. Unlisted OpenAI parameters are
            passed through as additional properties.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChatCompletion | ErrorResponse | ErrorResponse | OpenAIErrorResponse]
    """

    kwargs = _get_kwargs(
        agent_runtime_name=agent_runtime_name,
        endpoint_name=endpoint_name,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agent_runtime_name: str,
    endpoint_name: str,
    *,
    client: AuthenticatedClient,
    body: ChatCompletionRequest,
) -> ChatCompletion | ErrorResponse | ErrorResponse | OpenAIErrorResponse | None:
    """Invoke an agent runtime with the OpenAI Chat Completions protocol

     Forwarded to the runtime container's `/openai/v1/chat/completions` (default port 9000). The SDK
    sends
    `{"model": "<agentRuntimeName>", "messages": […], "stream": <bool>}`; runtimes honour only
    `messages` and
    `stream`, echo `model`, and usually omit `usage`. `messages` missing gives 400 with an
    `OpenAIErrorResponse` (`type` `invalid_request_error`); a handler failure gives 500
    (`internal_error`).

    Streaming answers `text/event-stream`: one `data: <ChatCompletionChunk JSON>` per event (all chunks
    share
    one `id`), terminated by the literal `data: [DONE]`. The official client signs once when it is
    built, so
    `x-acs-date` may be stale.

    Args:
        agent_runtime_name (str):
        endpoint_name (str):
        body (ChatCompletionRequest): OpenAI Chat Completions request. Only `messages` is required
            by AgentRun runtimes; model proxies also expect `model`. Unlisted OpenAI parameters are
            passed through as additional properties.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChatCompletion | ErrorResponse | ErrorResponse | OpenAIErrorResponse
    """

    return sync_detailed(
        agent_runtime_name=agent_runtime_name,
        endpoint_name=endpoint_name,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    agent_runtime_name: str,
    endpoint_name: str,
    *,
    client: AuthenticatedClient,
    body: ChatCompletionRequest,
) -> Response[ChatCompletion | ErrorResponse | ErrorResponse | OpenAIErrorResponse]:
    """Invoke an agent runtime with the OpenAI Chat Completions protocol

     Forwarded to the runtime container's `/openai/v1/chat/completions` (default port 9000). The SDK
    sends
    `{"model": "<agentRuntimeName>", "messages": […], "stream": <bool>}`; runtimes honour only
    `messages` and
    `stream`, echo `model`, and usually omit `usage`. `messages` missing gives 400 with an
    `OpenAIErrorResponse` (`type` `invalid_request_error`); a handler failure gives 500
    (`internal_error`).

    Streaming answers `text/event-stream`: one `data: <ChatCompletionChunk JSON>` per event (all chunks
    share
    one `id`), terminated by the literal `data: [DONE]`. The official client signs once when it is
    built, so
    `x-acs-date` may be stale.

    Args:
        agent_runtime_name (str):
        endpoint_name (str):
        body (ChatCompletionRequest): OpenAI Chat Completions request. Only `messages` is required
            by AgentRun runtimes; model proxies also expect `model`. Unlisted OpenAI parameters are
            passed through as additional properties.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChatCompletion | ErrorResponse | ErrorResponse | OpenAIErrorResponse]
    """

    kwargs = _get_kwargs(
        agent_runtime_name=agent_runtime_name,
        endpoint_name=endpoint_name,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agent_runtime_name: str,
    endpoint_name: str,
    *,
    client: AuthenticatedClient,
    body: ChatCompletionRequest,
) -> ChatCompletion | ErrorResponse | ErrorResponse | OpenAIErrorResponse | None:
    """Invoke an agent runtime with the OpenAI Chat Completions protocol

     Forwarded to the runtime container's `/openai/v1/chat/completions` (default port 9000). The SDK
    sends
    `{"model": "<agentRuntimeName>", "messages": […], "stream": <bool>}`; runtimes honour only
    `messages` and
    `stream`, echo `model`, and usually omit `usage`. `messages` missing gives 400 with an
    `OpenAIErrorResponse` (`type` `invalid_request_error`); a handler failure gives 500
    (`internal_error`).

    Streaming answers `text/event-stream`: one `data: <ChatCompletionChunk JSON>` per event (all chunks
    share
    one `id`), terminated by the literal `data: [DONE]`. The official client signs once when it is
    built, so
    `x-acs-date` may be stale.

    Args:
        agent_runtime_name (str):
        endpoint_name (str):
        body (ChatCompletionRequest): OpenAI Chat Completions request. Only `messages` is required
            by AgentRun runtimes; model proxies also expect `model`. Unlisted OpenAI parameters are
            passed through as additional properties.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChatCompletion | ErrorResponse | ErrorResponse | OpenAIErrorResponse
    """

    return (
        await asyncio_detailed(
            agent_runtime_name=agent_runtime_name,
            endpoint_name=endpoint_name,
            client=client,
            body=body,
        )
    ).parsed
