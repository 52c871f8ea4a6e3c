import type { AgentEvent } from '../src/core/protocol';
import { encodeEvent } from '../src/server/encode';

/** What a generated stream holds, to check that the pipeline kept everything. */
export interface GeneratedStream {
  bytes: Uint8Array;
  events: number;
  textLength: number;
  toolCalls: number;
}

const WORDS = ['The ', 'agent ', 'reads ', 'the ', 'logs, ', 'finds ', 'a ', 'flaky ', 'test ', 'and ', 'fixes ', 'it. ', 'Ünïcode ', '👋 '];

/**
 * A realistic native stream of `events` events with ids: mostly tokens, thinking in blocks, tool
 * calls (500 per 100,000 events), progress with sub-progress, and a final `done`.
 */
export function generateStream(events: number): GeneratedStream {
  const frames: string[] = [];
  let textLength = 0;
  let toolCalls = 0;
  let id = 0;
  const push = (event: AgentEvent) => frames.push(encodeEvent(event, { id: String(++id) }));
  const toolEvery = 200; // a call and its result every 200 events → 500 calls per 100k
  for (let i = 0; frames.length < events - 1; i++) {
    if (i % toolEvery === 50) {
      const toolUseId = `tu_${toolCalls++}`;
      push({ type: 'tool_use', data: { toolName: 'search', toolUseId, inputSummary: `query=${i}`, status: 'running' } });
      push({ type: 'tool_result', data: { toolName: 'search', toolUseId, outputSummary: `${i % 7} results`, durationMs: 40 + (i % 90), status: 'done' } });
    } else if (i % toolEvery === 120) {
      push({ type: 'progress', data: { step: 'analyse', percentage: (i / events) * 100, message: 'Analysing', subProgress: { current: i, total: events, itemTitle: `item ${i}` } } });
    } else if (i % toolEvery >= 10 && i % toolEvery < 30) {
      push({ type: 'thinking', data: { text: WORDS[i % WORDS.length]! } });
    } else {
      const text = WORDS[i % WORDS.length]!;
      textLength += text.length;
      push({ type: 'token', data: { text } });
    }
  }
  push({ type: 'done', data: { messageId: 'msg_1', numTurns: 1, toolCount: toolCalls, durationMs: 1000, model: 'bench', totalCostUsd: 0.5 } });
  return { bytes: new TextEncoder().encode(frames.join('')), events: frames.length, textLength, toolCalls };
}

/** A stream of `count` events whose payloads are single lines of `lineBytes` bytes each. */
export function generateLongLines(count: number, lineBytes: number): GeneratedStream {
  const frames: string[] = [];
  for (let i = 0; i < count; i++) {
    const outputSummary = 'x'.repeat(lineBytes);
    frames.push(encodeEvent({ type: 'tool_use', data: { toolName: 'read', toolUseId: `t${i}`, inputSummary: '', status: 'running' } }));
    frames.push(encodeEvent({ type: 'tool_result', data: { toolName: 'read', toolUseId: `t${i}`, outputSummary, durationMs: 1, status: 'done' } }));
  }
  frames.push(encodeEvent({ type: 'done', data: { messageId: '', numTurns: 1, toolCount: count, durationMs: 1, model: '', totalCostUsd: 0 } }));
  return { bytes: new TextEncoder().encode(frames.join('')), events: frames.length, textLength: 0, toolCalls: count };
}

/** `bytes` cut into chunks of `size` bytes, as a network delivers them. */
export function chunk(bytes: Uint8Array, size: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return chunks;
}
