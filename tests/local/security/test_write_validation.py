"""Validation on write (control plane): names a URL path cannot carry, enum values the spec does not list and numbers
out of range are refused with 400 naming the field and what is allowed, and nothing is stored. Rows stored before
the rules existed stay listable."""

from __future__ import annotations

import json
import ssl
from pathlib import Path
from typing import Any

import httpx
import pytest
from local_helpers import signed, unique

from agentrun.local import LocalServer, run
from agentrun.local.paths import DataDir
from agentrun.local.store import Store

API = "/2025-09-10"
NETWORK = {"networkMode": "PUBLIC"}


def template_body(name: str, **more: Any) -> dict[str, Any]:
    return {"templateName": name, "templateType": "CodeInterpreter", "cpu": 2, "memory": 4096,
            "networkConfiguration": NETWORK, **more}  # fmt: skip


def runtime_body(name: str, **more: Any) -> dict[str, Any]:
    return {"agentRuntimeName": name, "artifactType": "Container", "containerConfiguration": {"image": "i:1"},
            "cpu": 2, "memory": 4096, "port": 9000, "networkConfiguration": NETWORK, **more}  # fmt: skip


# (collection, name field, a valid body for a name): one per kind whose name is a path key or unique.
KINDS: dict[str, tuple[str, str, Any]] = {
    "template": ("/templates", "templateName", template_body),
    "credential": ("/agents/credentials", "credentialName", lambda name: {
        "credentialName": name, "credentialAuthType": "api_key", "credentialSourceType": "internal"}),
    "model service": ("/agents/model-services", "modelServiceName", lambda name: {
        "modelServiceName": name, "modelType": "llm", "provider": "openai", "providerSettings": {}}),
    "model proxy": ("/agents/model-proxies", "modelProxyName", lambda name: {
        "modelProxyName": name, "cpu": 2, "memory": 4096, "proxyMode": "single", "proxyConfig": {}}),
    "tool": ("/agents/tools", "toolName", lambda name: {
        "toolName": name, "toolType": "MCP", "createMethod": "MCP_REMOTE"}),
    "agent runtime": ("/agents/runtimes", "agentRuntimeName", runtime_body),
}  # fmt: skip

BAD_NAMES = ["a/b", "../up", "with space", "dot.ted", "x" * 129, "-lead", "9lives", "", "ünïcode", "a%2Fb"]


def assert_refused(response: httpx.Response, *phrases: str) -> str:
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["code"] == "ERR_VALIDATION_FAILED", body
    for phrase in phrases:
        assert phrase in body["message"], body["message"]
    return str(body["message"])


async def names_listed(raw: httpx.AsyncClient, local: LocalServer, collection: str, field: str) -> list[str]:
    response = await signed(raw, local, "GET", API + collection, query={"pageSize": "100"})
    assert response.status_code == 200, response.text
    return [item[field] for item in response.json()["data"]["items"]]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("bad", BAD_NAMES)
async def test_a_name_a_path_cannot_carry_is_refused_and_not_stored(
    raw: httpx.AsyncClient, local: LocalServer, kind: str, bad: str
) -> None:
    collection, field, body = KINDS[kind]
    response = await signed(raw, local, "POST", API + collection, json_body=body(bad))
    if bad == "":
        assert_refused(response, field)  # the existing "is required" answer
    else:
        assert_refused(response, f"field {field}", "letters, digits, '_' and '-'", "128")
    assert bad not in await names_listed(raw, local, collection, field)


async def test_the_longest_valid_names_are_accepted_fetched_and_deleted(
    raw: httpx.AsyncClient, local: LocalServer
) -> None:
    for name in ("_" + "a-9" * 42 + "b", unique("Tpl_x")):
        assert len(name) <= 128
        assert (await signed(raw, local, "POST", API + "/templates", json_body=template_body(name))).status_code == 200
        assert (await signed(raw, local, "GET", f"{API}/templates/{name}")).status_code == 200
        assert (await signed(raw, local, "DELETE", f"{API}/templates/{name}")).status_code == 200


async def test_endpoint_names_and_runtime_renames_follow_the_rule(raw: httpx.AsyncClient, local: LocalServer) -> None:
    created = await signed(raw, local, "POST", API + "/agents/runtimes", json_body=runtime_body(unique("ar")))
    runtime = f"{API}/agents/runtimes/{created.json()['data']['agentRuntimeId']}"
    endpoint = {"agentRuntimeEndpointName": "ep/1"}
    response = await signed(raw, local, "POST", runtime + "/endpoints", json_body=endpoint)
    assert_refused(response, "field agentRuntimeEndpointName")
    rename = {"agentRuntimeName": "has space"}
    assert_refused(await signed(raw, local, "PUT", runtime, json_body=rename), "field agentRuntimeName")
    assert (await signed(raw, local, "GET", runtime)).json()["data"]["agentRuntimeName"] != "has space"


