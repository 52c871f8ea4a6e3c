#!/usr/bin/env python3
"""The Python side of bench/emitter.ts: the same run through the reference emitter and batcher.

Usage: python3 emitter-reference.py REFERENCE_DIR < workload.json
(workload: {"tokens": [...], "runs": N, "rounds": R}). Prints {"fps", "frames_per_run"} as JSON:
frames per second of the fastest round, timed here so process start-up is not counted.
"""
from __future__ import annotations

import json
import sys
import time

sys.path.insert(0, sys.argv[1])
from agent_stream import AgentStreamEmitter, TokenBatcher  # noqa: E402
import agent_stream.batcher as batcher_module  # noqa: E402


class FakeClock:
    """time.monotonic for the batcher, moved by hand, as the TypeScript side injects `now`."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def monotonic(self) -> float:
        return self.seconds


clock = FakeClock()
batcher_module.time = clock  # the reference reads time.monotonic() through its module global


def run(tokens: list[str]) -> list[str]:
    """One run: the same calls, in the same order, as emitRun() in bench/emitter.ts."""
    clock.seconds = 0.0
    emitter = AgentStreamEmitter()
    batcher = TokenBatcher(50)
    frames = [emitter.turn(1, total_tools=3)]
    for i in range(20):
        frames.append(emitter.thinking(f"Considering step {i}: the user asked about “Q3”."))
    for t in range(3):
        tool_id = f"toolu_{t}"
        frames.append(emitter.tool_use("search_notes", tool_id, f'query="quarterly report" page={t}'))
        frames.append(emitter.progress("search", 30 * t, "Searching notes",
                                       {"current": t + 1, "total": 3, "item_title": f"Notes {t} 📈"}))
        frames.append(emitter.tool_result("search_notes", tool_id, f"{t + 3} results: a.md, b.md", 120 + t))
    for token in tokens:
        clock.seconds += 1 / 512
        if (text := batcher.add(token)) is not None:
            frames.append(emitter.token(text))
    if (rest := batcher.flush()) is not None:
        frames.append(emitter.token(rest))
    frames.append(emitter.creation("insight", 2, "toolu_2", [{"id": "n1", "title": "Revenue"}, {"id": "n2", "title": "Costs"}]))
    frames.append(emitter.done(message_id="msg_1", num_turns=1, tool_count=3, duration_ms=4200,
                               model="claude-sonnet-4-6", total_cost_usd=0.0123))
    return frames


def main() -> None:
    workload = json.load(sys.stdin)
    tokens, runs, rounds = workload["tokens"], workload["runs"], workload["rounds"]
    frames_per_run = len(run(tokens))
    best = float("inf")
    for round_index in range(-2, rounds):
        start = time.perf_counter()
        for _ in range(runs):
            run(tokens)
        elapsed = time.perf_counter() - start
        if round_index >= 0:
            best = min(best, elapsed)
    print(json.dumps({"fps": frames_per_run * runs / best, "frames_per_run": frames_per_run}))


if __name__ == "__main__":
    main()
