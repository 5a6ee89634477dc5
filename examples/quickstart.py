#!/usr/bin/env python3
"""A code-interpreter sandbox on AgentRun, through the async SDK: on AgentRun Local by default.

    python examples/quickstart.py                # starts AgentRun Local in-process on a free port, in a temp dir
    python examples/quickstart.py --env          # AGENTRUN_* variables instead (the cloud, or `agentrun local env`)
    python examples/quickstart.py --out DIR      # where the chart and the downloaded report go (./agentrun-demo)

It creates a sandbox template and a sandbox, streams a code execution while it runs, draws a chart and saves the
PNG, uploads a CSV and downloads the report the sandbox made of it, runs a shell command, lets a model drive the
sandbox in a small agent loop (the model asks for code, the sandbox runs it, the result goes back, the answer
streams), then deploys that loop as an agent runtime (examples/agent, written with agentrun.server) and invokes it
with streaming, and cleans up.

The model is the gateway's `default`: offline, AgentRun Local's deterministic test model (not a language model: it
turns the fenced code in the question into a tool call and then quotes the tool's result). Start the server with
AGENTRUN_LOCAL_MODEL_BASE_URL, AGENTRUN_LOCAL_MODEL_API_KEY and AGENTRUN_LOCAL_MODEL set to use a real
OpenAI-compatible model instead; the demo prints which model answered.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import io
import random
import tempfile
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import agentrun
from agentrun.sandbox import Result, Sandbox, Stderr, Stdout

STREAMING_CODE = """\
import time
for batch in range(1, 6):
    print(f"crunching batch {batch}/5", flush=True)
    time.sleep(0.25)
sum(i * i for i in range(1_000_000))
"""

CHART_CODE = """\
import matplotlib.pyplot as plt
import numpy as np

x = np.linspace(0, 4 * np.pi, 400)
fig, ax = plt.subplots(figsize=(7, 3.2))
for k, style in ((1, "-"), (2, "--"), (3, ":")):
    ax.plot(x, np.sin(k * x) / k, style, label=f"sin({k}x)/{k}")
ax.set_title("Drawn inside an AgentRun sandbox")
ax.legend(loc="upper right")
fig.tight_layout()
plt.show()
"""

MODEL = "default"
RUN_PYTHON = {
    "type": "function",
    "function": {
        "name": "run_python",
        "description": "Run Python code in a sandbox and return what it printed",
        "parameters": {"type": "object", "properties": {"code": {"type": "string"}}, "required": ["code"]},
    },
}
QUESTION = """\
Which weekday was 1 January 2000, and how many days passed from then to 1 January 2026? Run this to find out:
```python
import datetime
start, end = datetime.date(2000, 1, 1), datetime.date(2026, 1, 1)
print(start.strftime("%A"), (end - start).days)
```"""

REPORT_CODE = """\
import csv, statistics
with open("/home/user/sales.csv") as f:
    rows = list(csv.DictReader(f))
by_region = {}
for row in rows:
    by_region.setdefault(row["region"], []).append(float(row["amount"]))
lines = [f"{region:<6} n={len(v):>3}  total={sum(v):>9.2f}  mean={statistics.mean(v):>7.2f}"
         for region, v in sorted(by_region.items())]
with open("/home/user/report.txt", "w") as f:
    f.write("\\n".join(lines) + "\\n")
