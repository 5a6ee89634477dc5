"""Mapping HTTP error answers to typed exceptions (`status_error`, `errors.status_error_class`) and reading the
AgentRun success envelope (`envelope_data`). Wire facts: openapi/control.yaml and openapi/data.yaml."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from agentrun import errors
from agentrun._core.http import envelope_data, status_error

REQUEST = httpx.Request("GET", "http://127.0.0.1:9/2025-09-10/templates/t1")


def answer(
    code: int,
    body: Any = None,
    *,
    text: str | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    if text is not None:
        return httpx.Response(code, text=text, headers=headers, request=REQUEST)
    return httpx.Response(code, json=body, headers=headers, request=REQUEST)


def agentrun_error(code: str | None, message: str, request_id: str | None = "rid-body") -> dict[str, Any]:
    body: dict[str, Any] = {"message": message}
    if code is not None:
        body["code"] = code
    if request_id is not None:
        body["requestId"] = request_id
    return body


# -- by status --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (400, errors.BadRequestError),
        (401, errors.AuthenticationError),
        (403, errors.PermissionDeniedError),
        (404, errors.NotFoundError),
        (409, errors.ConflictError),
        (422, errors.UnprocessableEntityError),
        (429, errors.RateLimitError),
        (500, errors.InternalServerError),
        (502, errors.InternalServerError),
        (503, errors.ServiceUnavailableError),
        (418, errors.APIStatusError),
    ],
)
def test_status_picks_the_exception_class(status: int, expected: type[errors.APIStatusError]) -> None:
    exc = status_error(answer(status, agentrun_error("ERR_X", "something went wrong")))
    assert type(exc) is expected
    assert exc.status_code == status
    assert exc.message == "something went wrong"
    assert exc.code == "ERR_X"


def test_service_unavailable_is_an_internal_server_error() -> None:
    assert issubclass(errors.ServiceUnavailableError, errors.InternalServerError)


# -- by message phrase ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "message", ["Resource Credential(missing) does not exist.", "credential missing not found", "gone"]
)
def test_404_is_not_found_whatever_the_message(message: str) -> None:
    assert type(status_error(answer(404, agentrun_error(None, message)))) is errors.NotFoundError


def test_does_not_exist_on_400_is_not_found() -> None:
    exc = status_error(answer(400, agentrun_error("ERR_BAD_REQUEST", "template t1 does not exist")))
    assert type(exc) is errors.NotFoundError
    assert exc.status_code == 400


def test_does_not_exist_on_500_stays_a_server_error() -> None:
    exc = status_error(answer(500, agentrun_error(None, "upstream does not exist")))
    assert type(exc) is errors.InternalServerError


@pytest.mark.parametrize("status", [400, 409, 500])
def test_already_exists_on_400_409_500_is_already_exists(status: int) -> None:
    exc = status_error(answer(status, agentrun_error(None, "credential dup already exists")))
    assert type(exc) is errors.AlreadyExistsError
    assert isinstance(exc, errors.ConflictError)
    assert exc.status_code == status


def test_already_exists_phrase_is_case_insensitive() -> None:
    assert type(status_error(answer(409, {"message": "Proxy ALREADY EXISTS"}))) is errors.AlreadyExistsError


def test_already_exists_on_other_statuses_is_not_special() -> None:
    assert type(status_error(answer(422, {"message": "x already exists"}))) is errors.UnprocessableEntityError


# -- by AgentRun code -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("ERR_NOT_FOUND", errors.NotFoundError),
        ("ERR_CONFLICT", errors.ConflictError),
        ("ERR_ALREADY_EXISTS", errors.AlreadyExistsError),
        ("ERR_BAD_REQUEST", errors.BadRequestError),
        ("ERR_VALIDATION_FAILED", errors.BadRequestError),
        ("ERR_FORBIDDEN", errors.PermissionDeniedError),
        ("ERR_UNAUTHORIZED", errors.AuthenticationError),
        ("ERR_THROTTLED", errors.RateLimitError),
    ],
)
def test_agentrun_code_refines_a_4xx(code: str, expected: type[errors.APIStatusError]) -> None:
    exc = status_error(answer(400, agentrun_error(code, "refused")))
    assert type(exc) is expected
    assert exc.code == code


def test_agentrun_code_does_not_turn_a_5xx_into_a_client_error() -> None:
    exc = status_error(answer(500, agentrun_error("ERR_NOT_FOUND", "boom")))
    assert type(exc) is errors.InternalServerError
    assert exc.code == "ERR_NOT_FOUND"


def test_unknown_code_falls_back_to_status() -> None:
    assert type(status_error(answer(403, agentrun_error("ERR_NEW_THING", "no")))) is errors.PermissionDeniedError


def test_pop_style_capitalised_keys_are_read() -> None:
    exc = status_error(answer(404, {"Code": "EntityNotExist", "Message": "no such thing", "RequestId": "RID-POP"}))
    assert type(exc) is errors.NotFoundError
    assert (exc.code, exc.message, exc.request_id) == ("EntityNotExist", "no such thing", "RID-POP")


def test_numeric_code_is_kept_as_text() -> None:
    assert status_error(answer(400, {"code": 40001, "message": "bad"})).code == "40001"


@pytest.mark.parametrize(
    ("status", "expected"),
    [(404, errors.NotFoundError), (409, errors.AlreadyExistsError), (500, errors.InternalServerError)],
)
def test_status_error_class_directly(status: int, expected: type[errors.APIStatusError]) -> None:
    message = {404: "x not found", 409: "x already exists", 500: "oops"}[status]
    assert errors.status_error_class(status, None, message) is expected


# -- OpenAI-style bodies ----------------------------------------------------------------------------------------------


def test_openai_style_error_body_gives_message_and_code() -> None:
    body = {"error": {"message": "The model `gpt-x` does not exist", "type": "invalid_request_error", "code": "m404"}}
    exc = status_error(answer(404, body))
    assert type(exc) is errors.NotFoundError
    assert exc.message == "The model `gpt-x` does not exist"
    assert exc.code == "m404"
    assert exc.body == body


def test_openai_style_rate_limit_error() -> None:
    body = {"error": {"message": "Rate limit reached", "type": "requests", "code": "rate_limit_exceeded"}}
    exc = status_error(answer(429, body, headers={"retry-after": "7"}))
    assert type(exc) is errors.RateLimitError
    assert exc.code == "rate_limit_exceeded"
    assert exc.retry_after == 7.0


def test_openai_style_error_with_null_code() -> None:
    exc = status_error(answer(400, {"error": {"message": "bad input", "type": "invalid_request_error", "code": None}}))
    assert type(exc) is errors.BadRequestError
    assert exc.code is None
    assert exc.message == "bad input"


# -- non-JSON and empty bodies ----------------------------------------------------------------------------------------


def test_html_502_keeps_status_and_text() -> None:
    html = "<html><head><title>502 Bad Gateway</title></head><body>Bad Gateway</body></html>"
    exc = status_error(answer(502, text=html, headers={"content-type": "text/html"}))
    assert type(exc) is errors.InternalServerError
    assert exc.status_code == 502
    assert "Bad Gateway" in exc.message
    assert exc.body == html
    assert exc.code is None


def test_long_text_body_is_truncated_in_the_message() -> None:
    exc = status_error(answer(500, text="x" * 5000))
    assert exc.message == "x" * 500
    assert len(exc.body) == 5000


def test_empty_body_uses_the_reason_phrase() -> None:
    exc = status_error(answer(503, text=""))
    assert type(exc) is errors.ServiceUnavailableError
    assert exc.message == "Service Unavailable"


def test_rate_limit_error_without_retry_after_header() -> None:
    exc = status_error(answer(429, {"message": "slow down"}))
    assert isinstance(exc, errors.RateLimitError)
    assert exc.retry_after is None


@pytest.mark.parametrize("header", ["x-acs-retry-after", "Retry-After"])
def test_rate_limit_error_reads_retry_after(header: str) -> None:
    exc = status_error(answer(429, {"message": "slow down"}, headers={header: "3"}))
    assert isinstance(exc, errors.RateLimitError)
    assert exc.retry_after == 3.0


# -- request ids ------------------------------------------------------------------------------------------------------


def test_request_id_from_body() -> None:
    assert status_error(answer(400, agentrun_error("E", "m", "rid-from-body"))).request_id == "rid-from-body"


@pytest.mark.parametrize("header", ["x-acs-request-id", "x-request-id", "x-agentrun-request-id", "x-fc-request-id"])
def test_request_id_from_headers_when_body_has_none(header: str) -> None:
    exc = status_error(answer(500, agentrun_error("E", "m", None), headers={header: "rid-hdr"}))
    assert exc.request_id == "rid-hdr"


def test_request_id_from_header_for_non_json_body() -> None:
    exc = status_error(answer(502, text="Bad Gateway", headers={"x-acs-request-id": "rid-gw"}))
    assert exc.request_id == "rid-gw"


def test_body_request_id_wins_over_header() -> None:
    exc = status_error(answer(404, agentrun_error("E", "m", "rid-body"), headers={"x-acs-request-id": "rid-hdr"}))
    assert exc.request_id == "rid-body"


def test_no_request_id_at_all() -> None:
    exc = status_error(answer(400, agentrun_error("E", "m", None)))
    assert exc.request_id is None
    assert "request id" not in str(exc)


# -- the text ---------------------------------------------------------------------------------------------------------


def test_str_has_status_code_message_request_id_and_hint() -> None:
    exc = status_error(answer(404, agentrun_error("ERR_NOT_FOUND", "credential c1 not found", "RID-42")))
    text = str(exc)
    assert "404" in text
    assert "ERR_NOT_FOUND" in text
    assert "credential c1 not found" in text
    assert "RID-42" in text
    assert errors.NotFoundError.hint in text
    assert text == (f"HTTP 404 ERR_NOT_FOUND: credential c1 not found (request id RID-42). {errors.NotFoundError.hint}")


@pytest.mark.parametrize(
    "cls",
    [
        errors.BadRequestError,
        errors.AuthenticationError,
        errors.PermissionDeniedError,
        errors.NotFoundError,
        errors.ConflictError,
        errors.AlreadyExistsError,
        errors.UnprocessableEntityError,
        errors.RateLimitError,
        errors.InternalServerError,
        errors.ServiceUnavailableError,
    ],
)
def test_every_status_error_class_has_a_hint(cls: type[errors.APIStatusError]) -> None:
    assert cls.hint
    assert cls.hint in str(cls("m", status_code=400))


def test_every_error_is_an_agentrun_error() -> None:
    exc = status_error(answer(500, {"message": "x"}))
    assert isinstance(exc, errors.APIStatusError)
    assert isinstance(exc, errors.APIError)
    assert isinstance(exc, errors.AgentRunError)


# -- envelope_data ----------------------------------------------------------------------------------------------------


def test_envelope_data_returns_data() -> None:
    body = {"code": "SUCCESS", "requestId": "r1", "data": {"templateName": "t1", "status": "READY"}}
    assert envelope_data(answer(200, body)) == {"templateName": "t1", "status": "READY"}


def test_envelope_without_code_still_returns_data() -> None:
    assert envelope_data(answer(200, {"data": [1, 2]})) == [1, 2]


def test_envelope_with_non_success_code_on_200_raises_response_error() -> None:
    body = {"code": "ERR_INTERNAL_SERVER_ERROR", "message": "sandbox failed", "requestId": "rid-200", "data": None}
    with pytest.raises(errors.APIResponseError) as caught:
        envelope_data(answer(200, body))
    exc = caught.value
    assert exc.status_code == 200
    assert exc.request_id == "rid-200"
    assert exc.body == body
    assert "ERR_INTERNAL_SERVER_ERROR" in str(exc)
    assert "sandbox failed" in str(exc)


def test_envelope_non_json_200_raises_response_error_naming_the_content_type() -> None:
    response = answer(200, text="<html>login page</html>", headers={"content-type": "text/html; charset=utf-8"})
    with pytest.raises(errors.APIResponseError) as caught:
        envelope_data(response)
    assert "text/html" in str(caught.value)
    assert "login page" in str(caught.value)
    assert caught.value.status_code == 200


def test_envelope_empty_200_body_raises_response_error() -> None:
    with pytest.raises(errors.APIResponseError):
        envelope_data(answer(200, text=""))


def test_envelope_that_is_not_an_object_raises_response_error() -> None:
    with pytest.raises(errors.APIResponseError) as caught:
        envelope_data(answer(200, [1, 2, 3]))
    assert "list" in str(caught.value)
