from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.model_concurrency import ModelConcurrency
    from ..models.model_usage_report_by_credential import ModelUsageReportByCredential
    from ..models.model_usage_report_by_model import ModelUsageReportByModel
    from ..models.model_usage_report_by_proxy import ModelUsageReportByProxy
    from ..models.model_usage_report_by_service import ModelUsageReportByService
    from ..models.model_usage_tally import ModelUsageTally


T = TypeVar("T", bound="ModelUsageReport")


@_dataclass(slots=True, weakref_slot=True)
class ModelUsageReport:
    """Usage totals and their sums by model, model proxy, model service and credential."""

    name: str | Unset = UNSET
    """ The target reported on (absent in the account-wide report). """
    kind: str | Unset = UNSET
    """ `model proxy`, `model service` or `built-in model`. """
    total: ModelUsageTally | Unset = UNSET
    """ Counts of model calls. Tokens are the upstream's `usage`, or the gateway's estimate. """
    by_model: ModelUsageReportByModel | Unset = UNSET
    by_proxy: ModelUsageReportByProxy | Unset = UNSET
    by_service: ModelUsageReportByService | Unset = UNSET
    by_credential: ModelUsageReportByCredential | Unset = UNSET
    """ By the credential the caller presented and the one whose key went upstream. """
    concurrency: ModelConcurrency | Unset = UNSET
    """ A model proxy's concurrency state (when it has a `concurrencyLimit`). """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        kind = self.kind

        total: dict[str, Any] | Unset = UNSET
        if not isinstance(self.total, Unset):
            total = self.total.to_dict()

        by_model: dict[str, Any] | Unset = UNSET
        if not isinstance(self.by_model, Unset):
            by_model = self.by_model.to_dict()

        by_proxy: dict[str, Any] | Unset = UNSET
        if not isinstance(self.by_proxy, Unset):
            by_proxy = self.by_proxy.to_dict()

        by_service: dict[str, Any] | Unset = UNSET
        if not isinstance(self.by_service, Unset):
            by_service = self.by_service.to_dict()

        by_credential: dict[str, Any] | Unset = UNSET
        if not isinstance(self.by_credential, Unset):
            by_credential = self.by_credential.to_dict()

        concurrency: dict[str, Any] | Unset = UNSET
        if not isinstance(self.concurrency, Unset):
            concurrency = self.concurrency.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if kind is not UNSET:
            field_dict["kind"] = kind
        if total is not UNSET:
            field_dict["total"] = total
        if by_model is not UNSET:
            field_dict["byModel"] = by_model
        if by_proxy is not UNSET:
            field_dict["byProxy"] = by_proxy
        if by_service is not UNSET:
            field_dict["byService"] = by_service
        if by_credential is not UNSET:
            field_dict["byCredential"] = by_credential
        if concurrency is not UNSET:
            field_dict["concurrency"] = concurrency

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.model_concurrency import ModelConcurrency  # noqa: PLC0415
        from ..models.model_usage_report_by_credential import ModelUsageReportByCredential  # noqa: PLC0415
        from ..models.model_usage_report_by_model import ModelUsageReportByModel  # noqa: PLC0415
        from ..models.model_usage_report_by_proxy import ModelUsageReportByProxy  # noqa: PLC0415
        from ..models.model_usage_report_by_service import ModelUsageReportByService  # noqa: PLC0415
        from ..models.model_usage_tally import ModelUsageTally  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name", UNSET)

        kind = d.pop("kind", UNSET)

        _total = d.pop("total", UNSET)
        total: ModelUsageTally | Unset
        if isinstance(_total, Unset):
            total = UNSET
        else:
            total = ModelUsageTally.from_dict(_total)

        _by_model = d.pop("byModel", UNSET)
        by_model: ModelUsageReportByModel | Unset
        if isinstance(_by_model, Unset):
            by_model = UNSET
        else:
            by_model = ModelUsageReportByModel.from_dict(_by_model)

        _by_proxy = d.pop("byProxy", UNSET)
        by_proxy: ModelUsageReportByProxy | Unset
        if isinstance(_by_proxy, Unset):
            by_proxy = UNSET
        else:
            by_proxy = ModelUsageReportByProxy.from_dict(_by_proxy)

        _by_service = d.pop("byService", UNSET)
        by_service: ModelUsageReportByService | Unset
        if isinstance(_by_service, Unset):
            by_service = UNSET
        else:
            by_service = ModelUsageReportByService.from_dict(_by_service)

        _by_credential = d.pop("byCredential", UNSET)
        by_credential: ModelUsageReportByCredential | Unset
        if isinstance(_by_credential, Unset):
            by_credential = UNSET
        else:
            by_credential = ModelUsageReportByCredential.from_dict(_by_credential)

        _concurrency = d.pop("concurrency", UNSET)
        concurrency: ModelConcurrency | Unset
        if isinstance(_concurrency, Unset):
            concurrency = UNSET
        else:
            concurrency = ModelConcurrency.from_dict(_concurrency)

        model_usage_report = cls(
            name=name,
            kind=kind,
            total=total,
            by_model=by_model,
            by_proxy=by_proxy,
            by_service=by_service,
            by_credential=by_credential,
            concurrency=concurrency,
        )

        model_usage_report.additional_properties = d
        return model_usage_report

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
