"""`agentrun runtime ...`: deploy an agent's folder and invoke it, through the blocking API, configured from the
AGENTRUN_* variables (`eval "$(agentrun local env)"` for AgentRun Local).

agentrun runtime deploy ./my-agent --name my-agent [--command python main.py] [--language python3.12] [--env K=V]
agentrun runtime invoke my-agent "question" [--endpoint Default] [--session ID] [--no-stream]
agentrun runtime logs my-agent [--follow] [--instance ID] [--tail BYTES]
"""

from __future__ import annotations

import argparse
import shlex
import sys
from urllib.parse import quote

from agentrun._cli import command, subcommands


def add_commands(parser: argparse.ArgumentParser) -> None:
    commands = subcommands(parser, "command", "deploy", "invoke", "logs")
    deploy = command(commands, "deploy", _deploy, help="package a folder and deploy it as an agent runtime")
    deploy.add_argument("folder", help="the agent's folder (or a .zip)")
    deploy.add_argument("--name", required=True, help="the runtime's name")
    deploy.add_argument("--command", help="what runs the agent, e.g. 'python main.py' (default: main.py or app.py)")
    deploy.add_argument("--language", default="python3.12", help="python3.10, python3.12, nodejs18, nodejs20, ...")
    deploy.add_argument("--env", action="append", default=[], metavar="NAME=VALUE", help="an environment variable")
    deploy.add_argument("--timeout", type=float, default=600.0, help="seconds to wait until READY (default 600)")
    invoke = command(
        commands, "invoke", _invoke, help="ask a deployed agent a question (OpenAI protocol), its answer streamed"
    )
    invoke.add_argument("name", help="the runtime's name")
    invoke.add_argument("question", help="the user message")
    invoke.add_argument("--endpoint", default="Default", help="the endpoint (default: Default)")
    invoke.add_argument("--session", help="a session id (x-agentrun-session-id: keeps one instance)")
    invoke.add_argument("--no-stream", action="store_true", help="wait for the whole answer")
    logs = command(commands, "logs", _logs, help="print what a runtime's instances wrote to stdout and stderr")
    logs.add_argument("name", help="the runtime's name")
    logs.add_argument("--follow", "-f", action="store_true", help="keep printing new output (Ctrl-C stops)")
    logs.add_argument("--instance", help="only this instance (an invocation's x-agentrun-instance-id)")
    logs.add_argument("--tail", type=int, metavar="BYTES", help="only the last BYTES of each instance's output")


def _fail(command: str, exc: Exception) -> int:
    print(f"agentrun runtime {command}: {exc}", file=sys.stderr)
    return 1


def _environment(pairs: list[str]) -> dict[str, str]:
    env = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals or not name:
            raise ValueError(f"--env {pair!r}: write NAME=VALUE")
        env[name] = value
    return env


def _deploy(args: argparse.Namespace) -> int:
    """Zip the folder (leaving out what its .agentrunignore names, and .git, __pycache__, .venv), create the runtime
    or update its code, wait until READY (requirements.txt installed), and print how to invoke it."""
    from agentrun.errors import AgentRunError
    from agentrun.sync import AgentRun

    def progress(step: str) -> None:
        print(f"... {step}", file=sys.stderr, flush=True)

    try:
        environment = _environment(args.env)
        with AgentRun() as client:
            runtime = client.agent_runtimes.deploy(
                args.folder,
                args.name,
                command=shlex.split(args.command) if args.command else None,
                language=args.language,
                environment_variables=environment or None,
                timeout=args.timeout,
                on_progress=progress,
            )
            base = client.config.data_base_url()
    except (AgentRunError, ValueError) as exc:
        return _fail("deploy", exc)
    url = f"{base}/agent-runtimes/{quote(runtime.name, safe='')}/endpoints/Default/invocations"
    body = '{"messages": [{"role": "user", "content": "Hello"}], "stream": true}'
    print(
        f"deployed agent runtime {runtime.name} ({runtime.id}): {runtime.status}\n"
        f"invocation URL: {url}\n"
        f'  agentrun runtime invoke {shlex.quote(runtime.name)} "Hello"\n'
        f"  curl -N {url}/openai/v1/chat/completions -H 'content-type: application/json' -d '{body}'\n"
        "  (curl must add an AGENTRUN4-HMAC-SHA256 Agentrun-Authorization header, as every data-plane call: "
        "unsigned, AgentRun Local and the cloud answer 401; the SDK and `agentrun runtime invoke` sign for you)"
    )
    return 0


def _invoke(args: argparse.Namespace) -> int:
    """Send one user message to the runtime's endpoint and print the answer as it streams."""
    from agentrun.errors import AgentRunError
    from agentrun.sync import AgentRun

    messages = [{"role": "user", "content": args.question}]
    try:
        with AgentRun() as client:
            if args.no_stream:
                answer = client.agent_runtimes.invoke(
                    args.name, messages, endpoint=args.endpoint, session_id=args.session
                )
                print(answer.text)
                return 0
            for chunk in client.agent_runtimes.invoke_stream(
                args.name, messages, endpoint=args.endpoint, session_id=args.session
            ):
                print(chunk.text, end="", flush=True)
            print()
    except AgentRunError as exc:
        print(file=sys.stderr)
        return _fail("invoke", exc)
    return 0


def _header(instance_id: str, status: object, more: str = "") -> str:
    return f"==> instance {instance_id} ({status}{more}) <=="


def _logs(args: argparse.Namespace) -> int:
    """Each instance's output (the running ones and the last few that ended; AgentRun Local keeps the most recent
    0.5-1 MiB of each), under a header naming it. --follow keeps printing output as it is written, from instances
    started later too, until interrupted."""
    from agentrun.errors import AgentRunError
    from agentrun.sync import AgentRun

    try:
        with AgentRun() as client:
            if not args.follow:
                answer = client.agent_runtimes.logs(args.name, instance_id=args.instance, tail_bytes=args.tail)
                for entry in answer.instances:
                    print(_header(entry.instance_id, entry.status, f", started {entry.created_at}"))
                    print(entry.output, end="" if entry.output.endswith("\n") or not entry.output else "\n")
                return 0
            current = None
            with client.agent_runtimes.follow_logs(
                args.name, instance_id=args.instance, tail_bytes=args.tail
            ) as stream:
                for event in stream:
                    if str(event.type_) == "exit":
                        code = event.exit_code if isinstance(event.exit_code, int) else "unknown"
                        print(_header(event.instance_id, event.status, f", exit status {code}"), flush=True)
                        current = None
                        continue
                    if event.instance_id != current:
                        current = event.instance_id
                        print(_header(current, "RUNNING"), flush=True)
                    print(event.text, end="", flush=True)
    except KeyboardInterrupt:
        return 0
    except AgentRunError as exc:
        return _fail("logs", exc)
    return 0
