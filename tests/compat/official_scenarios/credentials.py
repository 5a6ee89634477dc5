"""Credentials through agentrun-sdk's `Credential` (sync and async): create with the `outbound_llm_api_key`
preset, get_by_name, update (enabled false), list_all, delete; a missing name raises ResourceNotExistError and a
duplicate create ResourceAlreadyExistError (openapi/control.yaml)."""

from __future__ import annotations

from _scenario import Summary, check, equal, raises, raises_async, run, unique

from agentrun import (
    Credential,
    CredentialClient,
    CredentialConfig,
    CredentialCreateInput,
    CredentialListInput,
    CredentialUpdateInput,
    ResourceAlreadyExistError,
    ResourceNotExistError,
)
from agentrun.credential.model import CredentialListOutput


def create_input(name: str) -> CredentialCreateInput:
    return CredentialCreateInput(
        credential_name=name,
        description="compat",
        credential_config=CredentialConfig.outbound_llm_api_key("sk-compat-1", "openai"),
    )


def check_created(created: Credential, name: str) -> None:
    equal(created.credential_name, name, "create: credential_name")
    check(created.credential_id, "create: no credential_id")
    equal(created.enabled, True, "create: enabled")
    equal(created.status, None, "create: credentials have no status")


def check_got(got: Credential) -> None:
    equal(got.credential_secret, "sk-compat-1", "get_by_name: credential_secret")
    equal(got.credential_source_type, "external_llm", "get_by_name: credential_source_type")
    equal(got.credential_auth_type, "api_key", "get_by_name: credential_auth_type")
    equal((got.credential_public_config or {}).get("provider"), "openai", "get_by_name: public config provider")


def sync_part(summary: Summary) -> None:
    name = unique("cred-sync")
    created = Credential.create(create_input(name))
    check_created(created, name)
    got = Credential.get_by_name(name)
    check_got(got)
    got.update(CredentialUpdateInput(enabled=False))
    equal(got.enabled, False, "update: enabled")
    equal(got.description, "compat", "update: description kept")
    listed = Credential.list_all(credential_name=name)
    equal([(c.credential_name, c.enabled) for c in listed], [(name, False)], "list_all(credential_name)")
    check(name in [c.credential_name for c in Credential.list_all()], "list_all(): the credential is missing")
    client = CredentialClient()
    unfiltered = client.list()  # no query at all: the server's default page
    check(all(isinstance(c, CredentialListOutput) for c in unfiltered), "CredentialClient().list(): item types")
    by_name = [c.credential_name for c in client.list(CredentialListInput(credential_name=name))]
    equal(by_name, [name], "CredentialClient().list(credential_name)")
    duplicate = raises(ResourceAlreadyExistError, lambda: Credential.create(create_input(name)), "duplicate create")
    got.delete()
    missing = raises(ResourceNotExistError, lambda: Credential.get_by_name(name), "get after delete")
    raises(ResourceNotExistError, lambda: Credential.delete_by_name(name), "delete of a deleted credential")
    summary.update(
        {
            "created": name,
            "secret_returned": got.credential_secret == "sk-compat-1",
            "enabled_after_update": got.enabled,
            "listed": [c.credential_name for c in listed],
            "duplicate_error": type(duplicate).__name__,
            "missing_error": type(missing).__name__,
            "missing_message": str(missing),
        }
    )


async def async_part(summary: Summary) -> None:
    name = unique("cred-async")
    created = await Credential.create_async(create_input(name))
    check_created(created, name)
    got = await Credential.get_by_name_async(name)
    check_got(got)
    await got.update_async(CredentialUpdateInput(enabled=False))
    equal(got.enabled, False, "update_async: enabled")
    listed = await Credential.list_all_async(credential_name=name)
    equal([(c.credential_name, c.enabled) for c in listed], [(name, False)], "list_all_async(credential_name)")
    duplicate = await raises_async(
        ResourceAlreadyExistError, lambda: Credential.create_async(create_input(name)), "duplicate create_async"
    )
    await got.delete_async()
    missing = await raises_async(ResourceNotExistError, lambda: Credential.get_by_name_async(name), "get after delete")
    summary.update(
        {
            "created": name,
            "secret_returned": got.credential_secret == "sk-compat-1",
            "enabled_after_update": got.enabled,
            "listed": [c.credential_name for c in listed],
            "duplicate_error": type(duplicate).__name__,
            "missing_error": type(missing).__name__,
            "missing_message": str(missing),
        }
    )


if __name__ == "__main__":
    run("credentials", sync_part, async_part)
