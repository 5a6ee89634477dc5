"""The generated Tea client `alibabacloud_agentrun20250910` 5.7.5 on its own (sync and async), as agentrun-sdk builds
it: ListTemplates; CreateCredential / GetCredential / DeleteCredential; CreateAgentRuntime and ListAgentRuntimes paged
with pageNumber/pageSize; and a 404 mapped to ClientException with the server's message, code and request id
(openapi/control.yaml)."""

from __future__ import annotations

import base64
import io
import zipfile
from typing import Any

from _scenario import Summary, check, equal, raises, raises_async, run, tea_client, unique

from alibabacloud_agentrun20250910 import models
from alibabacloud_tea_openapi.exceptions import ClientException


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("main.py", "print('agent')\n")
    return out.getvalue()


# A one-file code package (main.py), base64: AgentRun Local fails Container artifacts; never invoked here.
ZIP_BASE64 = base64.b64encode(_zip()).decode()


def credential_request(name: str) -> models.CreateCredentialRequest:
    config = models.CredentialPublicConfig(header_key="X-Api-Key", users=[])
    body = models.CreateCredentialInput(
        credential_name=name, credential_auth_type="api_key", credential_source_type="internal",
        credential_secret="tea-secret", credential_public_config=config, description="tea",
    )  # fmt: skip
    return models.CreateCredentialRequest(body=body)


def runtime_request(name: str) -> models.CreateAgentRuntimeRequest:
    body = models.CreateAgentRuntimeInput(
        agent_runtime_name=name, artifact_type="Code", cpu=1, memory=2048, port=8080,
        code_configuration=models.CodeConfiguration(language="python3.12", command=["python", "main.py"],
                                                    zip_file=ZIP_BASE64),
        network_configuration=models.NetworkConfiguration(network_mode="PUBLIC"),
    )  # fmt: skip
    return models.CreateAgentRuntimeRequest(body=body)


def page_request(prefix: str, number: int) -> models.ListAgentRuntimesRequest:
    return models.ListAgentRuntimesRequest(agent_runtime_name=prefix, page_number=number, page_size=2)


def check_envelope(response: Any, what: str) -> None:
    equal(response.status_code, 200, f"{what}: HTTP status")
    equal(response.body.code, "SUCCESS", f"{what}: code")
    equal(response.body.request_id, response.headers.get("x-acs-request-id"), f"{what}: requestId and header")


def check_not_found(error: ClientException, name: str) -> dict[str, Any]:
    equal(error.status_code, 404, "GetCredential of a deleted credential: status_code")
    equal(error.code, "ERR_NOT_FOUND", "404: code")
    check(error.request_id and error.request_id == error.data.get("requestId"), f"404: request id {error.request_id}")
    expected = f"code: 404, credential {name} does not exist request id: {error.request_id}"
    equal(error.message, expected, "404: message")
    return {"status_code": error.status_code, "code": error.code, "message": error.message}


def sync_part(summary: Summary) -> None:
    client = tea_client()
    templates = client.list_templates(models.ListTemplatesRequest(page_number=1, page_size=10))
    check_envelope(templates, "ListTemplates")
    check(isinstance(templates.body.data.items, list), "ListTemplates: data.items is not a list")

    name = unique("tea-sync")
    created = client.create_credential(credential_request(name))
    check_envelope(created, "CreateCredential")
    equal(created.body.data.credential_name, name, "CreateCredential: credentialName")
    got = client.get_credential(name)
    check_envelope(got, "GetCredential")
    equal(got.body.data.credential_secret, "tea-secret", "GetCredential: credentialSecret")
    equal(got.body.data.credential_public_config.header_key, "X-Api-Key", "GetCredential: headerKey")
    check_envelope(client.delete_credential(name), "DeleteCredential")
    error = raises(ClientException, lambda: client.get_credential(name), "GetCredential after delete")

    prefix = unique("tea-page")
    for i in range(3):
        check_envelope(client.create_agent_runtime(runtime_request(f"{prefix}-{i}")), "CreateAgentRuntime")
    pages = [client.list_agent_runtimes(page_request(prefix, number)).body.data for number in (1, 2, 3)]
    shape = [(p.page_number, p.page_size, p.total, [r.agent_runtime_name for r in p.items]) for p in pages]
    equal(
        shape,
        [(1, 2, 3, [f"{prefix}-0", f"{prefix}-1"]), (2, 2, 3, [f"{prefix}-2"]), (3, 2, 3, [])],
        "ListAgentRuntimes pages (pageNumber, pageSize, total, names)",
    )
    summary.update(credential=name, not_found=check_not_found(error, name), pages=[len(p[3]) for p in shape])


async def async_part(summary: Summary) -> None:
    client = tea_client()
    templates = await client.list_templates_async(models.ListTemplatesRequest(page_number=1, page_size=10))
    check_envelope(templates, "ListTemplates (async)")
    name = unique("tea-async")
    created = await client.create_credential_async(credential_request(name))
    equal(created.body.data.credential_name, name, "CreateCredential (async): credentialName")
    got = await client.get_credential_async(name)
    equal(got.body.data.credential_secret, "tea-secret", "GetCredential (async): credentialSecret")
    check_envelope(await client.delete_credential_async(name), "DeleteCredential (async)")
    error = await raises_async(ClientException, lambda: client.get_credential_async(name), "GetCredential after delete")
    prefix = unique("tea-page-async")
    for i in range(3):
        await client.create_agent_runtime_async(runtime_request(f"{prefix}-{i}"))
    second = (await client.list_agent_runtimes_async(page_request(prefix, 2))).body.data
    equal((second.page_number, second.total, len(second.items)), (2, 3, 1), "ListAgentRuntimes (async) page 2")
    summary.update(credential=name, not_found=check_not_found(error, name), second_page=len(second.items))


if __name__ == "__main__":
    run("tea_client", sync_part, async_part)
