"""Code packages for the agent runtime tests, made in memory: a stdlib HTTP agent (health check, echo, an
OpenAI-style chat completion, JSON and SSE), wheels built by hand (offline), and the bad packages the server must
refuse."""

from __future__ import annotations

import base64
import io
import os
import secrets
import stat
import zipfile
from collections.abc import Mapping

from agentrun._core.crc64 import crc64

AGENT = r"""
import json, os, socket, sys, time
from urllib.parse import parse_qs
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

EXTRA = ""
try:
    import tinydep
    EXTRA = tinydep.GREETING
except ImportError:
    pass


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        print("request", self.path, flush=True)

    def _json(self, status, value):
        body = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _body(self):
        return self.rfile.read(int(self.headers.get("content-length") or 0))

    def do_GET(self):
        if self.path == "/health":
            return self._json(200, {"status": "ok"})
        if self.path == "/long-header":  # one header line of 12 KiB (a big cookie, say)
            body = b"{}"
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("x-long", "v" * 12 * 1024)
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        if self.path.startswith("/spam-"):  # /spam-<KiB>: that much output, to stdout and stderr alternately
            for line in range(int(self.path[len("/spam-"):])):
                print(f"{line:08d}" + "x" * 1015, file=sys.stdout if line % 2 else sys.stderr, flush=True)
            return self._json(200, {"ok": True})
        if self.path.startswith("/try-"):  # what the instance may do on its machine: /try-<action>?p=<target>
            action, _, query = self.path[len("/try-"):].partition("?")
            target = parse_qs(query)["p"][0]
            try:
                if action == "read":
                    with open(target, "rb") as file:
                        file.read(16)
                elif action == "write":
                    with open(target, "w") as file:
                        file.write("x")
                elif action == "connect":
                    host, _, port = target.rpartition(":")
                    socket.create_connection((host, int(port)), timeout=2).close()
                elif action == "alloc":
                    try:
                        bytearray(int(target) * 1024 * 1024)
                    except MemoryError:
                        raise OSError("MemoryError") from None
                else:
                    os.listdir(target)
            except OSError as exc:
                return self._json(200, {"ok": False, "error": f"{type(exc).__name__}: {exc}"})
            return self._json(200, {"ok": True})
        return self._json(200, {"path": self.path, "pid": os.getpid(), "port": os.environ["PORT"],
                                "fc_port": os.environ["FC_SERVER_PORT"], "greeting": os.environ.get("GREETING"),
                                "extra": EXTRA, "session": self.headers.get("x-agentrun-session-id"),
                                "marker": sys.argv[1] if len(sys.argv) > 1 else None})

    def do_POST(self):
        body = self._body()
        if self.path != "/openai/v1/chat/completions":
            return self._json(200, {"path": self.path, "echo": body.decode(), "pid": os.getpid()})
        request = json.loads(body)
        text = "you said: " + request["messages"][-1]["content"]
        if not request.get("stream"):
            message = {"role": "assistant", "content": text}
            return self._json(200, {"id": "chatcmpl-1", "object": "chat.completion", "created": 1,
                                    "model": request["model"],
                                    "choices": [{"index": 0, "message": message, "finish_reason": "stop"}]})
        # "crash ..." exits after two words, the SSE close-delimited; "crash chunked ..." the same, chunked
        crash = request["messages"][-1]["content"].startswith("crash")
        chunked = crash and " chunked" in request["messages"][-1]["content"]
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("cache-control", "no-cache")
        self.send_header("transfer-encoding" if chunked else "connection", "chunked" if chunked else "close")
        self.end_headers()

        def write(data):
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data) if chunked else data)
            self.wfile.flush()

        for index, word in enumerate(text.split(" ")):
            if crash and index == 2:
                print("crashing mid-stream", flush=True)
                os._exit(3)
            chunk = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1, "model": request["model"],
                     "choices": [{"index": 0, "delta": {"content": word + " "}, "finish_reason": None}]}
            write(b"data: " + json.dumps(chunk).encode() + b"\n\n")
            time.sleep(float(os.environ.get("CHUNK_DELAY", "0.05")))
        write(b"data: [DONE]\n\n")
        self.close_connection = True


ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler).serve_forever()
"""


def instance_processes(marker: str) -> list[int]:
    """Host pids of processes whose command line holds `marker` (an instance's agent and its relay)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                    if marker.encode() in cmdline.read():
                        found.append(int(entry))
            except OSError:
                continue
    return found


def make_zip(files: Mapping[str, bytes | str], *, symlinks: Mapping[str, str] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
        for name, target in (symlinks or {}).items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, target)
    return out.getvalue()


def code_configuration(data: bytes, *, command: list[str] | None = None, language: str = "python3.12",
                       checksum: str | None = None) -> dict[str, object]:  # fmt: skip
    """The codeConfiguration AgentRuntimeCode.from_zip_file sends (checksum: the zip's CRC-64 unless given)."""
    return {
        "language": language,
        # the last argument marks the instance's processes (instance_processes finds them on the host)
        "command": command if command is not None else ["python", "main.py", f"ari-marker-{secrets.token_hex(6)}"],
        "zipFile": base64.b64encode(data).decode(),
        "checksum": checksum if checksum is not None else str(crc64(data)),
    }


def agent_zip(extra: Mapping[str, bytes | str] | None = None) -> bytes:
    return make_zip({"main.py": AGENT, **(extra or {})})


def wheel(name: str, version: str, module: str, source: str) -> bytes:
    """A pure-Python wheel made by hand: pip installs it from a path, with no index and no build step."""
    dist = f"{name}-{version}.dist-info"
    files = {
        f"{module}.py": source,
        f"{dist}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n",
        f"{dist}/WHEEL": "Wheel-Version: 1.0\nGenerator: hand\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    files[f"{dist}/RECORD"] = "".join(f"{path},,\n" for path in [*files, f"{dist}/RECORD"])
    return make_zip(files)
