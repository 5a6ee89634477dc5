"""The REPL worker of one code context. It runs INSIDE the sandbox (forked from the zygote), imports only the
standard library, and speaks newline-delimited JSON over one connected unix socket:

    engine -> worker   {"id": "<execution id>", "code": "<python source>"}
    worker -> engine   {"id": ..., "type": "stdout" | "stderr", "text": ...}
                       {"id": ..., "type": "result", "data": {<mime>: <str>}, "isMainResult": bool}
                       {"id": ..., "type": "error", "name": ..., "value": ..., "traceback": [...]}
                       {"id": ..., "type": "end", "status": "ok" | "error" | "interrupted",
                        "executionCount": n, "durationMs": n}

The first message the worker sends is {"type": "hello", "pid": <pid>} with SCM_CREDENTIALS attached, so the engine
learns the worker's pid in its own pid namespace.

Every message stays under MESSAGE_LIMIT bytes (the engine cuts off a worker that sends one over ipc.MAX_MESSAGE,
twice that): output goes in chunks; a result whose MIME values would pass RESULT_LIMIT has the largest ones written
to files, `~/.agentrun/output/<execution>/result-<n>.<ext>` (text/plain keeps its head), and its text/plain says so;
an error's message and traceback are cut in the middle past a bound, saying how much.

Interrupts arrive as SIGINT and raise KeyboardInterrupt in the user's code only, never in the protocol machinery.
Timeouts are the engine's job (SIGINT, then SIGKILL).

File descriptors 1 and 2 are pipes read by a forwarding thread, so output written by subprocesses and C code is
streamed like `print`'s. Each cell ends with a marker written to both pipes: when the thread has seen both, every
byte the cell wrote has been sent, and `end` can follow.
"""

from __future__ import annotations

import ast
import base64
import builtins
import codecs
import contextlib
import fcntl
import importlib.abc
import importlib.machinery
import io
import json
import linecache
import os
import selectors
import signal
import socket
import struct
import sys
import termios
import threading
import time
import traceback
import types
from collections.abc import Callable
from typing import Any

MIME_METHODS = (
    ("text/html", "_repr_html_"),
    ("text/markdown", "_repr_markdown_"),
    ("text/latex", "_repr_latex_"),
    ("image/svg+xml", "_repr_svg_"),
    ("image/png", "_repr_png_"),
    ("image/jpeg", "_repr_jpeg_"),
    ("application/json", "_repr_json_"),
)
_BINARY_MIMES = frozenset({"image/png", "image/jpeg"})
_EXTENSIONS = {
    "text/plain": "txt",
    "text/html": "html",
    "text/markdown": "md",
    "text/latex": "tex",
    "image/svg+xml": "svg",
    "image/png": "png",
    "image/jpeg": "jpeg",
    "application/json": "json",
}
MIB = 1024 * 1024
MESSAGE_LIMIT = 4 * MIB  # bytes of one message, as sent (ipc.MAX_MESSAGE is twice this)
RESULT_LIMIT = 3 * MIB  # bytes of a result's MIME values, JSON-encoded; larger values go to files
TEXT_HEAD = 64 * 1024  # characters of a text/plain kept when the whole goes to a file
ERROR_VALUE_LIMIT = 64 * 1024  # characters of an error's message
TRACEBACK_LIMIT = 512 * 1024  # characters of an error's traceback (its lines, with their head and tail kept)
OUTPUT_DIR = ".agentrun/output"  # under the home directory
_DRAIN_TIMEOUT = 2.0  # seconds to wait for the forwarding thread at the end of a cell
_COALESCE = 0.001  # seconds the forwarding thread waits for more output before sending a chunk
MPL_BACKEND = "module://_agentrun_mpl_backend"


