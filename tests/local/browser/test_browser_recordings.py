"""Recordings of browser sessions on a real AgentRun Local: `?recording=true` on the automation socket records the
pages to segmented .mkv files (ffmpeg inside the sandbox); ListRecordings, DownloadRecording and DeleteRecording
serve them (openapi/data.yaml), confined to the recordings folder."""

from __future__ import annotations

import json
import os
import shutil
import ssl
from pathlib import Path

import anyio
import httpx
import pytest
from playwright.async_api import Browser
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from agentrun import errors
from agentrun._core.request_signing import sign_data_request
from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer
from agentrun.local.browser import recorder
from agentrun.sandbox.browser import Recording
from agentrun.sandbox.sandbox import Sandbox

EBML = b"\x1a\x45\xdf\xa3"  # the first bytes of every Matroska file
ANIMATED = (
    "data:text/html,<title>recorded</title><h1 id=n>0</h1>"
    "<script>let i=0;setInterval(()=>{document.getElementById('n').textContent=++i},30)</script>"
)


@pytest.fixture(autouse=True)
def needs_ffmpeg() -> None:
    if shutil.which("ffmpeg") is None:
        pytest.skip("no ffmpeg: install Debian's ffmpeg package (make system-deps)")


async def _record(browser: Browser) -> None:
    context = browser.contexts[0] if browser.contexts else await browser.new_context()
    page = await context.new_page()
    await page.goto(ANIMATED)
    await anyio.sleep(0.6)  # ~20 changed frames


async def _probe(path: Path) -> dict[str, str]:
    command = ["ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0", "-of", "json"]
    command += ["-show_entries", "stream=codec_name,nb_read_frames,width,height", str(path)]
    result = await anyio.run_process(command)
    streams: list[dict[str, str]] = json.loads(result.stdout)["streams"]
    return streams[0]


async def _finished(sandbox: Sandbox) -> list[Recording]:
    """The recordings, once the session's recording is finished (it is listed only then)."""
    with anyio.fail_after(15):
        while not (found := await sandbox.browser.list_recordings()):  # noqa: ASYNC110 - polling the API
            await anyio.sleep(0.1)
    return found


async def test_a_recorded_session_is_listed_downloaded_and_deleted(browser_sandbox: Sandbox, tmp_path: Path) -> None:
    assert await browser_sandbox.browser.list_recordings() == []
    async with browser_sandbox.browser.playwright(record=True) as browser:
        await _record(browser)
    [recording] = await _finished(browser_sandbox)
    assert recording.filename.startswith("cdp_") and recording.filename.endswith("_seg001.mkv")
    assert recording.size is not None and recording.size > 1000
    saved = tmp_path / "session.mkv"
    assert await browser_sandbox.browser.download_recording_to(recording.filename, saved) == recording.size
    assert saved.read_bytes().startswith(EBML)
    video = await _probe(saved)  # a real video of the page changing: H.264, frames at a variable rate
    assert video["codec_name"] == "h264" and int(video["nb_read_frames"]) >= 5, video
    await browser_sandbox.browser.delete_recording(recording.filename)
    assert await browser_sandbox.browser.list_recordings() == []
    with pytest.raises(errors.NotFoundError):
        await browser_sandbox.browser.delete_recording(recording.filename)


async def test_a_session_without_recording_records_nothing(browser_sandbox: Sandbox) -> None:
    async with browser_sandbox.browser.playwright() as browser:
        await _record(browser)
    await anyio.sleep(0.3)
    assert await browser_sandbox.browser.list_recordings() == []


async def test_an_unknown_recording_is_a_404(browser_sandbox: Sandbox) -> None:
    with pytest.raises(errors.NotFoundError) as missing:
        await browser_sandbox.browser.download_recording_to("cdp_20250101_000000_001_seg001.mkv", "/dev/null")
    assert "recording cdp_20250101_000000_001_seg001.mkv does not exist" in str(missing.value)
    with pytest.raises(errors.NotFoundError):
        await browser_sandbox.browser.delete_recording("nothing.mkv")


