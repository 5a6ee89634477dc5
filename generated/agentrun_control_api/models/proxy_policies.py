from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ai_guardrail_config import AiGuardrailConfig
    from ..models.proxy_fallback import ProxyFallback
    from ..models.token_rate_limiter import TokenRateLimiter


T = TypeVar("T", bound="ProxyPolicies")


@_dataclass(slots=True, weakref_slot=True)
class ProxyPolicies:
    """Policies of a model proxy. AgentRun Local enforces them in its model gateway: requestTimeout, concurrencyLimit,
    numRetries, fallbacks, cache and tokenRateLimiter (not aiGuardrailConfig).

    """

    ai_guardrail_config: AiGuardrailConfig | Unset = UNSET
    """ AI guardrail settings of a model proxy. """
    cache: bool | Unset = UNSET
    """ Reuse the answer to an identical non-streaming request (for cacheTtlSeconds). """
    cache_ttl_seconds: int | Unset = UNSET
    """ Seconds a cached answer is reused (default 300). """
    concurrency_limit: int | Unset = UNSET
    """ Maximum requests in flight (a stream counts until it ends). """
    max_queued_requests: int | Unset = UNSET
    """ Requests that may wait for a free slot once concurrencyLimit is reached (default: as many as the limit);
    more are refused with 429. """
    fallbacks: list[ProxyFallback] | Unset = UNSET
    num_retries: int | Unset = UNSET
    """ Extra passes over the endpoints before the fallbacks are tried. """
    request_timeout: int | Unset = UNSET
    """ Seconds an upstream may stay silent (before it answers, and between two chunks of a stream); default 600.
    """
    token_rate_limiter: TokenRateLimiter | Unset = UNSET
    """ Token rate limits. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ai_guardrail_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.ai_guardrail_config, Unset):
            ai_guardrail_config = self.ai_guardrail_config.to_dict()

        cache = self.cache

        cache_ttl_seconds = self.cache_ttl_seconds

        concurrency_limit = self.concurrency_limit

        max_queued_requests = self.max_queued_requests

        fallbacks: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.fallbacks, Unset):
            fallbacks = []
            for fallbacks_item_data in self.fallbacks:
                fallbacks_item = fallbacks_item_data.to_dict()
                fallbacks.append(fallbacks_item)

        num_retries = self.num_retries

        request_timeout = self.request_timeout

        token_rate_limiter: dict[str, Any] | Unset = UNSET
        if not isinstance(self.token_rate_limiter, Unset):
            token_rate_limiter = self.token_rate_limiter.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if ai_guardrail_config is not UNSET:
            field_dict["aiGuardrailConfig"] = ai_guardrail_config
        if cache is not UNSET:
            field_dict["cache"] = cache
        if cache_ttl_seconds is not UNSET:
            field_dict["cacheTtlSeconds"] = cache_ttl_seconds
        if concurrency_limit is not UNSET:
            field_dict["concurrencyLimit"] = concurrency_limit
        if max_queued_requests is not UNSET:
            field_dict["maxQueuedRequests"] = max_queued_requests
        if fallbacks is not UNSET:
            field_dict["fallbacks"] = fallbacks
        if num_retries is not UNSET:
            field_dict["numRetries"] = num_retries
        if request_timeout is not UNSET:
            field_dict["requestTimeout"] = request_timeout
        if token_rate_limiter is not UNSET:
            field_dict["tokenRateLimiter"] = token_rate_limiter

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ai_guardrail_config import AiGuardrailConfig  # noqa: PLC0415
        from ..models.proxy_fallback import ProxyFallback  # noqa: PLC0415
        from ..models.token_rate_limiter import TokenRateLimiter  # noqa: PLC0415

        d = dict(src_dict)
        _ai_guardrail_config = d.pop("aiGuardrailConfig", UNSET)
        ai_guardrail_config: AiGuardrailConfig | Unset
        if isinstance(_ai_guardrail_config, Unset):
            ai_guardrail_config = UNSET
        else:
            ai_guardrail_config = AiGuardrailConfig.from_dict(_ai_guardrail_config)

        cache = d.pop("cache", UNSET)

        cache_ttl_seconds = d.pop("cacheTtlSeconds", UNSET)

        concurrency_limit = d.pop("concurrencyLimit", UNSET)

        max_queued_requests = d.pop("maxQueuedRequests", UNSET)

        _fallbacks = d.pop("fallbacks", UNSET)
        fallbacks: list[ProxyFallback] | Unset = UNSET
        if _fallbacks is not UNSET:
            fallbacks = []
            for fallbacks_item_data in _fallbacks:
                fallbacks_item = ProxyFallback.from_dict(fallbacks_item_data)

                fallbacks.append(fallbacks_item)

        num_retries = d.pop("numRetries", UNSET)

        request_timeout = d.pop("requestTimeout", UNSET)

        _token_rate_limiter = d.pop("tokenRateLimiter", UNSET)
        token_rate_limiter: TokenRateLimiter | Unset
        if isinstance(_token_rate_limiter, Unset):
            token_rate_limiter = UNSET
        else:
            token_rate_limiter = TokenRateLimiter.from_dict(_token_rate_limiter)

        proxy_policies = cls(
            ai_guardrail_config=ai_guardrail_config,
            cache=cache,
            cache_ttl_seconds=cache_ttl_seconds,
            concurrency_limit=concurrency_limit,
            max_queued_requests=max_queued_requests,
            fallbacks=fallbacks,
            num_retries=num_retries,
            request_timeout=request_timeout,
            token_rate_limiter=token_rate_limiter,
        )

        proxy_policies.additional_properties = d
        return proxy_policies

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
