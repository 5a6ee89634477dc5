from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

T = TypeVar("T", bound="HealthCheckConfiguration")


@_dataclass(slots=True, weakref_slot=True)
class HealthCheckConfiguration:
    """HTTP health check. AgentRun Local sends an instance traffic once GET httpGetUrl (default /health) answers below 400;
    requests that arrive meanwhile wait. It gives up after initialDelaySeconds + periodSeconds x failureThreshold (60 s
    when either of the last two is unset, at most 600 s), stops the instance, and the waiting requests get a 503.

    """

    failure_threshold: int | Unset = UNSET
    """ Consecutive failures before unhealthy. """
    http_get_url: str | Unset = UNSET
    """ Health check URL path. """
    initial_delay_seconds: int | Unset = UNSET
    """ Delay before the first check, in seconds. """
    period_seconds: int | Unset = UNSET
    """ Interval between checks, in seconds. """
    success_threshold: int | Unset = UNSET
    """ Consecutive successes before healthy. """
    timeout_seconds: int | Unset = UNSET
    """ Check timeout in seconds. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        failure_threshold = self.failure_threshold

        http_get_url = self.http_get_url

        initial_delay_seconds = self.initial_delay_seconds

        period_seconds = self.period_seconds

        success_threshold = self.success_threshold

        timeout_seconds = self.timeout_seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if failure_threshold is not UNSET:
            field_dict["failureThreshold"] = failure_threshold
        if http_get_url is not UNSET:
            field_dict["httpGetUrl"] = http_get_url
        if initial_delay_seconds is not UNSET:
            field_dict["initialDelaySeconds"] = initial_delay_seconds
        if period_seconds is not UNSET:
            field_dict["periodSeconds"] = period_seconds
        if success_threshold is not UNSET:
            field_dict["successThreshold"] = success_threshold
        if timeout_seconds is not UNSET:
            field_dict["timeoutSeconds"] = timeout_seconds

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        failure_threshold = d.pop("failureThreshold", UNSET)

        http_get_url = d.pop("httpGetUrl", UNSET)

        initial_delay_seconds = d.pop("initialDelaySeconds", UNSET)

        period_seconds = d.pop("periodSeconds", UNSET)

        success_threshold = d.pop("successThreshold", UNSET)

        timeout_seconds = d.pop("timeoutSeconds", UNSET)

        health_check_configuration = cls(
            failure_threshold=failure_threshold,
            http_get_url=http_get_url,
            initial_delay_seconds=initial_delay_seconds,
            period_seconds=period_seconds,
            success_threshold=success_threshold,
            timeout_seconds=timeout_seconds,
        )

        health_check_configuration.additional_properties = d
        return health_check_configuration

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
