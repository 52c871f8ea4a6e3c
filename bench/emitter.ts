/**
 * Frames per second of `AgentStreamEmitter` + `TokenBatcher` for a realistic agent run, against the
 * Python reference running the same calls in a python3 subprocess (bench/emitter-reference.py,
 * which times its own loop). The ratio is what counts: both sides run on this machine, now.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TokenBatcher } from '../src/server/batcher';
import { AgentStreamEmitter } from '../src/server/emitter';

const REFERENCE = process.env.AGENT_STREAM_REFERENCE ?? fileURLToPath(new URL('../test/fixtures/python-reference', import.meta.url));
const PYTHON_BENCH = fileURLToPath(new URL('./emitter-reference.py', import.meta.url));

/** What both sides run: the tokens of one answer, and how often. */
export interface EmitterWorkload {
  tokens: string[];
  /** Runs per timed round. */
  runs: number;
  rounds: number;
}

/** One run: the same calls, in the same order, as run() in bench/emitter-reference.py. */
export function emitRun(tokens: readonly string[]): string[] {
  let clock = 0;
  const emitter = new AgentStreamEmitter();
  const batcher = new TokenBatcher(50, { now: () => clock });
  const frames: string[] = [emitter.turn(1, 3)];
  for (let i = 0; i < 20; i++) frames.push(emitter.thinking(`Considering step ${i}: the user asked about “Q3”.`));
  for (let t = 0; t < 3; t++) {
    const id = `toolu_${t}`;
    frames.push(emitter.toolUse('search_notes', id, `query="quarterly report" page=${t}`));
    frames.push(emitter.progress('search', 30 * t, 'Searching notes', { current: t + 1, total: 3, itemTitle: `Notes ${t} 📈` }));
    frames.push(emitter.toolResult('search_notes', id, `${t + 3} results: a.md, b.md`, 120 + t));
  }
  for (const token of tokens) {
    // About 2 ms per token (a fast model); 1/512 s is exact in binary, so both languages' clocks
    // agree to the bit and the 50 ms batcher sends one frame per 26 tokens on both sides.
    clock += 1000 / 512;
    const text = batcher.add(token);
    if (text !== null) frames.push(emitter.token(text));
  }
  const rest = batcher.flush();
  if (rest !== null) frames.push(emitter.token(rest));
  frames.push(emitter.creation('insight', 2, 'toolu_2', [{ id: 'n1', title: 'Revenue' }, { id: 'n2', title: 'Costs' }]));
  frames.push(emitter.done({ messageId: 'msg_1', numTurns: 1, toolCount: 3, durationMs: 4200, model: 'claude-sonnet-4-6', totalCostUsd: 0.0123 }));
  return frames;
}

/** A deterministic answer of `count` tokens, a few with non-ASCII text. */
export function answerTokens(count: number): string[] {
  const words = [' The', ' quarterly', ' revenue', ' grew', ' 12', '%', ',', ' café', ' 日本', ' 🚀', '\n', ' and', ' costs', ' fell', '.'];
  return Array.from({ length: count }, (_, i) => words[i % words.length]!);
}

function fastestRound(workload: EmitterWorkload): number {
  let best = Infinity;
  for (let round = -2; round < workload.rounds; round++) {
    const start = performance.now();
    for (let i = 0; i < workload.runs; i++) emitRun(workload.tokens);
    const elapsed = performance.now() - start;
    if (round >= 0) best = Math.min(best, elapsed);
  }
  return best;
}

/** The TypeScript figure and the reference's, or why the reference was skipped. */
export interface EmitterBenchResult {
  framesPerRun: number;
  tsFps: number;
  python: { fps: number } | { skipped: string };
}

/** Times both implementations on the same workload; never throws for a missing python3. */
export function benchEmitter(workload: EmitterWorkload): EmitterBenchResult {
  const framesPerRun = emitRun(workload.tokens).length;
  const tsFps = (framesPerRun * workload.runs) / (fastestRound(workload) / 1000);
  const run = spawnSync('python3', [PYTHON_BENCH, REFERENCE], {
    input: JSON.stringify(workload),
    encoding: 'utf8',
    env: { ...process.env, PYTHONUTF8: '1' },
  });
  if (run.error !== undefined) return { framesPerRun, tsFps, python: { skipped: `python3 could not be run (${run.error.message})` } };
  if (run.status !== 0) return { framesPerRun, tsFps, python: { skipped: `python3 failed: ${run.stderr.trim().split('\n').pop()}` } };
  const reference = JSON.parse(run.stdout) as { fps: number; frames_per_run: number };
  // Different frame counts would mean the two sides did not run the same calls.
  if (reference.frames_per_run !== framesPerRun) {
    throw new Error(`the reference wrote ${reference.frames_per_run} frames per run, we wrote ${framesPerRun}`);
  }
  return { framesPerRun, tsFps, python: { fps: reference.fps } };
}
