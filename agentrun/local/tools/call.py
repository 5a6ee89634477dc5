"""One call of an OpenAPI tool's function: the arguments checked against its input schema, the HTTP request built
(path, query and header parameters, JSON body), the credential injected, the request sent through the model
gateway's shared upstream client (no cookie jar, no caller headers), and the answer read within a limit with every
secret scrubbed out. Whatever goes wrong upstream is a ToolError carrying the upstream's status."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import httpx
import jsonschema

from agentrun.local.models.sse import scrub
from agentrun.local.models.targets import safe_url
from agentrun.local.tools.errors import bad_arguments, upstream
from agentrun.local.tools.functions import Function
from agentrun.local.tools.inject import Injection

MAX_ANSWER = 16 * 1024 * 1024
_MESSAGE_LIMIT = 300


@dataclass(frozen=True)
class Result:
    status: int
    content_type: str
    body: Any  # the JSON value, or the text

    def wire(self) -> dict[str, Any]:
        return {"status": self.status, "contentType": self.content_type, "body": self.body}


def check_arguments(function: Function, arguments: dict[str, Any]) -> None:
    """400 naming the argument and what is wrong with it."""
    error = jsonschema.exceptions.best_match(function.validator.iter_errors(arguments))
    if error is not None:
        where = "".join(f"[{p!r}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
        raise bad_arguments(
            f"arguments{where} of {function.name}: {error.message} (its input schema is in GET .../functions)"
        )
    if function.body != "flat":
        known = set(function.input_schema["properties"])
        unknown = sorted(set(arguments) - known)
        if unknown:
            raise bad_arguments(f"{function.name} takes no argument {', '.join(unknown)} (it takes {sorted(known)})")


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, separators=(",", ":"))
    return str(value)


def build(function: Function, base_url: str, arguments: dict[str, Any], inject: Injection) -> dict[str, Any]:
    """The keyword arguments of `httpx.AsyncClient.build_request` for this call."""
    path = function.path
    query: list[tuple[str, str]] = []
    headers = dict(function.fixed_headers)
    used = set()
    for param in function.params:
        if param.name not in arguments:
            continue
        used.add(param.name)
        value = arguments[param.name]
        if param.location == "path":
            path = path.replace("{" + param.name + "}", quote(_text(value), safe=""))
        elif param.location == "query":
            values = value if isinstance(value, list) else [value]
            query += [(param.name, _text(v)) for v in values]
        else:
            headers[param.name] = _text(value)
    query += list(inject.query.items())
    for name in list(headers):
        if name.lower() in {k.lower() for k in inject.headers}:
            del headers[name]  # the credential's header wins over an argument of the same name
    headers.update(inject.headers)
    request: dict[str, Any] = {
        "method": function.method,
        "url": base_url.rstrip("/") + path,
        "params": query,
        "headers": {"accept": "application/json, */*;q=0.5", "accept-encoding": "identity", **headers},
    }
    if function.body == "flat":
        body = {k: v for k, v in arguments.items() if k not in used}
        if body or function.body_required:
            request["json"] = body
    elif function.body == "body" and "body" in arguments:
        request["json"] = arguments["body"]
    return request


def _short(data: bytes) -> str:
    text = data[:_MESSAGE_LIMIT].decode("utf-8", "replace").strip()
    return text + ("..." if len(data) > _MESSAGE_LIMIT else "")


async def _read(response: httpx.Response, label: str) -> bytes:
    body = bytearray()
    async for chunk in response.aiter_raw():
        body += chunk
        if len(body) > MAX_ANSWER:
            raise upstream(
                "ERR_TOOL_UPSTREAM_TOO_LARGE",
                f"{label} answered more than {MAX_ANSWER // (1024 * 1024)} MiB",
                upstream_status=response.status_code,
            )
    return bytes(body)


async def send(
    http: httpx.AsyncClient, function: Function, request: dict[str, Any], *, timeout: float, secrets: tuple[str, ...]
) -> Result:
    label = f"the upstream of {function.name} ({function.method} {safe_url(request['url'])})"
    try:
        built = http.build_request(**request, timeout=httpx.Timeout(timeout))
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
        raise upstream("ERR_TOOL_UPSTREAM_UNREACHABLE", f"{label}: the URL is not usable ({exc})") from None
    try:
        response = await http.send(built, stream=True)
        try:
            data = scrub(await _read(response, label), secrets)
        finally:
            await response.aclose()
    except httpx.TimeoutException:
        raise upstream(
            "ERR_TOOL_UPSTREAM_TIMEOUT", f"{label} did not answer within {timeout:g} s", timed_out=True
        ) from None
    except httpx.HTTPError as exc:
        reason = scrub(str(exc).encode(), secrets).decode() or "connection failed"
        raise upstream("ERR_TOOL_UPSTREAM_UNREACHABLE", f"{label}: {type(exc).__name__}: {reason}") from None
    status = response.status_code
    content_type = response.headers.get("content-type", "")
    if status >= 400:
        said = _short(data)
        raise upstream(
            "ERR_TOOL_UPSTREAM_ERROR",
            f"{label} answered HTTP {status}" + (f": {said}" if said else ""),
            upstream_status=status,
        )
    media = content_type.split(";")[0].strip().lower()
    if media == "application/json" or media.endswith("+json"):
        try:
            return Result(status, content_type, json.loads(data) if data.strip() else None)
        except ValueError:
            raise upstream(
                "ERR_TOOL_UPSTREAM_MALFORMED",
                f"{label} answered HTTP {status} with {content_type} that is not JSON: {_short(data)}",
                upstream_status=status,
            ) from None
    return Result(status, content_type, data.decode("utf-8", "replace"))