len(rows)
"""


class Clock:
    """Prints each step with how long it took."""

    def __init__(self) -> None:
        self.started = time.perf_counter()

    def lap(self) -> float:
        now = time.perf_counter()
        elapsed, self.started = (now - self.started) * 1000, now
        return elapsed

    def done(self, text: str) -> None:
        print(f"  ✓ {text:<72} {self.lap():8.1f} ms")


@contextlib.asynccontextmanager
async def connect(use_env: bool) -> AsyncIterator[agentrun.AsyncAgentRun]:
    if use_env:
        async with agentrun.AsyncAgentRun() as client:
            print(f"Using {client.config.data_base_url()}")
            yield client
        return
    from agentrun.local import run as run_local

    with tempfile.TemporaryDirectory(prefix="agentrun-quickstart-") as data_dir:
        async with run_local(data_dir=data_dir, port=0) as local:
            print(f"AgentRun Local is serving {local.base_url} (data in {data_dir})")
            yield local.client


def sales_csv(rows: int = 240) -> bytes:
    generator = random.Random(7)
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(["region", "amount"])
    for _ in range(rows):
        writer.writerow([generator.choice(["north", "south", "east", "west"]), f"{generator.uniform(5, 500):.2f}"])
    return text.getvalue().encode()


async def stream_code(sandbox: Sandbox, clock: Clock) -> None:
    print("\nStreaming a code execution (each line shows when it reached this client)")
    started = time.perf_counter()
    async for event in sandbox.run_code_stream(STREAMING_CODE):
        at = (time.perf_counter() - started) * 1000
        if isinstance(event, Stdout | Stderr):
            for line in event.text.splitlines():
                print(f"  │ {at:7.1f} ms  {line}")
        elif isinstance(event, Result) and event.is_main_result:
            print(f"  │ {at:7.1f} ms  result: {event.text}")
    clock.done("the output arrived while the code ran, not at the end")


async def draw_chart(sandbox: Sandbox, out: Path, clock: Clock) -> None:
    print("\nA chart")
    execution = await sandbox.run_code(CHART_CODE)
    if execution.error is not None:
        raise SystemExit(f"the chart code failed:\n{execution.error.traceback}")
    png = next((result.png_bytes for result in execution.results if result.png_bytes), None)
    if png is None:
        raise SystemExit(f"the chart code returned no image: {execution.results}")
    path = out / "chart.png"
    await asyncio.to_thread(path.write_bytes, png)
    clock.done(f"matplotlib drew it in the sandbox: {path} ({len(png) / 1024:.0f} KiB)")


async def files_round_trip(sandbox: Sandbox, out: Path, clock: Clock) -> None:
    print("\nFiles")
    data = sales_csv()
    size = await sandbox.files.write("/home/user/sales.csv", data)
    clock.done(f"uploaded sales.csv ({size} bytes, streamed as multipart)")
    execution = await sandbox.run_code(REPORT_CODE)
    clock.done(f"the sandbox read {execution.text} rows and wrote report.txt")
    local = out / "report.txt"
    size = await sandbox.files.download_to("/home/user/report.txt", local)
    clock.done(f"downloaded it to {local} ({size} bytes):")
    for line in (await asyncio.to_thread(local.read_text)).splitlines():
        print(f"  │ {line}")


async def run_command(sandbox: Sandbox, clock: Clock) -> None:
    print("\nA shell command")
    command = "cd /home/user && ls -l && echo && python3 --version && id -un 2>/dev/null || id -u"
    print(f"  $ {command}")
    result = await sandbox.commands.run(command, on_stdout=lambda text: print(_indented(text), end=""))
    clock.done(f"exit code {result.exit_code}")


async def agent_loop(client: agentrun.AsyncAgentRun, sandbox: Sandbox, clock: Clock) -> None:
    print(f"\nAn agent loop: model {MODEL!r} on the gateway, tools run in the sandbox")
    context = await sandbox.create_context()
    messages: list[Any] = [
        {"role": "system", "content": "Answer with the run_python tool's help; keep answers short."},
        {"role": "user", "content": QUESTION},
    ]
    print("  user: " + QUESTION.splitlines()[0])
    for _ in range(4):  # a few turns at most
        print("  model: ", end="", flush=True)
        async with client.models.stream(MODEL, messages, tools=[RUN_PYTHON]) as stream:
            async for chunk in stream:
                print(chunk.text, end="", flush=True)
            reply = await stream.final_completion()
        print(f"{'' if reply.text else '(asks for a tool)'}  [answered by {reply.model}]")
        if not reply.tool_calls:
            break
        messages.append(reply.message)
        for call in reply.tool_calls:
            code = str(call.arguments_json().get("code", ""))
            print(f"  tool {call.function.name}:")
            execution = await sandbox.run_code(
                code, context=context, on_stdout=lambda text: print(_indented(text), end="")
            )
            output = "".join(execution.logs.stdout) or (execution.text or "")
            if execution.error is not None:
                output += f"\n{execution.error.name}: {execution.error.value}"
            messages.append({"role": "tool", "tool_call_id": call.id, "content": output.strip()})
    clock.done("the model's tool calls ran in the sandbox and its answer streamed back")


AGENT_DIR = Path(__file__).resolve().parent / "agent"
AGENT_QUESTION = """\
How many of the numbers below 1000 are divisible by 7 but not by 11? Run this:
```python
print(sum(1 for n in range(1000) if n % 7 == 0 and n % 11))
```"""


async def deploy_agent(client: agentrun.AsyncAgentRun, template: str, clock: Clock) -> None:
    print("\nThe same loop as a deployed agent (examples/agent: agentrun.server, the gateway, a sandbox tool)")
    config = client.config
    env = {"AGENT_SANDBOX_TEMPLATE": template, "AGENT_MODEL": MODEL}
    if config.access_key_id and config.access_key_secret:  # how the agent's own SDK client signs its calls
        env |= {"AGENTRUN_ACCESS_KEY_ID": config.access_key_id, "AGENTRUN_ACCESS_KEY_SECRET": config.access_key_secret}
    name = f"demo-agent-{uuid.uuid4().hex[:6]}"
    runtime = await client.agent_runtimes.deploy(
        AGENT_DIR, name, environment_variables=env, on_progress=lambda step: print(f"  │ {step}")
    )
    clock.done(f"deployed agent runtime {name}: {runtime.status}")
    try:
        print("  user: " + AGENT_QUESTION.splitlines()[0])
        print("  agent: ", end="", flush=True)
        first: float | None = None
        async for chunk in runtime.invoke_stream([{"role": "user", "content": AGENT_QUESTION}]):
            first = first if first is not None else clock.lap()
            print(chunk.text, end="", flush=True)
        print()
        clock.done(f"streamed via the invocation route (first text after {first or 0:.0f} ms: cold start, model, tool)")
    finally:
        await runtime.delete()
    clock.done(f"deleted agent runtime {name}")


def _indented(text: str) -> str:
    return "".join(f"  │ {line}" for line in text.splitlines(keepends=True))


async def tour(client: agentrun.AsyncAgentRun, out: Path) -> None:
    suffix = uuid.uuid4().hex[:6]
    await asyncio.to_thread(out.mkdir, parents=True, exist_ok=True)
    clock = Clock()
    print("\nA template and a sandbox")
    template = await client.templates.create(f"python-{suffix}", template_type="CodeInterpreter", cpu=1, memory=2048)
    await template.wait_until_ready()
    clock.done(f"template {template.name}: {template.cpu:g} vCPU, {template.memory} MB, no network")
    try:
        async with await client.sandboxes.create(template.name, idle_timeout=300) as sandbox:
            clock.done(f"sandbox {sandbox.id} is ready")
            await stream_code(sandbox, clock)
            await draw_chart(sandbox, out, clock)
            await files_round_trip(sandbox, out, clock)
            await run_command(sandbox, clock)
            await agent_loop(client, sandbox, clock)
            await deploy_agent(client, template.name, clock)
            print("\nCleaning up")
        clock.done("deleted the sandbox (leaving `async with` does it, on errors too)")
    finally:
        await template.delete()
    clock.done(f"deleted template {template.name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--env", action="store_true", help="use AGENTRUN_* variables instead of AgentRun Local")
    parser.add_argument("--out", type=Path, default=Path("agentrun-demo"), help="where the chart and report go")
    args = parser.parse_args()

    async def run() -> None:
        async with connect(args.env) as client:
            await tour(client, args.out)
        print(f"\nDone. The chart and the report are in {args.out.resolve()}/")

    asyncio.run(run())


if __name__ == "__main__":
    main()
