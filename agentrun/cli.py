"""The `agentrun` command. Everything heavy is imported inside the command that needs it, so `agentrun --help` is fast.

agentrun local serve [--host 127.0.0.1] [--port 8490] [--data-dir DIR] [--http] [--unsafe-no-isolation]
                     [--warm-sandboxes N]
agentrun local env [--data-dir DIR]        # eval "$(agentrun local env)"
agentrun runtime deploy ./my-agent --name my-agent | agentrun runtime invoke my-agent "question"   (cli_runtime.py)
agentrun mcp sandbox --template T [--local]  # a sandbox as MCP tools over stdio (cli_mcp.py)
"""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Sequence
from typing import Any

from agentrun import cli_mcp, cli_runtime
from agentrun._cli import command, serve_until_stopped, subcommands
from agentrun._version import __version__

_DEFAULT_PORT = 8490  # keep in step with agentrun.local.server.DEFAULT_PORT (not imported: it loads uvicorn)


def _add_local_commands(parser: argparse.ArgumentParser) -> None:
    commands = subcommands(parser, "command", "serve", "env")
    serve = command(commands, "serve", _serve, help="run the AgentRun API on this machine")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=_DEFAULT_PORT, help=f"0 picks a free port (default {_DEFAULT_PORT})")
    serve.add_argument("--data-dir", help="state directory (default $AGENTRUN_LOCAL_DIR or ~/.agentrun/local)")
    serve.add_argument("--http", action="store_true", help="serve plain HTTP instead of HTTPS")
    serve.add_argument("--log-level", default="warning", choices=["critical", "error", "warning", "info", "debug"])
    serve.add_argument(
        "--unsafe-no-isolation",
        action="store_true",
        help="run sandbox code WITHOUT isolation when bubblewrap cannot isolate it (only for code you trust)",
    )
    serve.add_argument(
        "--warm-sandboxes",
        type=int,
        default=None,
        metavar="N",
        help="started sandboxes kept ready per recently used template configuration, so creating one is a "
        "hand-over (default $AGENTRUN_LOCAL_WARM_SANDBOXES or 2; 0 turns it off)",
    )
    env = command(commands, "env", _env, help="print export lines that point clients at the running server")
    env.add_argument("--data-dir", help="state directory (default $AGENTRUN_LOCAL_DIR or ~/.agentrun/local)")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="agentrun", description="AgentRun SDK command line.")
    parser.add_argument("--version", action="version", version=f"agentrun {__version__}")
    areas = parser.add_subparsers(dest="area", required=True, metavar="{local,runtime,mcp}")
    local = areas.add_parser("local", help="AgentRun Local: the AgentRun API on this machine")
    _add_local_commands(local)
    runtime = areas.add_parser("runtime", help="agent runtimes: deploy an agent's code, invoke it")
    cli_runtime.add_commands(runtime)
    mcp = areas.add_parser("mcp", help="MCP servers: a sandbox as MCP tools (stdio)")
    cli_mcp.add_commands(mcp)
    return parser


def _serve(args: argparse.Namespace) -> int:
    """Serve the AgentRun control and data planes locally until interrupted (Ctrl-C). Listens on 127.0.0.1 with HTTPS
    from a local CA and verifies request signatures, like the cloud."""

    from agentrun.local.server import run

    async def serve() -> None:
        async with run(
            args.data_dir,
            host=args.host,
            port=args.port,
            http=args.http,
            log_level=args.log_level,
            unsafe_no_isolation=args.unsafe_no_isolation,
            warm_sandboxes=args.warm_sandboxes,
        ) as local:
            data_dir = shlex.quote(str(local.data_dir))
            print(
                f"AgentRun Local {__version__} listening on {local.base_url}\n"
                f"  control endpoint  {local.control_endpoint}\n"
                f"  data endpoint     {local.data_endpoint}\n"
                f"  data dir          {local.data_dir}\n"
                f'Point clients at it:  eval "$(agentrun local env --data-dir {data_dir})"\n'
                "Press Ctrl-C to stop.",
                flush=True,
            )
            if args.unsafe_no_isolation:
                print(
                    "warning: --unsafe-no-isolation: sandbox code runs as this user, with access to all of this "
                    "user's files (the data dir and its keys included) and to the network",
                    file=sys.stderr,
                    flush=True,
                )
            if args.host not in ("127.0.0.1", "localhost", "::1"):
                print(
                    f"warning: listening on {args.host} makes AgentRun Local reachable from other machines; the TLS "
                    "certificate covers only 127.0.0.1, localhost and ::1",
                    file=sys.stderr,
                    flush=True,
                )
            await local.wait_stopped()

    # Unwinding `run()` removes the server's record and closes its store. uvicorn re-raises the signal it caught
    # after shutting down.
    return serve_until_stopped(serve, "agentrun local serve", OSError, use_uvloop=_has_uvloop())


def _has_uvloop() -> bool:
    import importlib.util

    return importlib.util.find_spec("uvloop") is not None


def _env(args: argparse.Namespace) -> int:
    """Print shell export lines for the running server: eval "$(agentrun local env)"."""
    from agentrun.errors import ConfigError
    from agentrun.local.connect import local_env

    try:
        env = local_env(args.data_dir)
    except ConfigError as exc:
        print(f"agentrun local env: {exc}", file=sys.stderr)
        return 1
    for name, value in env.items():
        print(f"export {name}={shlex.quote(value)}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `agentrun`."""
    args = _parser().parse_args(argv)
    handler: Any = args.handler
    result: int = handler(args)
    return result


def local_main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `python -m agentrun.local`: the `local` commands without the `local` word."""
    parser = argparse.ArgumentParser(prog="python -m agentrun.local", description="AgentRun Local.")
    _add_local_commands(parser)
    args = parser.parse_args(argv)
    result: int = args.handler(args)
    return result
