from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..models.code_language import CodeLanguage
from ..types import UNSET, Unset

T = TypeVar("T", bound="CodeConfiguration")


@_dataclass(slots=True, weakref_slot=True)
class CodeConfiguration:
    """Code artefact, either inline (zipFile) or on OSS (ossBucketName/ossObjectName). AgentRun Local takes only zipFile
    (OSS references are a 400) and checks it before writing anything: base64, the checksum when given, at most 50 MiB
    zipped, 500 MiB unpacked and 20,000 entries, no absolute paths, `..` or symbolic links (each a 400 saying what to
    change). It installs the package's dependencies at deploy time: requirements.txt, or without one pyproject.toml's
    [project].dependencies (the project itself is not built), into a per-build environment; package.json's dependencies
    with `npm install --omit=dev` (status CREATING/UPDATING until done, then READY or CREATE_FAILED/UPDATE_FAILED with
    the installer's last lines in statusReason) and does not return zipFile. AgentRun Local does not run Container
    artifacts: a create or update that leaves the runtime a Container artifact ends in CREATE_FAILED/UPDATE_FAILED with
    statusReason "Container artifacts are not supported by AgentRun Local: deploy a Code package (...)", and invoking it
    answers 501.

    """

    checksum: str | Unset = UNSET
    """ CRC-64/XZ of the zip (the CRC-64 OSS uses) printed as a decimal integer string. """
    command: list[str] | Unset = UNSET
    """ Start command. """
    language: CodeLanguage | Unset = UNSET
    """ Runtime language of a code artefact. """
    oss_bucket_name: str | Unset = UNSET
    """ OSS bucket holding the code zip. """
    oss_object_name: str | Unset = UNSET
    """ OSS object name of the code zip. """
    zip_file: str | Unset = UNSET
    """ Base64-encoded zip file. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        checksum = self.checksum

        command: list[str] | Unset = UNSET
        if not isinstance(self.command, Unset):
            command = self.command

        language: str | Unset = UNSET
        if not isinstance(self.language, Unset):
            language = self.language.value

        oss_bucket_name = self.oss_bucket_name

        oss_object_name = self.oss_object_name

        zip_file = self.zip_file

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if checksum is not UNSET:
            field_dict["checksum"] = checksum
        if command is not UNSET:
            field_dict["command"] = command
        if language is not UNSET:
            field_dict["language"] = language
        if oss_bucket_name is not UNSET:
            field_dict["ossBucketName"] = oss_bucket_name
        if oss_object_name is not UNSET:
            field_dict["ossObjectName"] = oss_object_name
        if zip_file is not UNSET:
            field_dict["zipFile"] = zip_file

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        checksum = d.pop("checksum", UNSET)

        command = cast(list[str], d.pop("command", UNSET))

        _language = d.pop("language", UNSET)
        language: CodeLanguage | Unset
        if isinstance(_language, Unset):
            language = UNSET
        else:
            language = CodeLanguage(_language)

        oss_bucket_name = d.pop("ossBucketName", UNSET)

        oss_object_name = d.pop("ossObjectName", UNSET)

        zip_file = d.pop("zipFile", UNSET)

        code_configuration = cls(
            checksum=checksum,
            command=command,
            language=language,
            oss_bucket_name=oss_bucket_name,
            oss_object_name=oss_object_name,
            zip_file=zip_file,
        )

        code_configuration.additional_properties = d
        return code_configuration

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
