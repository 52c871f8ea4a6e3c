#!/usr/bin/env python3
"""The Python side of the recording parity tests: what the reference's recorder and replay do.

    dumps          each stdin line json.loads'ed and json.dumps'ed again ("ERROR <why>" when
                   Python refuses it): the JSON dialect of recordings and replayed frames
    frames         stdin: JSON {"calls": [{"method", "args", "kwargs"}]}; prints each frame the
                   reference AgentStreamEmitter returns, as one JSON string per line
    write          stdin: JSON {"session", "started_at", "calls": [{"t", "method", "args", "kwargs"}]};
                   prints the recording the reference recorder writes for those frames: a header,
                   then per frame {"t", "event", "data"} with data json.loads'ed, json.dumps per line
    replay FILE    the reference replay without its timing: each line json.loads'ed, the header
                   (a line without "event") skipped, each event written with the emitter's _fmt

The reference package is found at $AGENT_STREAM_REFERENCE, else the vendored copy test/fixtures/python-reference
beside the repository.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent.parent
REFERENCE = Path(os.environ.get("AGENT_STREAM_REFERENCE", REPO_ROOT / "test" / "fixtures" / "python-reference"))
sys.path.insert(0, str(REFERENCE))

from agent_stream.emitter import AgentStreamEmitter, _fmt  # noqa: E402


def emit(emitter: AgentStreamEmitter, call: dict) -> str:
    return getattr(emitter, call["method"])(*call.get("args", []), **call.get("kwargs", {}))


def parse_frame(frame: str) -> tuple[str, object]:
    event_line, data_line = frame.split("\n")[:2]
    return event_line.removeprefix("event: "), json.loads(data_line.removeprefix("data: "))


def main() -> None:
    sys.stdout.reconfigure(encoding="utf-8", newline="\n")
    mode = sys.argv[1]
    if mode == "dumps":
        for line in sys.stdin.read().split("\n"):
            try:
                print(json.dumps(json.loads(line)))
            except (ValueError, RecursionError) as error:
                print(f"ERROR {type(error).__name__}")
    elif mode == "frames":
        emitter = AgentStreamEmitter()
        for call in json.load(sys.stdin)["calls"]:
            print(json.dumps(emit(emitter, call)))
    elif mode == "write":
        spec = json.load(sys.stdin)
        emitter = AgentStreamEmitter()
        print(json.dumps({"session": spec["session"], "started_at": spec["started_at"], "t": 0}))
        for call in spec["calls"]:
            event, data = parse_frame(emit(emitter, call))
            print(json.dumps({"t": call["t"], "event": event, "data": data}))
    elif mode == "replay":
        with open(sys.argv[2], encoding="utf-8") as recording:
            for line in recording:
                if not line.strip():
                    continue
                record = json.loads(line)
                if "event" in record:
                    sys.stdout.write(_fmt(record["event"], record["data"]))
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
