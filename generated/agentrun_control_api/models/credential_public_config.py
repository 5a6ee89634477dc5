from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.credential_public_config_auth_config import CredentialPublicConfigAuthConfig
    from ..models.credential_remote_config import CredentialRemoteConfig
    from ..models.credential_user import CredentialUser


T = TypeVar("T", bound="CredentialPublicConfig")


@_dataclass(slots=True, weakref_slot=True)
class CredentialPublicConfig:
    """Non-secret part of a credential. The official SDK always sends users ([] when unset)."""

    auth_config: CredentialPublicConfigAuthConfig | Unset = UNSET
    """ Provider-specific auth settings (e.g. accessKey/accountId for ak_sk, header map for custom_header). """
    auth_type: str | Unset = UNSET
    """ Sub-type, e.g. static_jwks. """
    header_key: str | Unset = UNSET
    """ Header carrying the API key (e.g. Authorization, X-API-Key). """
    jwks: str | Unset = UNSET
    """ JWKS document (static JWT). """
    prefix: str | Unset = UNSET
    """ Value prefix (e.g. Bearer). """
    provider: str | Unset = UNSET
    """ Provider id (e.g. openai, custom). """
    remote_config: CredentialRemoteConfig | Unset = UNSET
    """ Remote JWKS settings. """
    users: list[CredentialUser] | Unset = UNSET
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        auth_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.auth_config, Unset):
            auth_config = self.auth_config.to_dict()

        auth_type = self.auth_type

        header_key = self.header_key

        jwks = self.jwks

        prefix = self.prefix

        provider = self.provider

        remote_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.remote_config, Unset):
            remote_config = self.remote_config.to_dict()

        users: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.users, Unset):
            users = []
            for users_item_data in self.users:
                users_item = users_item_data.to_dict()
                users.append(users_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if auth_config is not UNSET:
            field_dict["authConfig"] = auth_config
        if auth_type is not UNSET:
            field_dict["authType"] = auth_type
        if header_key is not UNSET:
            field_dict["headerKey"] = header_key
        if jwks is not UNSET:
            field_dict["jwks"] = jwks
        if prefix is not UNSET:
            field_dict["prefix"] = prefix
        if provider is not UNSET:
            field_dict["provider"] = provider
        if remote_config is not UNSET:
            field_dict["remoteConfig"] = remote_config
        if users is not UNSET:
            field_dict["users"] = users

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.credential_public_config_auth_config import CredentialPublicConfigAuthConfig  # noqa: PLC0415
        from ..models.credential_remote_config import CredentialRemoteConfig  # noqa: PLC0415
        from ..models.credential_user import CredentialUser  # noqa: PLC0415

        d = dict(src_dict)
        _auth_config = d.pop("authConfig", UNSET)
        auth_config: CredentialPublicConfigAuthConfig | Unset
        if isinstance(_auth_config, Unset):
            auth_config = UNSET
        else:
            auth_config = CredentialPublicConfigAuthConfig.from_dict(_auth_config)

        auth_type = d.pop("authType", UNSET)

        header_key = d.pop("headerKey", UNSET)

        jwks = d.pop("jwks", UNSET)

        prefix = d.pop("prefix", UNSET)

        provider = d.pop("provider", UNSET)

        _remote_config = d.pop("remoteConfig", UNSET)
        remote_config: CredentialRemoteConfig | Unset
        if isinstance(_remote_config, Unset):
            remote_config = UNSET
        else:
            remote_config = CredentialRemoteConfig.from_dict(_remote_config)

        _users = d.pop("users", UNSET)
        users: list[CredentialUser] | Unset = UNSET
        if _users is not UNSET:
            users = []
            for users_item_data in _users:
                users_item = CredentialUser.from_dict(users_item_data)

                users.append(users_item)

        credential_public_config = cls(
            auth_config=auth_config,
            auth_type=auth_type,
            header_key=header_key,
            jwks=jwks,
            prefix=prefix,
            provider=provider,
            remote_config=remote_config,
            users=users,
        )

        credential_public_config.additional_properties = d
        return credential_public_config

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