@pytest.mark.parametrize(
    "name",
    ["%2E%2E", ".profile.mkv", "..%2F..%2Fprofile%2FLocal%20State", "%2Fetc%2Fpasswd", "a.mp4", "x%00.mkv", "a b.mkv"],
)
async def test_a_name_that_is_not_a_recording_is_refused(
    browser_sandbox: Sandbox, client: AsyncAgentRun, raw: httpx.AsyncClient, name: str
) -> None:
    base = f"{client.config.data_base_url().rstrip('/')}/sandboxes/{browser_sandbox.id}/recordings/"
    for method in ("GET", "DELETE"):
        request = httpx.Request(method, base + name)
        sign_data_request(client.config, request)
        response = await raw.send(request)
        assert response.status_code in (400, 404), (name, response.status_code)
        body = response.json()
        assert body["code"] in ("ERR_VALIDATION_FAILED", "ERR_NOT_FOUND")
        if response.status_code == 400:
            assert "use a name ListRecordings gave" in body["message"]


async def test_a_link_planted_in_the_recordings_folder_is_not_followed_out(
    browser_sandbox: Sandbox, tmp_path: Path
) -> None:
    secret = tmp_path / "host-secret.txt"
    secret.write_text("host secret")
    await browser_sandbox.commands.run(
        f"mkdir -p /home/user/.browser/recordings && ln -s {secret} /home/user/.browser/recordings/leak.mkv"
        " && ln -s /etc/passwd /home/user/.browser/recordings/passwd.mkv",
        cwd="/home/user",
    )
    assert await browser_sandbox.browser.list_recordings() == []  # links are not recordings
    for name in ("leak.mkv", "passwd.mkv"):
        with pytest.raises(errors.APIStatusError) as refused:
            await browser_sandbox.browser.download_recording_to(name, tmp_path / "out.mkv")
        assert refused.value.status_code in (400, 403, 404)
        assert not (tmp_path / "out.mkv").exists()


async def test_recording_without_ffmpeg_is_refused_saying_what_to_install(
    browser_sandbox: Sandbox, local: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(recorder, "find_ffmpeg", lambda: None)  # fault injection: this machine has no ffmpeg
    url, headers = browser_sandbox.browser.cdp_url_with_headers(record=True)
    assert url.endswith("&recording=true")
    tls = ssl.create_default_context(cafile=str(local.ca_file))
    async with connect(url, ssl=tls, additional_headers=headers) as socket:
        with pytest.raises(ConnectionClosed) as closed:
            await socket.recv()
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 1011
    assert "ffmpeg" in closed.value.rcvd.reason
    async with browser_sandbox.browser.playwright() as browser:  # the browser itself is fine
        await _record(browser)


async def test_deleting_a_sandbox_while_it_records_leaves_no_ffmpeg(
    client: AsyncAgentRun, browser_template: str
) -> None:
    before = _ffmpeg_pids()
    sandbox = await client.sandboxes.create(browser_template, idle_timeout=120)
    async with sandbox.browser.playwright(record=True) as browser:
        await _record(browser)
        assert _ffmpeg_pids() - before, "no ffmpeg ran while recording"
        with anyio.fail_after(15):  # the delete does not wait on the recording
            await sandbox.delete()
    with anyio.fail_after(10):
        while _ffmpeg_pids() - before:  # noqa: ASYNC110 - /proc offers nothing to wait on
            await anyio.sleep(0.05)


def _ffmpeg_pids() -> set[int]:
    found = set()
    for name in os.listdir("/proc"):
        try:
            with open(f"/proc/{name}/cmdline", "rb") as file:
                if file.read().split(b"\0", 1)[0].endswith(b"ffmpeg"):
                    found.add(int(name))
        except (OSError, ValueError):
            continue
    return found