class _Channel:
    """The socket to the engine. Any thread may send; each message is written whole under a lock."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.lock = threading.Lock()
        self.execution_id: str | None = None  # the running cell, or None between cells
        self.held = b""  # a message kept back to go out with the next one

    def send(self, message: dict[str, Any], *, hold: bool = False) -> None:
        """Write `message` whole. `hold` keeps it back until the next message, whichever thread sends that: a cell's
        main result and its end then reach the engine in one write, so it wakes once for both."""
        line = _message_bytes(message) + b"\n"
        if len(line) > MESSAGE_LIMIT:  # what sends messages keeps them smaller; never let one through
            kind = message.get("type")
            note = f"[AgentRun Local: a {kind} message of {len(line):,} bytes was dropped; at most {MESSAGE_LIMIT:,}]\n"
            line = _message_bytes({"id": message.get("id"), "type": "stderr", "text": note}) + b"\n"
        with self.lock:
            if hold:
                self.held += line
                return
            if self.held:
                line, self.held = self.held + line, b""
            self.sock.sendall(line)

    def hello(self) -> None:
        line = json.dumps({"type": "hello", "pid": os.getpid()}).encode() + b"\n"
        creds = struct.pack("3i", os.getpid(), os.getuid(), os.getgid())
        with self.lock:
            sent = self.sock.sendmsg([line], [(socket.SOL_SOCKET, socket.SCM_CREDENTIALS, creds)])
            if sent < len(line):
                self.sock.sendall(line[sent:])


class _Interrupts:
    """SIGINT raises KeyboardInterrupt only while user code runs and outside a protocol write; a signal that
    arrives during such a write is raised right after it."""

    def __init__(self) -> None:
        self.user_code = False
        self.protected = 0
        self.pending = False

    def handler(self, signum: int, frame: types.FrameType | None) -> None:
        if not self.user_code:
            return
        if self.protected:
            self.pending = True
            return
        raise KeyboardInterrupt

    def protect(self) -> None:
        self.protected += 1

    def unprotect(self) -> None:
        self.protected -= 1
        if not self.protected and self.pending and self.user_code:
            self.pending = False
            raise KeyboardInterrupt


class _Forwarder(threading.Thread):
    """Reads the pipes behind fds 1 and 2 and sends their bytes as stdout/stderr events, decoded as UTF-8; bytes
    that are not UTF-8 arrive as `\\xNN` escapes (as `sys.stdout` writes lone surrogates), so none is lost."""

    def __init__(self, channel: _Channel, pipes: dict[str, int], marker: bytes) -> None:
        super().__init__(name="agentrun-output", daemon=True)
        self.channel = channel
        self.pipes = pipes
        self.marker = marker
        self.seen: dict[str, threading.Event] = {name: threading.Event() for name in pipes}
        self.decoders = {name: codecs.getincrementaldecoder("utf-8")("backslashreplace") for name in pipes}
        self.held = dict.fromkeys(pipes, b"")
        # From the moment the pipes are seen readable until what was read has been sent (or while part of a
        # character or of a marker is held back): `quiet` reads it to know whether a drain can be skipped.
        self.busy = False

    def run(self) -> None:
        selector = selectors.DefaultSelector()
        for name, fd in self.pipes.items():
            selector.register(fd, selectors.EVENT_READ, name)
        while True:
            chunks = self._read(selector, None)
            # `print` writes the text and the newline separately: wait a moment for the rest of a partial line
            deadline = time.monotonic() + _COALESCE
            while chunks and not self._complete(chunks):
                more = self._read(selector, max(0.0, deadline - time.monotonic()))
                if not more:
                    break
                for name, data in more.items():
                    chunks[name] = chunks.get(name, b"") + data
            for name, data in chunks.items():
                self._feed(name, data)
            self.busy = any(self.held.values()) or any(decoder.getstate()[0] for decoder in self.decoders.values())

    def _complete(self, chunks: dict[str, bytes]) -> bool:
        """Send without waiting: whole lines, a full buffer, or a drain's marker."""
        if all(data.endswith(b"\n") for data in chunks.values()) or sum(map(len, chunks.values())) >= 65536:
            return True
        return any(self.marker in self.held[name][-len(self.marker) :] + data for name, data in chunks.items())

    def _read(self, selector: selectors.BaseSelector, timeout: float | None) -> dict[str, bytes]:
        chunks: dict[str, bytes] = {}
        ready = selector.select(timeout)
        if ready:
            self.busy = True  # before reading: `quiet` must not see empty pipes and an idle forwarder in between
        for key, _ in ready:
            name = str(key.data)
            try:
                chunk = os.read(self.pipes[name], 65536)
            except OSError:
                chunk = b""
            if chunk:
                chunks[name] = chunk
            else:
                selector.unregister(self.pipes[name])
        return chunks

    def _feed(self, name: str, chunk: bytes) -> None:
        data = self.held[name] + chunk
        while True:
            at = data.find(self.marker)
            if at < 0:
                break
            self._emit(name, data[:at], final=True)
            data = data[at + len(self.marker) :]
            self.seen[name].set()
        keep = _partial_suffix(data, self.marker)
        self.held[name] = data[len(data) - keep :] if keep else b""
        self._emit(name, data[: len(data) - keep], final=False)

    def _emit(self, name: str, data: bytes, *, final: bool) -> None:
        text = self.decoders[name].decode(data, final=final)
        if text:
            self.channel.send({"id": self.channel.execution_id, "type": name, "text": text})

    def quiet(self) -> bool:
        """Whether every byte written to fds 1 and 2 before this call has already been sent (so `drain` has nothing
        to wait for). The pipes are read first: once they are empty, any byte written earlier was read, and the
        forwarder is busy from before that read until the byte is sent."""
        waiting = bytearray(4)
        for fd in self.pipes.values():
            fcntl.ioctl(fd, termios.FIONREAD, waiting)
            if int.from_bytes(waiting, sys.byteorder):
                return False
        return not self.busy

    def drain(self) -> None:
        """Block until every byte written to fds 1 and 2 before this call has been sent."""
        for event in self.seen.values():
            event.clear()
        for fd in (1, 2):
            _write_all(fd, self.marker)
        deadline = time.monotonic() + _DRAIN_TIMEOUT
        for event in self.seen.values():
            event.wait(max(0.0, deadline - time.monotonic()))


