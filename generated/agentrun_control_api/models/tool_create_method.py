from enum import StrEnum
from typing import Self


class ToolCreateMethod(StrEnum):
    CODE_PACKAGE = "CODE_PACKAGE"
    MCP_BUNDLE = "MCP_BUNDLE"
    MCP_LOCAL = "MCP_LOCAL"
    MCP_LOCAL_STDIO = "MCP_LOCAL_STDIO"
    MCP_REMOTE = "MCP_REMOTE"
    OPENAPI_IMPORT = "OPENAPI_IMPORT"

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
