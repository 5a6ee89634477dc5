"""Operations of the browser group, one module each, imported when first used."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import (
        browser_automation,
        browser_live_view,
        delete_recording,
        download_recording,
        list_recordings,
        live_view_page,
        live_view_stream,
    )
else:
    from agentrun._core.lazy import lazy_modules

    (
        browser_automation,
        browser_live_view,
        delete_recording,
        download_recording,
        list_recordings,
        live_view_page,
        live_view_stream,
    ) = lazy_modules(
        __name__,
        "browser_automation",
        "browser_live_view",
        "delete_recording",
        "download_recording",
        "list_recordings",
        "live_view_page",
        "live_view_stream",
    )