def _partial_suffix(data: bytes, marker: bytes) -> int:
    """Length of the longest suffix of `data` that is a proper prefix of `marker` (held back for the next read)."""
    for size in range(min(len(data), len(marker) - 1), 0, -1):
        if data.endswith(marker[:size]):
            return size
    return 0


def _write_all(fd: int, data: bytes) -> None:
    while data:
        data = data[os.write(fd, data) :]


class Worker:
    """One code context: its namespace and execution counter survive across cells."""

    def __init__(self, sock: socket.socket) -> None:
        self.channel = _Channel(sock)
        self.interrupts = _Interrupts()
        self.count = 0
        self.pid = os.getpid()
        self.module = types.ModuleType("__main__")
        self.module.__dict__["__builtins__"] = builtins
        self.namespace: dict[str, Any] = self.module.__dict__
        self.forwarder: _Forwarder | None = None
        self.home = os.environ.get("HOME") or "/home/user"  # as the sandbox started: the cells may change HOME
        self.results = 0  # results sent by the running cell

    # -- setup -----------------------------------------------------------------------------------------------
    def setup(self) -> None:
        signal.signal(signal.SIGINT, self.interrupts.handler)
        sys.modules["__main__"] = self.module
        null = os.open(os.devnull, os.O_RDWR)
        os.dup2(null, 0)
        os.close(null)
        pipes: dict[str, int] = {}
        for name, fd in (("stdout", 1), ("stderr", 2)):
            read_end, write_end = os.pipe()
            os.dup2(write_end, fd)
            os.close(write_end)
            os.set_inheritable(read_end, False)
            pipes[name] = read_end
        sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115 - lives as long as the process
        sys.stdout = _text_stream(1)
        sys.stderr = _text_stream(2)
        self.forwarder = _Forwarder(self.channel, pipes, b"\x00\x1b[agentrun:" + os.urandom(8).hex().encode() + b"]")
        self.forwarder.start()
        _install_matplotlib_backend(self.show_figures)

    # -- serving ---------------------------------------------------------------------------------------------
    def serve(self) -> None:
        self.channel.hello()
        reader = self.channel.sock.makefile("rb")
        while True:
            try:
                line = reader.readline()
            except KeyboardInterrupt:  # only possible if a signal slips past the handler; stay alive
                continue
            if not line:
                return
            try:
                request = json.loads(line)
            except ValueError:
                continue
            if isinstance(request, dict) and isinstance(request.get("code"), str):
                self.run_cell(str(request.get("id", "")), request["code"])

    def send(self, message: dict[str, Any], *, hold: bool = False) -> None:
        """Send a message of the main thread, after all output written so far (results stay in order). `hold`: see
        `_Channel.send`."""
        self.interrupts.protect()
        try:
            self._flush_user_streams()
            if self.forwarder is not None and not self.forwarder.quiet():
                self.forwarder.drain()
            self.channel.send({"id": self.channel.execution_id, **message}, hold=hold)
        finally:
            self.interrupts.unprotect()

    def run_cell(self, execution_id: str, code: str) -> None:
        self.count += 1
        self.results = 0
        self.channel.execution_id = execution_id
        started = time.monotonic()
        try:
            status = self._run(code)
        except KeyboardInterrupt:  # a signal landed in the few instructions between user code and the handlers
            self.interrupts.user_code = False
            status = "interrupted"
        self.show_figures()
        duration = int((time.monotonic() - started) * 1000)
        self.send({"type": "end", "status": status, "executionCount": self.count, "durationMs": duration})
        self.channel.execution_id = None

    def _run(self, code: str) -> str:
        filename = f"<cell-{self.count}>"
        try:
            tree = ast.parse(code, filename, "exec")
        except (SyntaxError, ValueError, OverflowError) as exc:
            self.send_error(exc, skip_frames=True)
            return "error"
        linecache.cache[filename] = (len(code), None, code.splitlines(keepends=True), filename)
        last: ast.expr | None = None
        if tree.body and isinstance(tree.body[-1], ast.Expr):
            last = tree.body[-1].value
            del tree.body[-1]
        try:
            body = compile(tree, filename, "exec")
            final = compile(ast.Expression(last), filename, "eval") if last is not None else None
            value = self._user(body, final)
        except KeyboardInterrupt as exc:
            self.interrupts.user_code = False
            self.send_error(exc)
            return "interrupted"
        except BaseException as exc:  # SystemExit included: the context stays alive, as in Jupyter
            self.interrupts.user_code = False
            self.send_error(exc)
            return "error"
        if value is not None:
            self.namespace["_"] = value
            self.send_result(value, hold=True)  # nothing of the cell runs after it: it goes out with the end
        return "ok"

    def _user(self, body: types.CodeType, final: types.CodeType | None) -> Any:
        """Run the cell's code with interrupts armed; the only place user code runs."""
        self.interrupts.pending = False
        self.interrupts.user_code = True
        try:
            exec(body, self.namespace)
            value = eval(final, self.namespace) if final is not None else None
        except BaseException:
            self._leave_user_code(failed=True)
            raise
        self._leave_user_code(failed=False)
        return value

    def _leave_user_code(self, *, failed: bool) -> None:
        self.interrupts.user_code = False
        if os.getpid() != self.pid:  # a process the cell forked came back here: it must not speak the protocol
            self._flush_user_streams()
            os._exit(1 if failed else 0)

    def _flush_user_streams(self) -> None:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):  # a stream the user replaced may be broken: output is best effort
                stream.flush()

    # -- results ---------------------------------------------------------------------------------------------
    def send_result(self, value: Any, *, main: bool = True, hold: bool = False) -> None:
        self.send_bundle(mime_bundle(value), main=main, hold=hold)

    def send_bundle(self, bundle: dict[str, str], *, main: bool, hold: bool = False) -> None:
        self.results += 1
        directory = f"{self.home}/{OUTPUT_DIR}/{self.channel.execution_id}"
        bounded = bound_bundle(bundle, directory, f"result-{self.results}")
        self.send({"type": "result", "data": bounded, "isMainResult": main}, hold=hold)

    def send_error(self, exc: BaseException, *, skip_frames: bool = False) -> None:
        if skip_frames:
            lines = traceback.format_exception_only(type(exc), exc)
        else:
            report = traceback.TracebackException(type(exc), exc, exc.__traceback__)
            _drop_worker_frames(report)
            lines = list(report.format())
        self.send(
            {
                "type": "error",
                "name": clip(type(exc).__name__, 1000),
                "value": clip(_safe_str(exc), ERROR_VALUE_LIMIT),
                "traceback": clip_lines("".join(lines).splitlines(), TRACEBACK_LIMIT),
            }
        )

    def show_figures(self) -> None:
        """Send every open matplotlib figure as an image/png display result and close it (plt.show, cell end)."""
        pyplot = sys.modules.get("matplotlib.pyplot")
        if pyplot is None:
            return
        try:
            numbers = list(pyplot.get_fignums())
        except Exception:
            return
        for number in numbers:
            try:
                figure = pyplot.figure(number)
                data = figure_png(figure)
                pyplot.close(figure)
            except Exception:
                continue
            self.send_bundle({"text/plain": repr(figure), "image/png": data}, main=False)


