from enum import StrEnum
from typing import Self


class CredentialAuthType(StrEnum):
    AK_SK = "ak_sk"
    API_KEY = "api_key"
    BASIC = "basic"
    CUSTOM_HEADER = "custom_header"
    JWT = "jwt"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = "UNKNOWN"
        member._value_ = value
        return member
