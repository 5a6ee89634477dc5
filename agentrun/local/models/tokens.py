"""Token counts where no tokenizer is at hand: the built-in test model's own unit, and the gateway's estimate when an
upstream reports no usage.

A piece is a word (letters, digits, underscores) or one other non-space character, with the whitespace before it. The
pieces of a text concatenate back to the text exactly, so the test model streams its answer piece by piece. Real
models count BPE tokens, roughly 1.3 per English word, so estimates for them are low by about that much.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

_PIECE = re.compile(r"\s*(?:\w+|[^\w\s])|\s+$")


def pieces(text: str) -> list[str]:
    return _PIECE.findall(text)


def count(text: str) -> int:
    return len(_PIECE.findall(text))


def content_text(content: Any) -> str:
    """The text of a message `content`: a string, or the `text` of each part of a list of parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(str(part.get("text") or "") for part in content if isinstance(part, dict))
    return ""


def message_texts(messages: Iterable[Any]) -> list[str]:
    """Every piece of text a chat request sends: contents, tool call names and arguments."""
    texts: list[str] = []
    for message in messages:
        if not isinstance(message, dict):
            continue
        texts.append(content_text(message.get("content")))
        for call in message.get("tool_calls") or []:
            function = call.get("function") if isinstance(call, dict) else None
            if isinstance(function, dict):
                texts += [str(function.get("name") or ""), str(function.get("arguments") or "")]
    return texts


def prompt_tokens(body: dict[str, Any]) -> int:
    """Tokens of a chat request's messages, of an embeddings request's input, or of a Responses request's input."""
    if "messages" in body:
        return sum(count(text) for text in message_texts(body.get("messages") or []))
    source = body.get("input")
    if isinstance(source, str):
        return count(source)
    if isinstance(source, list):
        total = 0
        for item in source:
            if isinstance(item, str):
                total += count(item)
            elif isinstance(item, int):
                total += 1
            elif isinstance(item, list):
                total += len(item)
            elif isinstance(item, dict):
                total += count(content_text(item.get("content")))
        return total
    return 0