def _message_bytes(message: dict[str, Any]) -> bytes:
    return json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "replace")


def _encoded_size(text: str) -> int:
    """Bytes of `text` as a JSON string; without encoding it when it is surely small (6 bytes a character at most)."""
    return 6 * len(text) if len(text) <= 4096 else len(json.dumps(text, ensure_ascii=False).encode("utf-8", "replace"))


def bound_bundle(bundle: dict[str, str], directory: str, stem: str) -> dict[str, str]:
    """`bundle` within RESULT_LIMIT: its largest values go, whole, to files `<directory>/<stem>.<ext>` and leave the
    bundle (text/plain keeps its head); text/plain ends with a line per value saying where it is."""
    sizes = {mime: _encoded_size(value) for mime, value in bundle.items()}
    if sum(sizes.values()) <= RESULT_LIMIT:
        return bundle
    bounded = dict(bundle)
    notes: list[str] = []
    at_most = f"a result carries at most {RESULT_LIMIT // MIB} MiB"
    for mime in sorted(sizes, key=sizes.__getitem__, reverse=True):
        if sum(sizes.values()) <= RESULT_LIMIT:
            break
        value = bounded.pop(mime)
        where = _write_value(f"{directory}/{stem}.{_EXTENSIONS.get(mime) or _extension(mime)}", mime, value)
        what = f"{mime} ({len(value):,} characters)"
        if mime == "text/plain":
            bounded[mime] = value[:TEXT_HEAD]
            sizes[mime] = _encoded_size(bounded[mime])
            notes.insert(0, f"[AgentRun Local: {what} is cut here, {at_most}; {where}]")
        else:
            del sizes[mime]
            notes.append(f"[AgentRun Local: {what} is left out of this result, {at_most}; {where}]")
    text = bounded.get("text/plain", "")
    bounded["text/plain"] = text + ("" if not text or text.endswith("\n") else "\n") + "\n".join(notes)
    return bounded


