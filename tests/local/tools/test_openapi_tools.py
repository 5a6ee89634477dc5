"""OpenAPI (FUNCTIONCALL) tools on a real AgentRun Local, called through `client.tools` against a real upstream
(tool_upstream.py): each operation becomes a function with a JSON-Schema input; the bound credential reaches the
upstream the way its type says and never the caller; upstream faults, bad arguments and a disabled credential are
typed errors, never a 500 of ours."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import anyio
import pytest
from local_helpers import unique
from tool_upstream import ToolUpstream, refused_url

import agentrun
from agentrun import errors
from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer
from agentrun.tool import ToolFunction, ToolResult

SECRET = "s3cr3t-tool-key-0123456789"


def openapi(base_url: str) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "items", "version": "1"},
        "servers": [{"url": "{base}", "variables": {"base": {"default": base_url}}}],
        "paths": {
            "/items/{itemId}": {
                "parameters": [{"name": "itemId", "in": "path", "required": True, "schema": {"type": "string"}}],
                "get": {
                    "operationId": "getItem",
                    "summary": "Get an item",
                    "parameters": [
                        {"name": "q", "in": "query", "schema": {"type": "string"}, "description": "filter"},
                        {"name": "verbose", "in": "query", "schema": {"type": "boolean"}},
                        {"name": "X-Trace", "in": "header", "schema": {"type": "string"}},
                        {"name": "X-Api-Version", "in": "header", "schema": {"const": "2"}},
                    ],
                },
            },
            "/items": {
                "post": {
                    "operationId": "createItem",
                    "description": "Create an item",
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}},
                    },
                }
            },
            "/text": {"get": {"summary": "Plain text"}},
            "/fail": {"get": {"operationId": "fail"}},
            "/malformed": {"get": {"operationId": "malformed"}},
            "/hang": {"get": {"operationId": "hang"}},
        },
        "components": {
            "schemas": {
                "Item": {
                    "type": "object",
                    "required": ["name"],
                    "properties": {"name": {"type": "string"}, "count": {"type": "integer", "minimum": 0}},
                }
            }
        },
    }


@pytest.fixture
async def upstream() -> AsyncIterator[ToolUpstream]:
    async with ToolUpstream() as server:
        yield server


async def _tool(
    client: AsyncAgentRun, base_url: str, *, credential: str | None = None, timeout: int | None = None
) -> str:
    name = unique("tool")
    more: dict[str, Any] = {"timeout": timeout} if timeout else {}
    await client.tools.create(
        name,
        tool_type="FUNCTIONCALL",
        create_method="OPENAPI_IMPORT",
        protocol_spec=openapi(base_url),
        credential_name=credential,
        **more,
    )
    return name


async def _credential(
    client: AsyncAgentRun, auth_type: str = "api_key", public: dict[str, Any] | None = None, secret: str = SECRET
) -> str:
    name = unique("cred")
    await client.credentials.create(
        name, auth_type=auth_type, source_type="external_tool", secret=secret, public_config=public or {}
    )
    return name


async def test_each_operation_is_a_function_with_a_json_schema_input(
    client: AsyncAgentRun, upstream: ToolUpstream
) -> None:
    name = await _tool(client, upstream.url)
    functions = {f.name: f for f in await client.tools.list_functions(name)}
    assert sorted(functions) == ["createItem", "fail", "getItem", "get_text", "hang", "malformed"]
    get_item = functions["getItem"]
    assert isinstance(get_item, ToolFunction) and get_item.tool == name
    assert (get_item.method, get_item.path, get_item.description) == ("GET", "/items/{itemId}", "Get an item")
    assert get_item.input_schema == {
        "type": "object",
        "properties": {
            "itemId": {"type": "string"},
            "q": {"type": "string", "description": "filter"},
            "verbose": {"type": "boolean"},
            "X-Trace": {"type": "string"},
        },  # X-Api-Version is fixed by `const`: sent, not asked for
        "required": ["itemId"],
    }
    create = functions["createItem"]  # the $ref'd body's properties sit at the top level
    assert create.input_schema["properties"] == {
        "name": {"type": "string"},
        "count": {"type": "integer", "minimum": 0},
    }
    assert create.input_schema["required"] == ["name"]
    assert create.to_openai_function() == {
        "type": "function",
        "function": {"name": "createItem", "description": "Create an item", "parameters": create.input_schema},
    }
    assert create.to_anthropic_tool() == {
        "name": "createItem",
        "description": "Create an item",
        "input_schema": create.input_schema,
    }


async def test_a_call_reaches_the_upstream_with_the_credential_and_the_caller_never_sees_it(
    client: AsyncAgentRun, upstream: ToolUpstream
) -> None:
    credential = await _credential(client, public={"headerKey": "X-Items-Key", "prefix": "Key "})
    name = await _tool(client, upstream.url, credential=credential)

    result = await client.tools.call(name, "getItem", {"itemId": "a b/c", "q": "x", "verbose": True, "X-Trace": "t1"})
    assert isinstance(result, ToolResult) and result.status == 200
    seen = upstream.seen[-1]
    assert (seen.method, seen.raw_path, seen.query) == ("GET", "/items/a%20b%2Fc", [("q", "x"), ("verbose", "true")])
    assert seen.headers["x-items-key"] == f"Key {SECRET}"  # injected by the server
    assert seen.headers["x-trace"] == "t1" and seen.headers["x-api-version"] == "2"
    assert not any(h.startswith("agentrun") or h.startswith("x-acs") for h in seen.headers)  # the caller's auth stays
    assert result.body["id"] == "a b/c"
    assert result.body["headers"]["x-items-key"] == "Key ***"  # the leaky upstream's echo, scrubbed
    assert SECRET not in result.text()

    created = await client.tools.call(name, "createItem", {"name": "n", "count": 2})
    assert (created.status, created.body) == (201, {"created": {"name": "n", "count": 2}})
    assert upstream.seen[-1].body == {"name": "n", "count": 2}
    text = await client.tools.call(name, "get_text")
    assert (text.body, text.content_type) == ("plain answer", "text/plain")

    # What went over the wire to the caller: no trace of the secret anywhere.
    raw = await agentrun.with_raw_response(client.tools.call(name, "getItem", {"itemId": "1"}))
    answer = raw.http_response
    assert answer.status_code == 200 and SECRET not in answer.text and SECRET not in str(answer.headers)


@pytest.mark.parametrize(
    ("auth_type", "public", "where"),
    [
        ("api_key", {}, ("header", "x-api-key", SECRET)),
        ("api_key", {"authConfig": {"in": "query", "name": "key"}}, ("query", "key", SECRET)),
        ("api_key", {"authConfig": {"in": "bearer"}}, ("header", "authorization", f"Bearer {SECRET}")),
        (
            "api_key",
            {"headerKey": "Authorization", "prefix": "Bearer "},
            ("header", "authorization", f"Bearer {SECRET}"),
        ),
        (
            "basic",
            {"users": [{"username": "ann", "password": SECRET}]},
            ("header", "authorization", "Basic YW5uOnMzY3IzdC10b29sLWtleS0wMTIzNDU2Nzg5"),
        ),
        ("custom_header", {"authConfig": {"X-Custom": SECRET}}, ("header", "x-custom", SECRET)),
    ],
)
async def test_each_credential_type_is_injected_as_the_cloud_does(
    client: AsyncAgentRun, upstream: ToolUpstream, auth_type: str, public: dict[str, Any], where: tuple[str, str, str]
) -> None:
    credential = await _credential(client, auth_type, public)
    name = await _tool(client, upstream.url, credential=credential)
    result = await client.tools.call(name, "getItem", {"itemId": "1"})
    seen = upstream.seen[-1]
    kind, key, value = where
    assert (dict(seen.query).get(key) if kind == "query" else seen.headers.get(key)) == value
    assert SECRET not in result.text() and value not in result.text()


@pytest.mark.parametrize(
    ("function", "status", "code", "upstream_status"),
    [
        ("fail", 502, "ERR_TOOL_UPSTREAM_ERROR", 500),
        ("malformed", 502, "ERR_TOOL_UPSTREAM_MALFORMED", 200),
        ("hang", 504, "ERR_TOOL_UPSTREAM_TIMEOUT", None),
    ],
)
async def test_upstream_faults_are_typed_errors_with_the_upstream_status(
    client: AsyncAgentRun, upstream: ToolUpstream, function: str, status: int, code: str, upstream_status: int | None
) -> None:
    credential = await _credential(client)
    name = await _tool(client, upstream.url, credential=credential)
    started = anyio.current_time()
    with pytest.raises(errors.ToolUpstreamError) as caught:
        await client.tools.call(name, function, timeout=0.5)
    error = caught.value
    assert (error.status_code, error.code, error.upstream_status) == (status, code, upstream_status)
    assert function in error.message and SECRET not in error.message and SECRET not in json.dumps(error.body)
    assert anyio.current_time() - started < 5


async def test_an_unreachable_upstream_is_a_typed_error(client: AsyncAgentRun) -> None:
    name = await _tool(client, refused_url())
    with pytest.raises(errors.ToolUpstreamError) as caught:
        await client.tools.call(name, "getItem", {"itemId": "1"})
    assert (caught.value.status_code, caught.value.code, caught.value.upstream_status) == (
        502,
        "ERR_TOOL_UPSTREAM_UNREACHABLE",
        None,
    )


async def test_the_tools_timeout_bounds_the_call(client: AsyncAgentRun, upstream: ToolUpstream) -> None:
    name = await _tool(client, upstream.url, timeout=1)
    started = anyio.current_time()
    with pytest.raises(errors.ToolUpstreamError, match="within 1 s"):
        await client.tools.call(name, "hang")
    assert anyio.current_time() - started < 5


@pytest.mark.parametrize(
    ("function", "arguments", "says"),
    [
        ("getItem", {}, "'itemId' is a required property"),
        ("getItem", {"itemId": "1", "verbose": "yes"}, "arguments.verbose"),
        ("createItem", {"name": "n", "count": -1}, "arguments.count"),
        ("getItem", {"itemId": "1", "nope": 1}, "takes no argument nope"),
    ],
)
async def test_bad_arguments_say_what_to_change_and_reach_no_upstream(
    client: AsyncAgentRun, upstream: ToolUpstream, function: str, arguments: dict[str, Any], says: str
) -> None:
    name = await _tool(client, upstream.url)
    with pytest.raises(errors.BadRequestError, match=says):
        await client.tools.call(name, function, arguments)
    assert upstream.seen == []


async def test_unknown_tools_and_functions_are_not_found(client: AsyncAgentRun, upstream: ToolUpstream) -> None:
    name = await _tool(client, upstream.url)
    with pytest.raises(errors.NotFoundError, match="has no function nope"):
        await client.tools.call(name, "nope")
    with pytest.raises(errors.NotFoundError, match="does not exist"):
        await client.tools.list_functions(unique("missing"))
    mcp = unique("mcp")
    await client.tools.create(mcp, tool_type="MCP", create_method="MCP_REMOTE", protocol_spec={"mcpServers": {}})
    with pytest.raises(errors.UnprocessableEntityError, match="has no remote MCP server"):
        await client.tools.list_functions(mcp)  # an MCP tool's functions come from its server: it has none


async def test_a_disabled_credential_stops_the_tool_at_once_and_says_which_to_re_enable(
    client: AsyncAgentRun, upstream: ToolUpstream
) -> None:
    credential = await _credential(client)
    name = await _tool(client, upstream.url, credential=credential)
    await client.tools.call(name, "getItem", {"itemId": "1"})
    calls = len(upstream.seen)

    await client.credentials.update(credential, enabled=False)
    with pytest.raises(errors.PermissionDeniedError) as caught:
        await client.tools.call(name, "getItem", {"itemId": "1"})
    assert caught.value.code == "ERR_CREDENTIAL_UNUSABLE"
    assert f"credential {credential} is disabled" in caught.value.message and "re-enable" in caught.value.message
    assert len(upstream.seen) == calls

    await client.credentials.update(credential, enabled=True)
    assert (await client.tools.call(name, "getItem", {"itemId": "1"})).status == 200


async def test_the_blocking_tools_api(local: LocalServer, upstream: ToolUpstream) -> None:
    from agentrun.sync import AgentRun

    name = await _tool(local.client, upstream.url)

    def scenario() -> None:
        with AgentRun(local.client.config) as client:
            functions = client.tools.list_functions(name)
            get_item = next(f for f in functions if f.name == "getItem")
            assert client.tools.call(name, get_item, {"itemId": "7"}).body["id"] == "7"
            with pytest.raises(errors.ToolUpstreamError):
                client.tools.call(name, "fail")

    await anyio.to_thread.run_sync(scenario)


async def test_a_caller_cancelling_a_call_closes_the_upstream_request(
    client: AsyncAgentRun, upstream: ToolUpstream
) -> None:
    """The caller's cancellation reaches the upstream at once: AgentRun Local ends its request (the upstream reads
    the connection's end) instead of waiting for the tool's timeout, and keeps no connection of it."""
    name = await _tool(client, upstream.url, timeout=60)
    before = upstream.connections
    async with anyio.create_task_group() as group:
        group.start_soon(client.tools.call, name, "hang")
        with anyio.fail_after(5):
            while upstream.hanging == 0:  # noqa: ASYNC110 - the upstream offers nothing to wait on
                await anyio.sleep(0.01)
        group.cancel_scope.cancel()  # the caller gives up (an anyio timeout or cancel scope)
    cancelled = anyio.current_time()
    with anyio.fail_after(2):  # well before the tool's 60 s timeout
        while upstream.hanging:  # noqa: ASYNC110
            await anyio.sleep(0.01)
    print(f"upstream request closed {1000 * (anyio.current_time() - cancelled):.0f} ms after the caller cancelled")
    with anyio.fail_after(2):
        while upstream.connections > before:  # noqa: ASYNC110 - its connection is closed, not pooled
            await anyio.sleep(0.01)
    answer = await client.tools.call(name, "getItem", {"itemId": "after"})  # nothing left half-open in the way
    assert answer.body["id"] == "after"
