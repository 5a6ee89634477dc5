"""CRC-64/XZ (ECMA-182 polynomial, reflected, initial value and final XOR all ones): the checksum the official SDK's
`AgentRuntimeCode.from_zip_file` sends as `codeConfiguration.checksum`, a decimal string (openapi/control.yaml,
CodeConfiguration.checksum). Pure Python, about 12 MB/s: callers run it in a worker thread. Shared by the SDK
(`agent_runtimes.deploy`) and AgentRun Local (which checks it)."""

from __future__ import annotations

_MASK = 0xFFFFFFFFFFFFFFFF
_REFLECTED_POLY = 0xC96C5795D7870F42  # 0x42F0E1EBA9EA3693 bit-reversed


def _table() -> tuple[int, ...]:
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ _REFLECTED_POLY if crc & 1 else crc >> 1
        table.append(crc)
    return tuple(table)


_TABLE = _table()


def crc64(data: bytes | bytearray | memoryview) -> int:
    crc, table = _MASK, _TABLE
    for byte in bytes(data):
        crc = table[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    return crc ^ _MASK