def _extension(mime: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in mime)[:64] + ".txt"


def _write_value(path: str, mime: str, value: str) -> str:
    """Write a MIME value whole to `path` (binary images decoded from base64); says where it is, or why not."""
    try:
        data = base64.b64decode(value, validate=True) if mime in _BINARY_MIMES else None
    except ValueError:
        data = None
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as file:
            file.write(data if data is not None else value.encode("utf-8", "backslashreplace"))
    except OSError as exc:
        return f"writing it to {path} failed ({exc.strerror or exc}), so it is lost"
    return f"it is whole in {path}"


def clip(text: str, limit: int) -> str:
    """`text` with its middle cut past `limit` characters, saying how much."""
    if len(text) <= limit:
        return text
    head = limit // 4
    tail = limit - head
    return f"{text[:head]}\n[AgentRun Local: {len(text) - limit:,} characters cut]\n{text[-tail:]}"


def clip_lines(lines: list[str], limit: int) -> list[str]:
    """`lines` with lines in the middle left out past `limit` characters in all (each line cut as `clip` does)."""
    lines = [clip(line, limit // 8) for line in lines]
    if sum(len(line) for line in lines) <= limit:
        return lines
    head: list[str] = []
    budget = limit // 4
    for line in lines:
        if len(line) > budget:
            break
        head.append(line)
        budget -= len(line)
    tail: list[str] = []
    budget = limit - limit // 4
    for line in reversed(lines[len(head) :]):
        if len(line) > budget:
            break
        tail.insert(0, line)
        budget -= len(line)
    cut = len(lines) - len(head) - len(tail)
    return [*head, f"[AgentRun Local: {cut:,} lines of the traceback cut]", *tail]


def _text_stream(fd: int) -> io.TextIOWrapper:
    raw = io.FileIO(fd, "w", closefd=False)
    return io.TextIOWrapper(raw, encoding="utf-8", errors="backslashreplace", write_through=True)


def _safe_str(value: object) -> str:
    try:
        return str(value)
    except Exception:
        return f"<unprintable {type(value).__name__}>"


def _safe_repr(value: object) -> str:
    try:
        return repr(value)
    except Exception:
        return f"<unrepresentable {type(value).__name__}>"


def _drop_worker_frames(report: traceback.TracebackException) -> None:
    """Remove this module's frames (the exec call, the SIGINT handler) from a report and the reports it chains."""
    seen: set[int] = set()
    pending: list[traceback.TracebackException | None] = [report]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        current.stack = traceback.StackSummary.from_list([f for f in current.stack if f.filename != __file__])
        pending += [current.__cause__, current.__context__]


def figure_png(figure: Any) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def mime_bundle(value: Any) -> dict[str, str]:
    """The MIME bundle of a value: `text/plain` always, plus what its `_repr_*_` methods offer (IPython's protocol).
    Binary images are base64; `application/json` is JSON text."""
    bundle: dict[str, str] = {}
    if not isinstance(value, type):
        method = getattr(value, "_repr_mimebundle_", None)
        if callable(method):
            try:
                produced = method()
                if isinstance(produced, tuple):
                    produced = produced[0]
                if isinstance(produced, dict):
                    for mime, data in produced.items():
                        encoded = _encode(str(mime), data)
                        if encoded is not None:
                            bundle[str(mime)] = encoded
            except Exception:
                pass
        for mime, name in MIME_METHODS:
            if mime in bundle:
                continue
            method = getattr(value, name, None)
            if not callable(method):
                continue
            try:
                data = method()
            except Exception:
                continue
            if isinstance(data, tuple):  # (data, metadata)
                data = data[0]
            encoded = _encode(mime, data)
            if encoded is not None:
                bundle[mime] = encoded
        if "image/png" not in bundle and type(value).__module__.startswith("matplotlib.figure"):
            with contextlib.suppress(Exception):
                bundle["image/png"] = figure_png(value)
    bundle.setdefault("text/plain", _safe_repr(value))
    return bundle


def _encode(mime: str, data: Any) -> str | None:
    if data is None:
        return None
    if mime in _BINARY_MIMES:
        if isinstance(data, str):
            return data  # already base64, as IPython allows
        if isinstance(data, bytes | bytearray):
            return base64.b64encode(bytes(data)).decode("ascii")
        return None
    if isinstance(data, bytes | bytearray):
        return bytes(data).decode("utf-8", "replace")
    if mime == "application/json" or mime.endswith("+json"):
        try:
            return json.dumps(data)
        except (TypeError, ValueError):
            return None
    return data if isinstance(data, str) else _safe_str(data)


def _install_matplotlib_backend(show: Callable[[], None]) -> None:
    """Make `module://_agentrun_mpl_backend` (MPLBACKEND) an Agg backend whose `show()` sends the open figures.
    Nothing imports matplotlib here: the module is built only when matplotlib asks for it."""

    class Loader(importlib.abc.Loader):
        def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType | None:
            return None

        def exec_module(self, module: types.ModuleType) -> None:
            from matplotlib.backend_bases import FigureManagerBase
            from matplotlib.backends.backend_agg import FigureCanvasAgg

            def backend_show(*args: Any, **kwargs: Any) -> None:
                show()

            module.__dict__.update(FigureCanvas=FigureCanvasAgg, FigureManager=FigureManagerBase, show=backend_show)

    class Finder(importlib.abc.MetaPathFinder):
        def find_spec(
            self, fullname: str, path: Any = None, target: types.ModuleType | None = None
        ) -> importlib.machinery.ModuleSpec | None:
            if fullname != MPL_BACKEND.removeprefix("module://"):
                return None
            return importlib.machinery.ModuleSpec(fullname, Loader())

    sys.meta_path.append(Finder())


def serve(sock: socket.socket) -> None:
    """Serve one context on `sock` until the engine closes it, then exit the process."""
    worker = Worker(sock)
    worker.setup()
    try:
        worker.serve()
    finally:
        os._exit(0)
