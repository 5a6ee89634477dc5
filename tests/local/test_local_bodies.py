"""Request bodies and parameters: a bad one gets 400 ERR_VALIDATION_FAILED naming the field; what the official
client really sends (nulls, `[]` for unset lists, SDK defaults on update) is accepted and merged."""

from __future__ import annotations

import httpx
import pytest
from local_helpers import signed, unique

from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer

CREDENTIALS = "/2025-09-10/agents/credentials"
RUNTIMES = "/2025-09-10/agents/runtimes"
TEMPLATES = "/2025-09-10/templates"


def assert_400(response: httpx.Response, *phrases: str) -> None:
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["code"] == "ERR_VALIDATION_FAILED"
    for phrase in phrases:
        assert phrase in body["message"], body["message"]


@pytest.mark.parametrize(
    ("body", "phrases"),
    [
        ({"credentialAuthType": "api_key", "credentialSourceType": "internal"}, ["credentialName", "required"]),
        (
            {"credentialName": "c", "credentialAuthType": "api_key", "credentialSourceType": 3},
            ["credentialSourceType", "expected a string", "integer"],
        ),
        (
            {"credentialName": "c", "credentialAuthType": "api_key", "credentialSourceType": "internal",
             "credentialPublicConfig": {"users": [{"username": 1}]}},
            ["credentialPublicConfig.users[0].username"],
        ),
        ({"credentialName": "c", "credentialAuthType": "api_key", "credentialSourceType": "internal",
          "enabled": "yes"}, ["enabled", "boolean"]),
    ],
)  # fmt: skip
async def test_bad_credential_body_names_the_field(
    raw: httpx.AsyncClient, local: LocalServer, body: dict[str, object], phrases: list[str]
) -> None:
    assert_400(await signed(raw, local, "POST", CREDENTIALS, json_body=body), "CreateCredentialInput", *phrases)


async def test_another_spelling_of_a_field_that_does_not_fit_it_is_an_additional_property(
    raw: httpx.AsyncClient, local: LocalServer
) -> None:
    # Found by the spec fuzzer: `userName` is not CredentialUser's `username`, and the spec allows additional
    # properties of any type, so the request is valid; the field's own spelling is still checked.
    users = [{"username": "a"}, {"userName": {"nested": False}}]
    body = {"credentialName": unique("c"), "credentialAuthType": "api_key", "credentialSourceType": "internal",
            "credentialSecret": "s", "credentialPublicConfig": {"users": users}}  # fmt: skip
    created = await signed(raw, local, "POST", CREDENTIALS, json_body=body)
    assert created.status_code == 200, created.text
    body.update(credentialName=unique("c"), credentialPublicConfig={"users": [{"username": {"nested": False}}]})
    refused = await signed(raw, local, "POST", CREDENTIALS, json_body=body)
    assert_400(refused, "users[0].username", "expected a string")


async def test_bad_nested_runtime_field_is_named(raw: httpx.AsyncClient, local: LocalServer) -> None:
    body = {
        "agentRuntimeName": unique("ar"), "artifactType": "Container", "cpu": "two", "memory": 4096, "port": 9000,
        "networkConfiguration": {"networkMode": "PUBLIC"},
    }  # fmt: skip
    assert_400(await signed(raw, local, "POST", RUNTIMES, json_body=body), "field cpu", "expected a number")
    body.update(cpu=2, environmentVariables={"A": 1})
    assert_400(await signed(raw, local, "POST", RUNTIMES, json_body=body), "environmentVariables.A")


async def test_body_that_is_not_json_or_not_an_object(raw: httpx.AsyncClient, local: LocalServer) -> None:
    assert_400(await signed(raw, local, "POST", CREDENTIALS, content=b"{nope"), "not valid JSON")
    assert_400(await signed(raw, local, "POST", CREDENTIALS, json_body=[1]), "JSON object")
    assert_400(await signed(raw, local, "POST", CREDENTIALS, content=b""), "JSON object")


async def test_bad_page_number_is_400(raw: httpx.AsyncClient, local: LocalServer) -> None:
    assert_400(await signed(raw, local, "GET", CREDENTIALS, query={"pageNumber": "0"}), "pageNumber")
    assert_400(await signed(raw, local, "GET", CREDENTIALS, query={"enabled": "maybe"}), "enabled")


