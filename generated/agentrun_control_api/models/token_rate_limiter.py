from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TokenRateLimiter")


@_dataclass(slots=True, weakref_slot=True)
class TokenRateLimiter:
    """Token rate limits."""

    tpd: int | Unset = UNSET
    """ Tokens per day. """
    tph: int | Unset = UNSET
    """ Tokens per hour. """
    tpm: int | Unset = UNSET
    """ Tokens per minute. """
    tps: int | Unset = UNSET
    """ Tokens per second. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tpd = self.tpd

        tph = self.tph

        tpm = self.tpm

        tps = self.tps

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if tpd is not UNSET:
            field_dict["tpd"] = tpd
        if tph is not UNSET:
            field_dict["tph"] = tph
        if tpm is not UNSET:
            field_dict["tpm"] = tpm
        if tps is not UNSET:
            field_dict["tps"] = tps

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        tpd = d.pop("tpd", UNSET)

        tph = d.pop("tph", UNSET)

        tpm = d.pop("tpm", UNSET)

        tps = d.pop("tps", UNSET)

        token_rate_limiter = cls(
            tpd=tpd,
            tph=tph,
            tpm=tpm,
            tps=tps,
        )

        token_rate_limiter.additional_properties = d
        return token_rate_limiter

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
