"""Shared types: unset values, file uploads, and the description of an operation and of one request of it"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import IO, Any, BinaryIO, Literal


class Unset:
    def __bool__(self) -> Literal[False]:
        return False


UNSET: Unset = Unset()

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@dataclass(slots=True)  # a dataclass, not attrs: importing an API module does not import attrs (~12 ms)
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


@dataclass(frozen=True, slots=True)
class Operation:
    """One operation of the spec: what it is called, where it goes, and whether sending it twice is safe"""

    operation_id: str
    """ The spec's operationId; on the control plane also the signed `x-acs-action`. """
    method: str
    path: str
    """ The spec's path template, e.g. /sandboxes/{sandboxId}/files. """
    plane: Literal["control", "data"]
    idempotent: bool
    """ True for GET, PUT, DELETE, and for operations the spec marks `x-agentrun-idempotent: true`. """
    body_model: type | None = None
    response_model: type | None = None
    """ The model of the success answer (inside the control plane's {requestId, data} envelope). """


@dataclass(frozen=True, slots=True)
class OperationRequest:
    """One request of an operation, built from typed arguments by the operation module's `request(...)`"""

    operation: Operation
    url: str
    params: Mapping[str, Any] | None = None
    json: Any = None
    files: RequestFiles | None = None
    headers: Mapping[str, str] | None = None


__all__ = ["UNSET", "File", "FileTypes", "Operation", "OperationRequest", "RequestFiles", "Unset"]
