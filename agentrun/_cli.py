"""What the command-line modules share: declaring subcommands, and running a server until Ctrl-C or SIGTERM."""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Awaitable, Callable
from typing import Any

Handler = Callable[[argparse.Namespace], int]


def subcommands(parser: argparse.ArgumentParser, dest: str, *names: str) -> Any:
    """The required subcommands of `parser` (its `add_parser` declares each), listed as {a,b} in the usage line."""
    return parser.add_subparsers(dest=dest, required=True, metavar="{" + ",".join(names) + "}")


def command(commands: Any, name: str, handler: Handler, *, help: str) -> argparse.ArgumentParser:
    """A subcommand that runs `handler(args)`, described (in its --help) by the handler's docstring; its arguments
    are added to the parser returned."""
    description = " ".join((handler.__doc__ or help).split())
    parser: argparse.ArgumentParser = commands.add_parser(name, help=help, description=description)
    parser.set_defaults(handler=handler)
    return parser


def serve_until_stopped(
    serve: Callable[[], Awaitable[None]], what: str, failure: type[Exception], *, use_uvloop: bool = False
) -> int:
    """Run the server `serve` until Ctrl-C or SIGTERM, which both unwind it gracefully (asyncio's runner turns
    SIGINT into cancelling the main task). A `failure` is printed after `what:` and is exit status 1."""
    import anyio

    signal.signal(signal.SIGTERM, _sigterm_as_sigint)
    try:
        anyio.run(serve, backend="asyncio", backend_options={"use_uvloop": use_uvloop})
    except KeyboardInterrupt:
        pass
    except failure as exc:
        print(f"{what}: {exc}", file=sys.stderr)
        return 1
    return 0


def _sigterm_as_sigint(signum: int, frame: Any) -> None:
    signal.raise_signal(signal.SIGINT)
