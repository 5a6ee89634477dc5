"""Secrets at rest: Fernet encryption with the data dir's master key, applied to chosen paths of a JSON document.

A sealed value is stored as `{"$encrypted": "<fernet token>"}`. Request validation only lets strings into secret
fields, so a sealed value can never be confused with one a client sent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken

from agentrun.local.paths import write_private

_SEALED = "$encrypted"


class SecretBox:
    """Encrypts and decrypts strings with one master key."""

    def __init__(self, key: bytes) -> None:
        self._fernet = Fernet(key)

    @classmethod
    def load_or_create(cls, path: Path) -> SecretBox:
        """The key in `path`, created (0600) on first use."""
        if not path.exists():
            write_private(path, Fernet.generate_key(), exclusive=True)
        return cls(path.read_bytes().strip())

    def encrypt(self, plaintext: str) -> dict[str, str]:
        return {_SEALED: self._fernet.encrypt(plaintext.encode()).decode()}

    def decrypt(self, sealed: Any) -> str:
        """The plaintext of a sealed value; a value that is not sealed is returned as is."""
        if not is_sealed(sealed):
            return str(sealed)
        try:
            return self._fernet.decrypt(sealed[_SEALED].encode()).decode()
        except InvalidToken:
            raise ValueError("a stored secret cannot be decrypted: the data dir's master.key was replaced") from None

    def seal(self, doc: dict[str, Any], paths: Iterable[str]) -> dict[str, Any]:
        """A copy of `doc` with the string at each path encrypted (already sealed values are left alone)."""
        return _apply(doc, paths, lambda v: v if is_sealed(v) else self.encrypt(v) if isinstance(v, str) else v)

    def open(self, doc: dict[str, Any], paths: Iterable[str]) -> dict[str, Any]:
        """A copy of `doc` with each sealed value at the paths decrypted."""
        return _apply(doc, paths, lambda v: self.decrypt(v) if is_sealed(v) else v)


def is_sealed(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {_SEALED}


@cache
def _parse(path: str) -> tuple[str, ...]:
    """`a.b[].c` -> ("a", "b", "[]", "c"); `[]` walks every item of a list."""
    parts: list[str] = []
    for piece in path.split("."):
        if piece.endswith("[]"):
            parts += [piece[:-2], "[]"]
        else:
            parts.append(piece)
    return tuple(parts)


def _apply(doc: dict[str, Any], paths: Iterable[str], fn: Callable[[Any], Any]) -> dict[str, Any]:
    result: Any = doc
    for path in paths:
        result = _at(result, _parse(path), fn)
    return dict(result)


def _at(node: Any, parts: tuple[str, ...], fn: Callable[[Any], Any]) -> Any:
    """`node` with `fn` applied at `parts`; containers on the way are copied, the input is never changed."""
    if not parts:
        return fn(node)
    head, rest = parts[0], parts[1:]
    if head == "[]":
        return [_at(item, rest, fn) for item in node] if isinstance(node, list) else node
    if isinstance(node, dict) and head in node:
        return {**node, head: _at(node[head], rest, fn)}
    return node
