/**
 * `npm run bench`: throughput and scaling of the bytes → store pipeline, as ratios against a
 * baseline measured in the same process (never absolute times, which vary between machines).
 */
import { floor, pipeline } from './pipelines';
import { chunk, generateLongLines, generateStream, type GeneratedStream } from './stream';
import { installBrowserGlobals } from './browser-globals';
import type { TransportName } from '../src/core/transport';
import { MEASURED_IMPORTS, measureImport, SIZE_BUDGET_BYTES } from '../scripts/size';
import { answerTokens, benchEmitter } from './emitter';

const ROUNDS = 15;
const NETWORK_CHUNK = 16 * 1024;

/**
 * The fastest time of each candidate over ROUNDS rounds, measured in alternation (A B, A B, …)
 * after a warm-up. The minimum is the steadiest estimate of a cost: noise from the machine only
 * ever adds time. No forced GC between rounds: a full GC also shrinks V8's young generation, which
 * would tax only the side that allocates, in a way no long-running page ever sees.
 */
async function fastest(...candidates: Array<() => unknown>): Promise<number[]> {
  const times = candidates.map(() => [] as number[]);
  for (let round = -2; round < ROUNDS; round++) {
    for (const [i, run] of candidates.entries()) {
      const start = performance.now();
      await run();
      if (round >= 0) times[i]!.push(performance.now() - start);
    }
  }
  return times.map((list) => Math.min(...list));
}

async function checked(stream: GeneratedStream, chunks: Uint8Array[], transport: TransportName): Promise<void> {
  const state = await pipeline(chunks, transport);
  const text = state.messages.byId[state.messages.ids[0]!]?.text.length ?? 0;
  if (state.status !== 'done' || state.toolCalls.ids.length !== stream.toolCalls || text !== stream.textLength || state.errors.length > 0) {
    throw new Error(`pipeline lost data: status ${state.status}, ${state.toolCalls.ids.length}/${stream.toolCalls} calls, ${text}/${stream.textLength} chars, ${state.errors.length} errors`);
  }
}

const fmt = (n: number, digits = 2) => n.toFixed(digits);
const line = (label: string, value: string, target: string) => console.log(`${label.padEnd(64)} ${value.padStart(8)}   ${target}`);

async function throughput(transport: TransportName): Promise<void> {
  // Each comparison runs with only its own inputs alive, so a bigger heap never weighs on one side.
  const small = generateStream(100_000);
  const smallChunks = chunk(small.bytes, NETWORK_CHUNK);
  if (floor(smallChunks) !== small.events) throw new Error('floor miscounted frames');
  await checked(small, smallChunks, transport);
  const [floorSmall, ours] = (await fastest(() => floor(smallChunks), () => pipeline(smallChunks, transport))) as [number, number];
  const mb = small.bytes.length / 1e6;
  console.log(`\n[${transport} transport] ${small.events.toLocaleString('en')} events, ${fmt(mb, 1)} MB in ${NETWORK_CHUNK / 1024} KB chunks (${small.toolCalls} tool calls)`);
  line('  floor: split into frames + JSON.parse', `${fmt(mb / (floorSmall / 1000), 0)} MB/s`, '');
  line('  pipeline: transport + parse + decode + store', `${fmt(mb / (ours / 1000), 0)} MB/s`, '');
  line('  throughput ratio, pipeline / floor', `${fmt(floorSmall / ours)}×`, 'target ≥ 0.5×');

  // Sizes are timed in separate blocks: interleaving them would make each round pay for the other
  // size's heap (a 49 MB input, a large state), which says nothing about how our cost grows.
  const large = generateStream(1_000_000);
  const largeChunks = chunk(large.bytes, NETWORK_CHUNK);
  await checked(large, largeChunks, transport);
  const [oursLarge] = (await fastest(() => pipeline(largeChunks, transport))) as [number];
  line(`  time ratio, ${large.events.toLocaleString('en')} events / ${small.events.toLocaleString('en')} events`, `${fmt(oursLarge / ours)}×`, 'target ≤ 11×');
}

async function longLines(transport: TransportName): Promise<void> {
  // One 1 MB line per event, delivered in 1 KB chunks: a parser that re-copies its buffer per chunk is quadratic.
  // 10 lines, not fewer: below ~40 ms a run is mostly fixed costs and noise, not a baseline.
  const one = generateLongLines(10, 1_000_000);
  const ten = generateLongLines(100, 1_000_000);
  const oneChunks = chunk(one.bytes, 1024);
  const tenChunks = chunk(ten.bytes, 1024);
  await checked(one, oneChunks, transport);
  const [t1] = (await fastest(() => pipeline(oneChunks, transport))) as [number];
  const [t10] = (await fastest(() => pipeline(tenChunks, transport))) as [number];
  line(`  [${transport}] 1 MB lines in 1 KB chunks: time ratio, 10× the lines`, `${fmt(t10 / t1)}×`, 'target ≤ 11×');
}

async function emitterSection(): Promise<void> {
  // Rounds of 200 runs, each a 2,000-token answer with 3 tool calls: ~22,000 frames, tens of ms per round.
  const result = benchEmitter({ tokens: answerTokens(2000), runs: 200, rounds: ROUNDS });
  console.log(`\nServer emitter (AgentStreamEmitter + TokenBatcher, ${result.framesPerRun} frames per run: tokens batched every 50 ms, thinking, tool calls, progress, done)`);
  line('  TypeScript', `${fmt(result.tsFps / 1000, 0)}k fps`, '');
  if ('skipped' in result.python) {
    line('  Python reference', 'skipped', result.python.skipped);
    return;
  }
  line('  Python reference (python3, same calls)', `${fmt(result.python.fps / 1000, 0)}k fps`, '');
  line('  ratio, TypeScript / Python', `${fmt(result.tsFps / result.python.fps)}×`, '');
}

// `--only emitter` runs that section alone (no build needed).
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
if (only !== undefined && only !== 'emitter') throw new Error(`--only takes "emitter", got ${String(only)}`);
console.log(`agent-event-stream benchmark (fastest of ${ROUNDS} alternating rounds; every ratio is measured in this process)`);
if (only === undefined) {
  await throughput('fetch');
  const restore = installBrowserGlobals();
  await throughput('fetch-event-source');
  console.log('\nLong lines');
  await longLines('fetch-event-source');
  restore();
  await longLines('fetch');

  // The size of what an app downloads, from the build that `npm run bench` makes first.
  console.log('\nBundle min+gz (fetch-event-source bundled, React external)');
  for (const [index, { label, contents }] of MEASURED_IMPORTS.entries()) {
    const size = await measureImport(contents);
    line(`  ${label}`, `${fmt(size.gzipped / 1000)} kB`, index === 0 ? `budget ${fmt(SIZE_BUDGET_BYTES / 1000)} kB` : '');
  }
}
if (only === undefined || only === 'emitter') await emitterSection();
