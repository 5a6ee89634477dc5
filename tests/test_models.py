"""Wire JSON to generated models: nulls are dropped at every depth, and bad shapes become typed errors."""

from __future__ import annotations

import pytest
from agentrun_control_api.models import Credential

from agentrun import errors
from agentrun._core.models import parse_model, strip_nulls


def test_nulls_are_dropped_at_every_depth() -> None:
    assert strip_nulls({"a": None, "b": [None, {"c": None, "d": 1}], "e": {"f": None}}) == {"b": [{"d": 1}], "e": {}}


def test_data_without_nulls_is_returned_without_copying() -> None:
    data = {"items": [{"name": "x", "tags": ["a"]}], "total": 1}
    assert strip_nulls(data) is data


def test_a_null_nested_object_parses_as_unset_instead_of_failing() -> None:
    credential = parse_model(Credential, {"credentialName": "c1", "credentialPublicConfig": None}, what="credential")
    assert credential.credential_name == "c1"
    assert "credentialPublicConfig" not in credential.to_dict()


def test_a_non_object_answer_is_a_typed_response_error() -> None:
    with pytest.raises(errors.APIResponseError, match="expected an object for credential"):
        parse_model(Credential, ["not", "an", "object"], what="credential")
