"""`agentrun mcp sandbox --template T`: a sandbox as an MCP server over stdio, for Claude Desktop, Cursor or any MCP
client that starts servers as commands: the browser tools for a Browser template, the code-interpreter tools
otherwise. Configured from the AGENTRUN_* variables, or `--local`
(the AgentRun Local server recorded in its data dir). The sandbox is created on the first tool call, reused, and
deleted when the client goes (stdin closed, SIGTERM or Ctrl-C), a call in flight included.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys

from agentrun._cli import command, serve_until_stopped, subcommands


def add_commands(parser: argparse.ArgumentParser) -> None:
    commands = subcommands(parser, "command", "sandbox")
    sandbox = command(commands, "sandbox", _sandbox, help="serve a sandbox as MCP tools over stdio")
    sandbox.add_argument("--template", required=True, help="a CodeInterpreter, AllInOne or Browser template's name")
    sandbox.add_argument("--idle-timeout", type=int, help="seconds without use after which the service ends it")
    sandbox.add_argument(
        "--local",
        nargs="?",
        const="",
        metavar="DATA_DIR",
        help="use the running AgentRun Local (its data dir: default $AGENTRUN_LOCAL_DIR or ~/.agentrun/local) "
        "instead of the AGENTRUN_* variables",
    )


def _sandbox(args: argparse.Namespace) -> int:
    """Serve run_code, read_file, write_file, list_files and run_command (a CodeInterpreter or AllInOne template), or
    browser_navigate, browser_snapshot, browser_click... (a Browser template) over MCP (stdio) in a sandbox of
    TEMPLATE, created on first use and deleted on exit."""

    from agentrun._core.resource import text_of
    from agentrun.client import AsyncAgentRun
    from agentrun.errors import AgentRunError, InvalidArgumentError
    from agentrun.tool.browser_tools import BrowserTools, browser_toolset
    from agentrun.tool.sandbox_tools import SandboxTools

    try:
        from mcp.server.stdio import stdio_server

        from agentrun.mcp_server.sandbox import server
    except ImportError as exc:
        print(f"agentrun mcp sandbox: {exc.name} is missing: pip install 'agentrun[local]'", file=sys.stderr)
        return 1

    async def serve() -> None:
        client = AsyncAgentRun.local(args.local or None) if args.local is not None else AsyncAgentRun()
        async with client:
            kind = text_of((await client.templates.get(args.template)).template_type)
            if kind == "Browser" and importlib.util.find_spec("playwright") is None:
                raise InvalidArgumentError(
                    f"template {args.template} is a Browser one: pip install 'agentrun[browser]'"
                )
            tools: SandboxTools | BrowserTools = (
                browser_toolset(client, args.template, idle_timeout=args.idle_timeout)
                if kind == "Browser"
                else client.tools.sandbox_tools(args.template, idle_timeout=args.idle_timeout)
            )
            async with tools:
                mcp = server(tools)
                async with stdio_server() as (read, write):
                    await mcp.run(read, write, mcp.create_initialization_options())

    # SIGTERM is how MCP clients stop their servers: the sandbox is deleted on the way out.
    return serve_until_stopped(serve, "agentrun mcp sandbox", AgentRunError)
