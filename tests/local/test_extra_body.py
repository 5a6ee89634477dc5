"""Item 6 of "One wire model from spec to user" on the wire: keyword fields generated from the spec reach the
service, `extra_body=` adds raw wire fields over them, and a field the model lacks fails before anything is sent."""

from __future__ import annotations

from typing import Any

import pytest
from local_helpers import unique

from agentrun import errors
from agentrun.client import AsyncAgentRun


async def test_a_passed_through_field_and_extra_body_both_reach_the_service(client: AsyncAgentRun) -> None:
    name = unique("extra-body")
    service = await client.model_services.create(
        name,
        provider="openai",
        base_url="http://127.0.0.1:9/v1",
        model_names=["m"],
        workspace_id="ws-typed",  # a CreateModelServiceMore field
        extra_body={"description": "sent as a raw wire field"},
    )
    try:
        fetched = await client.model_services.get(name)
        assert fetched.description == "sent as a raw wire field"
        assert fetched.workspace_id == "ws-typed"
    finally:
        await service.delete()


async def test_a_field_the_model_lacks_fails_before_sending(client: AsyncAgentRun) -> None:
    more: dict[str, Any] = {"memroy": 1}
    with pytest.raises(errors.InvalidArgumentError, match=r"memroy.*accepted fields are"):
        await client.templates.create(unique("typo"), **more)
    with pytest.raises(errors.InvalidArgumentError, match="extra_body must map"):
        await client.templates.create(unique("typo"), extra_body=[("cpu", 1)])  # type: ignore[arg-type]