async def test_nulls_are_ignored(raw: httpx.AsyncClient, local: LocalServer) -> None:
    name = unique("cred")
    body = {"credentialName": name, "credentialAuthType": "api_key", "credentialSourceType": "internal",
            "description": None, "credentialPublicConfig": {"headerKey": None, "users": []}}  # fmt: skip
    response = await signed(raw, local, "POST", CREDENTIALS, json_body=body)
    assert response.status_code == 200, response.text
    assert "description" not in response.json()["data"]


async def test_put_merges_and_empty_object_lists_keep_stored_values(raw: httpx.AsyncClient, local: LocalServer) -> None:
    """The official client sends `[]` for every list of sub-objects it was not given, updates included,
    and the full SDK model with defaults."""
    name = unique("tpl")
    oss = [{"bucketName": "b", "mountPoint": "/mnt", "prefix": "p/"}]
    create = {"cpu": 2.0, "diskSize": 512, "memory": 4096, "networkConfiguration": {"networkMode": "PUBLIC"},
              "ossConfiguration": oss, "sandboxIdleTimeoutInSeconds": 1800, "sandboxTTLInSeconds": 21600,
              "templateName": name, "templateType": "CodeInterpreter", "description": "keep me"}  # fmt: skip
    assert (await signed(raw, local, "POST", TEMPLATES, json_body=create)).status_code == 200
    update = {"cpu": 2.0, "memory": 8192, "networkConfiguration": {"networkMode": "PUBLIC"}, "ossConfiguration": []}
    answer = (await signed(raw, local, "PUT", f"{TEMPLATES}/{name}", json_body=update)).json()["data"]
    assert answer["memory"] == 8192
    assert answer["ossConfiguration"] == oss  # `[]` did not wipe the mounts
    assert answer["description"] == "keep me"  # absent keys keep their values
    assert answer["diskSize"] == 512 and answer["templateName"] == name


async def test_update_cannot_rename_or_restatus(raw: httpx.AsyncClient, local: LocalServer) -> None:
    """Keys the update model does not declare are dropped, so a body cannot overwrite server-set fields."""
    name = unique("cred")
    body = {"credentialName": name, "credentialAuthType": "api_key", "credentialSourceType": "internal"}
    created = (await signed(raw, local, "POST", CREDENTIALS, json_body=body)).json()["data"]
    patch = {"credentialName": "renamed", "credentialId": "cred-forged", "description": "d"}
    updated = (await signed(raw, local, "PUT", f"{CREDENTIALS}/{name}", json_body=patch)).json()["data"]
    assert updated["credentialName"] == name and updated["credentialId"] == created["credentialId"]


async def test_superagent_external_endpoint_survives(client: AsyncAgentRun) -> None:
    """Nested keys the generated models lack are kept (SuperAgent's protocolConfiguration.externalEndpoint)."""
    protocol = {"type": "SUPER_AGENT", "externalEndpoint": "https://x.example/super", "protocolSettings": []}
    runtime = await client.agent_runtimes.create(
        unique("ar"), container={"image": "i:1"}, protocol_configuration=protocol
    )
    got = await client.agent_runtimes.get(runtime.id)
    assert got.to_dict()["protocolConfiguration"]["externalEndpoint"] == "https://x.example/super"


async def test_every_response_is_json_including_delete_and_unknown_paths(
    raw: httpx.AsyncClient, local: LocalServer
) -> None:
    name = unique("cred")
    body = {"credentialName": name, "credentialAuthType": "api_key", "credentialSourceType": "internal"}
    await signed(raw, local, "POST", CREDENTIALS, json_body=body)
    deleted = await signed(raw, local, "DELETE", f"{CREDENTIALS}/{name}")
    assert deleted.json()["data"]["credentialName"] == name
    unknown = await signed(raw, local, "GET", "/2025-09-10/agents/nothing-here")
    assert unknown.status_code == 404 and unknown.json()["code"] == "ERR_NOT_FOUND"
    wrong_method = await signed(raw, local, "PATCH", CREDENTIALS)
    assert wrong_method.status_code == 405 and wrong_method.json()["code"] == "ERR_METHOD_NOT_ALLOWED"
