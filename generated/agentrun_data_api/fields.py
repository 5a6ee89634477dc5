"""Keyword arguments of the SDK facade methods, generated from the input models and list operations (see scripts/codegen/fields.yaml)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypedDict

if TYPE_CHECKING:
    from .models import ChatResponseFormat
    from .models import EmbeddingEncodingFormat
    from .models import NASConfig
    from .models import OSSMountConfig
    from .models import PolarFsConfig


class CreateSandboxMore(TypedDict, total=False):
    """The CreateSandboxInput fields a facade method passes through (it names the others itself)."""

    sandbox_id: None | str
    sandbox_idle_timeout_in_seconds: int | None
    nas_config: NASConfig | Mapping[str, Any] | None
    oss_mount_config: None | OSSMountConfig | Mapping[str, Any]
    polar_fs_config: None | PolarFsConfig | Mapping[str, Any]


class ChatCompletionMore(TypedDict, total=False):
    """The ChatCompletionRequest fields a facade method passes through (it names the others itself)."""

    parallel_tool_calls: bool | None
    top_p: float | None
    max_completion_tokens: int | None
    n: int | None
    stop: Sequence[str] | None | str
    presence_penalty: float | None
    frequency_penalty: float | None
    seed: int | None
    user: str | None
    response_format: ChatResponseFormat | Mapping[str, Any] | None


class EmbeddingMore(TypedDict, total=False):
    """The EmbeddingRequest fields a facade method passes through (it names the others itself)."""

    encoding_format: EmbeddingEncodingFormat | str | None
    user: str | None
