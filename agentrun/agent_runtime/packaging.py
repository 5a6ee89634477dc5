"""Code packages for `agent_runtimes.deploy`: a folder zipped as CreateAgentRuntime's `codeConfiguration` carries it
(openapi/control.yaml, CodeConfiguration: `zipFile` base64, `checksum` the zip's CRC-64/XZ as a decimal string, as
the official SDK's `AgentRuntimeCode.from_file` sends it).

A `.agentrunignore` file at the folder's root leaves files out, with the simple gitignore patterns: one per line,
`#` comments, `name` or `*.log` matching at any depth, `dir/` matching directories only, `/build` or `a/b.txt`
anchored at the root, and `!pattern` taking a path back in. `.git`, `__pycache__`, `.venv`, `venv`, `node_modules`
and `*.pyc` are always left out: they are rebuilt where the code runs (requirements.txt is installed at deploy).
"""

from __future__ import annotations

import base64
import fnmatch
import io
import os
from dataclasses import dataclass
from pathlib import Path

from agentrun import errors
from agentrun._core.crc64 import crc64

IGNORE_FILE = ".agentrunignore"
ALWAYS_IGNORED = (".git/", "__pycache__/", ".venv/", "venv/", "node_modules/", "*.pyc", ".DS_Store")

# The command a package runs when deploy is given none, by its entry file (the first one present).
_ENTRY_COMMANDS = {
    "python": (("main.py", ["python", "main.py"]), ("app.py", ["python", "app.py"])),
    "nodejs": (("index.js", ["node", "index.js"]), ("main.js", ["node", "main.js"])),
}


@dataclass(frozen=True, slots=True)
class CodePackage:
    """A zipped package: its bytes, their CRC-64 and how many files it holds."""

    data: bytes
    files: int

    @property
    def checksum(self) -> str:
        return str(crc64(self.data))

    def code_configuration(self, *, language: str, command: list[str]) -> dict[str, object]:
        """CreateAgentRuntime's / UpdateAgentRuntime's `codeConfiguration` (wire keys)."""
        return {
            "language": language,
            "command": command,
            "zipFile": base64.b64encode(self.data).decode(),
            "checksum": self.checksum,
        }


@dataclass(frozen=True, slots=True)
class _Rule:
    pattern: str
    negated: bool
    directory_only: bool
    anchored: bool

    def matches(self, relative: str, is_dir: bool) -> bool:
        if self.directory_only and not is_dir:
            return False
        if self.anchored:
            return fnmatch.fnmatchcase(relative, self.pattern)
        return fnmatch.fnmatchcase(relative.rsplit("/", 1)[-1], self.pattern)


def _rule(line: str) -> _Rule | None:
    line = line.strip()
    if not line or line.startswith("#"):
        return None
    negated = line.startswith("!")
    line = line.removeprefix("!")
    directory_only = line.endswith("/")
    line = line.rstrip("/")
    anchored = "/" in line  # gitignore: a slash anywhere but at the end anchors the pattern at the root
    line = line.lstrip("/")
    if line.startswith("**/"):  # "**/name" matches at any depth, as an unanchored "name" does
        line = line[3:]
        anchored = "/" in line
    return _Rule(line, negated, directory_only, anchored) if line else None


def ignore_rules(root: Path) -> list[_Rule]:
    """The always-ignored patterns, then those of the folder's `.agentrunignore` (later rules win)."""
    lines = list(ALWAYS_IGNORED)
    ignore_file = root / IGNORE_FILE
    if ignore_file.is_file():
        lines += ignore_file.read_text(encoding="utf-8").splitlines()
    return [rule for rule in map(_rule, lines) if rule is not None]


def _ignored(rules: list[_Rule], relative: str, is_dir: bool) -> bool:
    ignored = False
    for rule in rules:
        if rule.matches(relative, is_dir):
            ignored = not rule.negated
    return ignored


def package_folder(folder: str | os.PathLike[str]) -> CodePackage:
    """Zip `folder` (its contents at the zip's root), leaving out what the ignore rules say. Symbolic links are
    followed only when they point inside the folder; others are refused (AgentRun refuses links in packages)."""
    root = Path(folder).resolve()
    if not root.is_dir():
        raise errors.InvalidArgumentError(f"{folder}: not a folder; pass the folder of the agent's code, or a .zip")
    import zipfile  # here: the SDK's import does not pay for it (~25 ms with bz2/lzma)

    rules = ignore_rules(root)
    out = io.BytesIO()
    count = 0
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for current, dirs, files in os.walk(root):
            base = Path(current)
            prefix = base.relative_to(root).as_posix()
            prefix = "" if prefix == "." else prefix + "/"
            dirs[:] = sorted(d for d in dirs if not _ignored(rules, prefix + d, True))
            for name in sorted(files):
                relative = prefix + name
                if _ignored(rules, relative, False):
                    continue
                path = base / name
                if path.is_symlink() and not path.resolve().is_relative_to(root):
                    raise errors.InvalidArgumentError(
                        f"{path} links outside the folder ({path.resolve()}); copy the file in, or list it in "
                        f"{IGNORE_FILE}"
                    )
                archive.write(path, relative)
                count += 1
    if not count:
        raise errors.InvalidArgumentError(f"{folder}: no files to deploy (all empty or ignored by {IGNORE_FILE})")
    return CodePackage(out.getvalue(), count)


def read_zip(path: str | os.PathLike[str]) -> CodePackage:
    """A zip file made elsewhere, sent as it is."""
    import zipfile

    data = Path(path).read_bytes()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            files = sum(not info.is_dir() for info in archive.infolist())
    except zipfile.BadZipFile:
        raise errors.InvalidArgumentError(f"{path} is not a zip file; pass a folder or a .zip") from None
    return CodePackage(data, files)


def load_package(source: str | os.PathLike[str] | bytes) -> CodePackage:
    """A folder zipped, a zip file read, or zip bytes as given."""
    if isinstance(source, bytes | bytearray):
        return CodePackage(bytes(source), -1)
    if Path(source).is_dir():
        return package_folder(source)
    if Path(source).is_file():
        return read_zip(source)
    raise errors.InvalidArgumentError(f"{source}: no such folder or zip file")


def default_command(source: str | os.PathLike[str] | bytes, language: str) -> list[str]:
    """The command of a folder's entry file (main.py or app.py for Python, index.js or main.js for Node.js)."""
    family = "nodejs" if language.startswith("nodejs") else "python"
    candidates = _ENTRY_COMMANDS[family]
    if not isinstance(source, bytes | bytearray) and not Path(source).exists():
        raise errors.InvalidArgumentError(f"{source}: no such folder or zip file")
    if not isinstance(source, bytes | bytearray) and Path(source).is_dir():
        for entry, command in candidates:
            if (Path(source) / entry).is_file():
                return command
    names = " or ".join(entry for entry, _ in candidates)
    raise errors.InvalidArgumentError(
        f"no command given and no {names} at the package's root: pass command=[...] (e.g. ['python', 'server.py'])"
    )
