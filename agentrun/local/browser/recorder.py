"""Recording a browser sandbox's session (`?recording=true` on its automation socket, openapi/data.yaml): a CDP
screencast of every page, piped to ffmpeg, which writes segmented Matroska files into the sandbox's
`/home/user/.browser/recordings/` (ListRecordings/DownloadRecording/DeleteRecording serve them from there).

ffmpeg runs INSIDE the sandbox (its namespaces, seccomp filter and cgroup), since the frames it decodes come from the
sandbox; the server only moves bytes. Frames arrive when a page changes, so ffmpeg stamps each with the wall clock
(the video plays in real time). A recording is listed once it is finished: `in_progress` names the file prefixes
still being written.

    async with recording(browser):      # until the block exits; then ffmpeg is given 10 s to finish the file
        ...
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import shlex
import shutil
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio

from agentrun.local.browser import screencast
from agentrun.local.browser.chromium import STATE_DIR, Browser
from agentrun.local.sandbox import SandboxError
from agentrun.local.sandbox.processes import ProcessHandle

logger = logging.getLogger("agentrun.local.browser")

DIRECTORY = f"{STATE_DIR}/recordings"  # under /home/user
SEGMENT_SECONDS = 300
FINISH_TIMEOUT = 10.0
INSTALL_HINT = "install Debian's ffmpeg package (`make system-deps`, or apt-get install ffmpeg)"
MAX_MESSAGE = 64 * 1024 * 1024
_sequence = itertools.count(1)
# workspace path -> prefixes of the recordings ffmpeg is still writing there (left out of ListRecordings)
in_progress: dict[str, set[str]] = {}


class RecordingUnavailable(Exception):
    """No ffmpeg on this machine."""


def find_ffmpeg() -> str | None:
    return shutil.which("ffmpeg")


def ffmpeg_command(executable: str, prefix: str) -> str:
    directory = f"/home/user/{DIRECTORY}"
    argv = [
        executable, "-nostdin", "-hide_banner", "-loglevel", "error",
        "-use_wallclock_as_timestamps", "1", "-f", "image2pipe", "-c:v", "mjpeg", "-i", "pipe:0",
        "-vf", "scale=trunc(iw/2)*2:trunc(ih/2)*2",  # libx264 with yuv420p needs even sides
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
        "-f", "segment", "-segment_time", str(SEGMENT_SECONDS), "-segment_start_number", "1",
        "-reset_timestamps", "1", "-segment_format", "matroska", f"{directory}/{prefix}_seg%03d.mkv",
    ]  # fmt: skip
    # -nostdin only stops ffmpeg reading commands from the terminal; the frames come on pipe:0
    return f"mkdir -p {shlex.quote(directory)} && exec {shlex.join(argv)}"


@asynccontextmanager
async def recording(browser: Browser) -> AsyncIterator[None]:
    """Record the browser's pages while the block runs. Raises RecordingUnavailable (no ffmpeg)."""
    executable = find_ffmpeg()
    if executable is None:
        raise RecordingUnavailable(f"recording needs ffmpeg, which this machine lacks: {INSTALL_HINT}")
    prefix = f"cdp_{time.strftime('%Y%m%d_%H%M%S', time.gmtime())}_{next(_sequence):03d}"
    workspace = str(browser.sandbox.workspace)
    active = in_progress.setdefault(workspace, set())
    active.add(prefix)
    try:
        ffmpeg = await browser.sandbox.start_process(ffmpeg_command(executable, prefix))
        try:
            async with anyio.create_task_group() as group:
                group.start_soon(_screencast, browser, ffmpeg)
                try:
                    yield
                finally:
                    group.cancel_scope.cancel()
        finally:
            with anyio.CancelScope(shield=True):
                await _finish(ffmpeg)
    finally:
        active.discard(prefix)
        if not active:
            in_progress.pop(workspace, None)


async def _finish(ffmpeg: ProcessHandle) -> None:
    """End of input: ffmpeg writes the last segment's index and exits; killed if it takes longer."""
    try:
        await ffmpeg.close_stdin()
        with anyio.fail_after(FINISH_TIMEOUT):
            code = await ffmpeg.wait()
        if code != 0:
            logger.warning("ffmpeg recording the browser ended with status %s", code)
    except (TimeoutError, SandboxError, OSError) as exc:
        logger.warning("ffmpeg recording the browser did not finish (%s): killed", exc or "timeout")
        with contextlib.suppress(SandboxError, OSError):
            await ffmpeg.kill()


async def _screencast(browser: Browser, ffmpeg: ProcessHandle) -> None:
    """Every page's frames (screencast.py), fed to ffmpeg as they come."""

    async def deliver(frame: screencast.Frame) -> bool:
        try:
            await ffmpeg.write_stdin(frame.jpeg)
        except (SandboxError, OSError) as exc:
            logger.warning("ffmpeg stopped taking frames: %s", exc)
            return False
        return True

    await screencast.run(browser, deliver)
