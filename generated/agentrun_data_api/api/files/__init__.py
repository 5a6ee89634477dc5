"""Operations of the files group, one module each, imported when first used."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import (
        download_file,
        list_directory,
        make_directory,
        move_path,
        read_file,
        remove_path,
        stat_path,
        upload_file,
        write_file,
    )
else:
    from agentrun._core.lazy import lazy_modules

    (
        download_file,
        list_directory,
        make_directory,
        move_path,
        read_file,
        remove_path,
        stat_path,
        upload_file,
        write_file,
    ) = lazy_modules(
        __name__,
        "download_file",
        "list_directory",
        "make_directory",
        "move_path",
        "read_file",
        "remove_path",
        "stat_path",
        "upload_file",
        "write_file",
    )
