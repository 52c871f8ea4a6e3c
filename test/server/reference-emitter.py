#!/usr/bin/env python3
"""The Python reference emitter's side of test/server/parity.test.ts.

Usage: python3 reference-emitter.py REFERENCE_DIR   (the directory that holds `agent_stream`)

Reads one JSON line per call on stdin:
  {"method": "tool_result", "args": [...], "kwargs": {...},
   "ours": "<our frame>", "ours_stream": "<a heartbeat comment, then our frame with an id line>"}
Special values travel as {"$float": "nan" | "inf" | "-inf"} and {"$int": "<digits>"}.

Writes one JSON line per call:
  {"frame": "<the reference's frame>",
   "seed": true when the seed's pytest `_parse` reads the same (event, data) from ours as from the
           reference's frame,
   "client": true when the reference React client's line rules read exactly that one event from
             "ours_stream" (so `id:` lines and comments are ignorable to it),
   "seed_with_id": the error `_parse` raises on our frame with an `id:` line, or null}
Non-finite floats compare as None: the reference writes them bare (NaN), we write null.
"""
from __future__ import annotations

import json
import math
import sys
from typing import Any

sys.path.insert(0, sys.argv[1])
from agent_stream import AgentStreamEmitter  # noqa: E402


def _parse(sse: str) -> tuple[str, dict]:
    """The seed's test helper (tests/test_emitter.py), verbatim."""
    lines = sse.strip().splitlines()
    event_type = lines[0].removeprefix("event: ")
    data = json.loads(lines[1].removeprefix("data: "))
    return event_type, data


def client_parse(stream: str) -> list[tuple[str | None, Any]]:
    """The reference React client's parser rules: it knows only `event: ` and `data: ` lines
    (one space, one data line), keeps the event name, and drops data that is not JSON."""
    events: list[tuple[str | None, Any]] = []
    event: str | None = None
    for line in stream.split("\n"):
        if line.startswith("event: "):
            event = line[len("event: "):]
        elif line.startswith("data: "):
            try:
                events.append((event, json.loads(line[len("data: "):])))
            except ValueError:
                pass
    return events


def revive(obj: dict) -> Any:
    if set(obj) == {"$float"}:
        return float(obj["$float"])
    if set(obj) == {"$int"}:
        return int(obj["$int"])
    return obj


def finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: finite(item) for key, item in value.items()}
    if isinstance(value, list):
        return [finite(item) for item in value]
    return value


def main() -> None:
    emitter = AgentStreamEmitter()
    for line in sys.stdin:
        call = json.loads(line, object_hook=revive)
        frame = getattr(emitter, call["method"])(*call["args"], **call["kwargs"])
        event, data = _parse(frame)
        expected = (event, finite(data))
        try:
            ours_event, ours_data = _parse(call["ours"])
            seed = (ours_event, finite(ours_data)) == expected
        except Exception:  # noqa: BLE001 - a frame `_parse` cannot read is a parity failure
            seed = False
        try:
            _parse(call["ours_stream"].split("\n\n", 1)[1])
            seed_with_id = None
        except Exception as error:  # noqa: BLE001 - reported to the test as text
            seed_with_id = f"{type(error).__name__}: {error}"
        result = {
            "frame": frame,
            "seed": seed,
            "client": [(e, finite(d)) for e, d in client_parse(call["ours_stream"])] == [expected],
            "seed_with_id": seed_with_id,
        }
        sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
