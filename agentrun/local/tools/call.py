"""One call of an OpenAPI tool's function: the arguments checked against its input schema, the HTTP request built
(path, query and header parameters, JSON body), the credential injected, the request sent through the model
gateway's shared aiohttp session (no cookie jar, no caller headers, the environment's proxies; aiohttp costs about a
third of the CPU per call that httpx's async client did: bench/tools.py), and the answer read within a limit with
every secret scrubbed out. Whatever goes wrong upstream is a ToolError carrying the upstream's status."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import aiohttp
import httpx
import jsonschema
from yarl import URL

from agentrun.local.models.sse import scrub
from agentrun.local.models.targets import safe_url
from agentrun.local.models.upstream import UpstreamClient, encode_body
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
    """This call's request: method, url (the base URL and the path), params (the query), headers and, when it has a
    body, json."""
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


async def _read(response: aiohttp.ClientResponse, label: str) -> bytes:
    body = bytearray()
    async for chunk in response.content.iter_any():
        body += chunk
        if len(body) > MAX_ANSWER:
            raise upstream(
                "ERR_TOOL_UPSTREAM_TOO_LARGE",
                f"{label} answered more than {MAX_ANSWER // (1024 * 1024)} MiB",
                upstream_status=response.status,
            )
    return bytes(body)


def _url(request: dict[str, Any]) -> URL:
    """The URL as httpx builds it (the query parameters merged into the base URL's, encoded as httpx encodes them),
    handed to aiohttp as it is."""
    return URL(str(httpx.URL(request["url"]).copy_merge_params(request["params"])), encoded=True)


async def send(
    upstreams: UpstreamClient,
    base_url: str,
    function: Function,
    request: dict[str, Any],
    *,
    timeout: float,
    secrets: tuple[str, ...],
) -> Result:
    label = f"the upstream of {function.name} ({function.method} {safe_url(request['url'])})"
    try:
        url = _url(request)
    except (httpx.InvalidURL, ValueError) as exc:
        raise upstream("ERR_TOOL_UPSTREAM_UNREACHABLE", f"{label}: the URL is not usable ({exc})") from None
    headers = request["headers"]
    data = None
    if "json" in request:
        headers = {**headers, "content-type": "application/json"}
        data = encode_body(request["json"])
    try:
        async with upstreams.session.request(
            request["method"],
            url,
            headers=headers,
            data=data,
            proxy=upstreams.proxy_for(base_url),
            timeout=upstreams.timeout(timeout),
            allow_redirects=False,
        ) as response:
            data = scrub(await _read(response, label), secrets)
            status = response.status
            content_type = response.headers.get("content-type", "")
    except (aiohttp.InvalidURL, aiohttp.NonHttpUrlClientError) as exc:  # no host, or a scheme not http(s)
        raise upstream("ERR_TOOL_UPSTREAM_UNREACHABLE", f"{label}: the URL is not usable ({exc})") from None
    except TimeoutError:
        raise upstream(
            "ERR_TOOL_UPSTREAM_TIMEOUT", f"{label} did not answer within {timeout:g} s", timed_out=True
        ) from None
    except (aiohttp.ClientError, ValueError) as exc:  # ValueError: a header value it refuses to send
        reason = scrub(str(exc).encode(), secrets).decode() or "connection failed"
        raise upstream("ERR_TOOL_UPSTREAM_UNREACHABLE", f"{label}: {type(exc).__name__}: {reason}") from None
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
