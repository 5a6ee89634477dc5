"""Reading answers: the JSON body, the `data` of AgentRun's `{code, requestId, data}` envelope, the request id."""

from __future__ import annotations

from typing import Any

import httpx

from agentrun import errors

_REQUEST_ID_HEADERS = ("x-acs-request-id", "x-agentrun-request-id", "x-request-id", "x-fc-request-id")


def request_id_of(response: httpx.Response, body: Any = None) -> str | None:
    """The id the server gave this answer: from the body when it names one, else from the usual headers."""
    if isinstance(body, dict):
        for key in ("requestId", "RequestId", "request_id"):
            if isinstance(body.get(key), str):
                return str(body[key])
    for name in _REQUEST_ID_HEADERS:
        if name in response.headers:
            return response.headers[name]
    return None


def json_of(response: httpx.Response) -> Any:
    """The parsed JSON body, or APIResponseError saying what arrived instead."""
    try:
        return response.json()
    except ValueError:
        raise errors.APIResponseError(
            f"expected JSON from {response.request.method} {response.request.url.path}, got "
            f"{response.headers.get('content-type', 'no content type')}: {response.text[:200]!r}",
            status_code=response.status_code,
            body=response.text,
            request_id=request_id_of(response),
            response=response,
        ) from None


def unexpected_answer(response: httpx.Response, body: Any, expected: str) -> errors.APIResponseError:
    """The error of a JSON answer that is not the `expected` shape, quoting what came."""
    return errors.APIResponseError(
        f"expected {expected} from {response.request.url.path}, got {type(body).__name__}: {str(body)[:200]}",
        status_code=response.status_code,
        body=body,
        request_id=request_id_of(response),
        response=response,
    )


def envelope_data(response: httpx.Response) -> Any:
    """`data` of an AgentRun `{code, requestId, data}` envelope. A body whose code is not SUCCESS is an error even
    with HTTP 200, as the service defines it."""
    body = json_of(response)
    if not isinstance(body, dict):
        raise unexpected_answer(response, body, "a JSON object")
    code = body.get("code")
    if code is not None and code != "SUCCESS":
        raise errors.APIResponseError(
            f"{response.request.url.path} answered code {code!r}: {body.get('message', '')}",
            status_code=response.status_code,
            body=body,
            request_id=request_id_of(response, body),
            response=response,
        )
    return body.get("data")
