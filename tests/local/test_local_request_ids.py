"""Request ids (agentrun/local/request_ids.py): upper-case version 4 UUIDs, all different, also across a fork."""

from __future__ import annotations

import os
import uuid

from agentrun.local.request_ids import new_request_id


def test_ids_are_upper_case_version_4_uuids_and_never_repeat() -> None:
    ids = [new_request_id() for _ in range(2000)]  # several refills of the buffer
    assert len(set(ids)) == len(ids)
    for text in ids:
        parsed = uuid.UUID(text)
        assert parsed.version == 4 and parsed.variant == uuid.RFC_4122
        assert str(parsed).upper() == text


def test_a_forked_child_draws_other_ids_than_its_parent() -> None:
    new_request_id()  # the buffer holds ids the child would otherwise repeat
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover (the child)
        os.write(writer, new_request_id().encode())
        os._exit(0)
    os.close(writer)
    os.waitpid(pid, 0)
    with os.fdopen(reader, "rb") as child:
        from_child = child.read().decode()
    assert from_child != new_request_id()
