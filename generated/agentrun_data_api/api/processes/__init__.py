"""Operations of the processes group, one module each, imported when first used."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import (
        get_process,
        kill_process,
        list_processes,
        run_command,
        start_process,
        stream_process_output,
        write_process_stdin,
    )
else:
    from agentrun._core.lazy import lazy_modules

    (
        get_process,
        kill_process,
        list_processes,
        run_command,
        start_process,
        stream_process_output,
        write_process_stdin,
    ) = lazy_modules(
        __name__,
        "get_process",
        "kill_process",
        "list_processes",
        "run_command",
        "start_process",
        "stream_process_output",
        "write_process_stdin",
    )
