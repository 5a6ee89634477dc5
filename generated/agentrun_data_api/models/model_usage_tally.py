from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ModelUsageTally")


@_dataclass(slots=True, weakref_slot=True)
class ModelUsageTally:
    """Counts of model calls. Tokens are the upstream's `usage`, or the gateway's estimate."""

    requests: int | Unset = UNSET
    failures: int | Unset = UNSET
    """ Requests no upstream answered, answered with an error, or whose stream broke. """
    cache_hits: int | Unset = UNSET
    prompt_tokens: int | Unset = UNSET
    completion_tokens: int | Unset = UNSET
    total_tokens: int | Unset = UNSET
    estimated_tokens: int | Unset = UNSET
    """ The part of the tokens the gateway estimated (the upstream reported no usage). """
    cost: float | Unset = UNSET
    """ Tokens priced by the model service's `providerSettings.tokenPrices` (control-plane extension), in the
    currency those prices use; 0 where no price is set. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        requests = self.requests

        failures = self.failures

        cache_hits = self.cache_hits

        prompt_tokens = self.prompt_tokens

        completion_tokens = self.completion_tokens

        total_tokens = self.total_tokens

        estimated_tokens = self.estimated_tokens

        cost = self.cost

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if requests is not UNSET:
            field_dict["requests"] = requests
        if failures is not UNSET:
            field_dict["failures"] = failures
        if cache_hits is not UNSET:
            field_dict["cacheHits"] = cache_hits
        if prompt_tokens is not UNSET:
            field_dict["promptTokens"] = prompt_tokens
        if completion_tokens is not UNSET:
            field_dict["completionTokens"] = completion_tokens
        if total_tokens is not UNSET:
            field_dict["totalTokens"] = total_tokens
        if estimated_tokens is not UNSET:
            field_dict["estimatedTokens"] = estimated_tokens
        if cost is not UNSET:
            field_dict["cost"] = cost

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        requests = d.pop("requests", UNSET)

        failures = d.pop("failures", UNSET)

        cache_hits = d.pop("cacheHits", UNSET)

        prompt_tokens = d.pop("promptTokens", UNSET)

        completion_tokens = d.pop("completionTokens", UNSET)

        total_tokens = d.pop("totalTokens", UNSET)

        estimated_tokens = d.pop("estimatedTokens", UNSET)

        cost = d.pop("cost", UNSET)

        model_usage_tally = cls(
            requests=requests,
            failures=failures,
            cache_hits=cache_hits,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            total_tokens=total_tokens,
            estimated_tokens=estimated_tokens,
            cost=cost,
        )

        model_usage_tally.additional_properties = d
        return model_usage_tally

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
