"""Typed embeddings and model lists of the model gateway (OpenAI's shapes)."""

from __future__ import annotations

import base64
import binascii
import struct
from dataclasses import dataclass

from agentrun.model.completions import Usage, parse_usage, wire_error, wire_int, wire_list, wire_object, wire_text


@dataclass(frozen=True, slots=True)
class Embedding:
    """The vector of one input, at `index` in the request's input list."""

    index: int
    embedding: list[float]

    def __repr__(self) -> str:
        return f"Embedding(index={self.index}, dimensions={len(self.embedding)})"


@dataclass(frozen=True, slots=True)
class Embeddings:
    """The embeddings of a request's inputs, in input order. `vectors` are the bare vectors."""

    model: str
    data: tuple[Embedding, ...]
    usage: Usage | None = None

    @property
    def vectors(self) -> list[list[float]]:
        return [item.embedding for item in self.data]


@dataclass(frozen=True, slots=True)
class ModelInfo:
    """One model a proxy or service serves (OpenAI's `Model`)."""

    id: str
    owned_by: str = ""
    created: int = 0


def _vector(value: object) -> list[float]:
    """Floats as sent, or decoded from the base64 of little-endian float32s (`encoding_format="base64"`)."""
    if isinstance(value, str):
        try:
            raw = base64.b64decode(value, validate=True)
        except binascii.Error:
            raise wire_error("an embedding", value) from None
        if len(raw) % 4:
            raise wire_error("an embedding", value)
        return list(struct.unpack(f"<{len(raw) // 4}f", raw))
    vector = wire_list(value, "an embedding")
    if not all(isinstance(x, int | float) and not isinstance(x, bool) for x in vector):
        raise wire_error("an embedding", value)
    return [float(x) for x in vector]


def parse_embeddings(value: object) -> Embeddings:
    answer = wire_object(value, "an embeddings answer")
    data = []
    for position, item in enumerate(wire_list(answer.get("data"), "embeddings data")):
        entry = wire_object(item, "an embedding")
        index = position if entry.get("index") is None else wire_int(entry.get("index"), "an embedding index")
        data.append(Embedding(index, _vector(entry.get("embedding"))))
    data.sort(key=lambda e: e.index)
    return Embeddings(wire_text(answer.get("model"), "a model") or "", tuple(data), parse_usage(answer.get("usage")))


def parse_model_list(value: object) -> list[ModelInfo]:
    answer = wire_object(value, "a model list")
    models = []
    for item in wire_list(answer.get("data"), "the model list"):
        entry = wire_object(item, "a model")
        models.append(
            ModelInfo(
                wire_text(entry.get("id"), "a model id") or "",
                wire_text(entry.get("owned_by"), "owned_by") or "",
                wire_int(entry.get("created"), "created"),
            )
        )
    return models
