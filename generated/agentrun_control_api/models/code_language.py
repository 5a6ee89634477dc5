from enum import StrEnum
from typing import Self


class CodeLanguage(StrEnum):
    JAVA11 = "java11"
    JAVA8 = "java8"
    NODEJS18 = "nodejs18"
    NODEJS20 = "nodejs20"
    PYTHON3_10 = "python3.10"
    PYTHON3_12 = "python3.12"

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