@pytest.mark.parametrize(
    ("collection", "body", "field", "allowed"),
    [
        ("/templates", template_body("t-enum", templateType="Sandbox9"), "templateType", "CodeInterpreter"),
        ("/templates", template_body("t-net", networkConfiguration={"networkMode": "WIDE"}),
         "networkConfiguration.networkMode", "PUBLIC_AND_PRIVATE"),
        ("/templates", template_body("t-oss", ossConfiguration=[{"bucketName": "b", "mountPoint": "/m", "prefix": "p",
                                                                  "permission": "ALL"}]),
         "ossConfiguration[0].permission", "READ_ONLY"),
        ("/agents/credentials", {"credentialName": "c-enum", "credentialAuthType": "password",
                                 "credentialSourceType": "internal"}, "credentialAuthType", "api_key"),
        ("/agents/model-proxies", {"modelProxyName": "mp-enum", "cpu": 2, "memory": 4096, "proxyMode": "triple",
                                   "proxyConfig": {}}, "proxyMode", "single"),
        ("/agents/runtimes", runtime_body("ar-enum", artifactType="Binary"), "artifactType", "Container"),
        ("/agents/tools", {"toolName": "tool-enum", "toolType": "MCP", "createMethod": "MCP_REMOTE",
                           "mcpConfig": {"sessionAffinity": "STICKY"}}, "mcpConfig.sessionAffinity", "MCP_SSE"),
    ],
)  # fmt: skip
async def test_an_unknown_enum_value_is_refused_naming_the_allowed_ones(
    raw: httpx.AsyncClient, local: LocalServer, collection: str, body: dict[str, Any], field: str, allowed: str
) -> None:
    assert_refused(await signed(raw, local, "POST", API + collection, json_body=body), f"field {field}", allowed)


@pytest.mark.parametrize(
    ("more", "field", "rule"),
    [
        ({"memory": -1}, "memory", "between 128 and 32768 MB"),
        ({"cpu": 1e300}, "cpu", "between 0.05 and 16 vCPU"),
        ({"cpu": 0}, "cpu", "between 0.05 and 16"),
        ({"diskSize": 10**30}, "diskSize", "between 1 and 10240"),
        ({"sandboxIdleTimeoutInSeconds": -5}, "sandboxIdleTimeoutInSeconds", "seconds"),
        ({"containerConfiguration": {"image": "i", "port": 70000}}, "containerConfiguration.port", "65535"),
    ],
)
async def test_a_number_out_of_range_is_refused(
    raw: httpx.AsyncClient, local: LocalServer, more: dict[str, Any], field: str, rule: str
) -> None:
    name = unique("tpl")
    response = await signed(raw, local, "POST", API + "/templates", json_body=template_body(name, **more))
    assert_refused(response, f"field {field}", rule)
    assert (await signed(raw, local, "GET", f"{API}/templates/{name}")).status_code == 404


async def test_nan_and_infinity_are_refused(raw: httpx.AsyncClient, local: LocalServer) -> None:
    """Python's JSON reader takes NaN and Infinity; stored, they would make every later answer invalid JSON."""
    for literal in ("NaN", "Infinity", "-Infinity"):
        name = unique("tpl")
        text = json.dumps(template_body(name)).replace('"cpu": 2', f'"cpu": {literal}')
        assert_refused(await signed(raw, local, "POST", API + "/templates", content=text.encode()))
        assert (await signed(raw, local, "GET", f"{API}/templates/{name}")).status_code == 404


async def test_updates_are_checked_like_creates(raw: httpx.AsyncClient, local: LocalServer) -> None:
    name = unique("tpl")
    assert (await signed(raw, local, "POST", API + "/templates", json_body=template_body(name))).status_code == 200
    item = f"{API}/templates/{name}"
    assert_refused(await signed(raw, local, "PUT", item, json_body={"memory": -512}), "field memory")
    assert_refused(await signed(raw, local, "PUT", item, json_body={"networkConfiguration": {"networkMode": "x"}}),
                   "networkConfiguration.networkMode")  # fmt: skip
    runtime = await signed(raw, local, "POST", API + "/agents/runtimes", json_body=runtime_body(unique("ar")))
    endpoints = f"{API}/agents/runtimes/{runtime.json()['data']['agentRuntimeId']}/endpoints"
    versions = [{"version": "1", "weight": 0.5}, {"version": "2", "weight": 2}]
    weights = {"agentRuntimeEndpointName": unique("ep"), "routingConfiguration": {"versionWeights": versions}}
    assert_refused(await signed(raw, local, "POST", endpoints, json_body=weights),
                   "routingConfiguration.versionWeights[1].weight", "between 0 and 1")  # fmt: skip
    got = (await signed(raw, local, "GET", item)).json()["data"]
    assert got["memory"] == 4096 and got["networkConfiguration"] == NETWORK


async def test_rows_stored_before_the_rules_are_still_listed_fetched_and_deleted(tmp_path: Path) -> None:
    """Data written by an older server (bad name characters, unknown enum values, negative memory) is answered as
    stored: the rules apply to writes only."""
    paths = DataDir.resolve(tmp_path)
    paths.root.mkdir(parents=True, exist_ok=True)
    store = await Store.open(paths.database)
    old = {"templateName": "old name", "templateId": "tpl-old", "templateType": "Legacy", "memory": -1, "cpu": 1e300,
           "status": "READY", "createdAt": "2025-01-01T00:00:00.000000+00:00"}  # fmt: skip
    await store.transact(lambda tx: tx.insert("template", "old name", old, name="old name"))
    await store.close()
    async with (
        run(data_dir=tmp_path, port=0) as local,
        httpx.AsyncClient(
            base_url=local.base_url, verify=ssl.create_default_context(cafile=str(local.ca_file)), trust_env=False
        ) as raw,
    ):
        listed = (await signed(raw, local, "GET", API + "/templates")).json()["data"]["items"]
        assert [(t["templateName"], t["templateType"], t["memory"]) for t in listed] == [("old name", "Legacy", -1)]
        assert (await signed(raw, local, "GET", f"{API}/templates/old%20name")).status_code == 200
        assert (await signed(raw, local, "DELETE", f"{API}/templates/old%20name")).status_code == 200
