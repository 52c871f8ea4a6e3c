import type { AgentEvent, AgentEventOf } from '../../src/core/protocol';

const withId = <E extends AgentEvent>(event: E, id?: string): E => (id === undefined ? event : { ...event, id });

/** Builders of decoded native events with the reference emitter's defaults. */
export const ev = {
  token: (text: string, id?: string): AgentEventOf<'token'> => withId({ type: 'token', data: { text } }, id),
  thinking: (text: string, id?: string): AgentEventOf<'thinking'> => withId({ type: 'thinking', data: { text } }, id),
  toolUse: (toolUseId: string, toolName = 'search', inputSummary = '', id?: string): AgentEventOf<'tool_use'> =>
    withId({ type: 'tool_use', data: { toolName, toolUseId, inputSummary, status: 'running' } }, id),
  toolResult: (toolUseId: string, opts: { toolName?: string; outputSummary?: string; durationMs?: number | null; error?: boolean } = {}, id?: string): AgentEventOf<'tool_result'> =>
    withId(
      {
        type: 'tool_result',
        data: {
          toolName: opts.toolName ?? 'search',
          toolUseId,
          outputSummary: opts.outputSummary ?? '',
          durationMs: opts.durationMs === undefined ? 0 : opts.durationMs,
          status: opts.error ? 'error' : 'done',
        },
      },
      id,
    ),
  turn: (turnNumber: number, totalTools = 0, id?: string): AgentEventOf<'turn'> => withId({ type: 'turn', data: { turnNumber, totalTools } }, id),
  progress: (step: string, percentage: number, message = '', id?: string): AgentEventOf<'progress'> =>
    withId({ type: 'progress', data: { step, percentage, message } }, id),
  creation: (creationType: string, count: number, toolUseId = '', items: unknown[] = [], id?: string): AgentEventOf<'creation'> =>
    withId({ type: 'creation', data: { creationType, count, toolUseId, items } }, id),
  error: (errorType: string, message: string, details: Record<string, unknown> = {}, id?: string): AgentEventOf<'error'> =>
    withId({ type: 'error', data: { errorType, message, details } }, id),
  usage: (data: { inputTokens?: number | null; outputTokens?: number | null; totalCostUsd?: number | null; model?: string | null }, id?: string): AgentEventOf<'usage'> =>
    withId({ type: 'usage', data: { inputTokens: null, outputTokens: null, totalCostUsd: null, model: null, ...data } }, id),
  done: (data: Partial<AgentEventOf<'done'>['data']> = {}, id?: string): AgentEventOf<'done'> =>
    withId({ type: 'done', data: { messageId: '', numTurns: 0, toolCount: 0, durationMs: 0, model: '', totalCostUsd: 0, ...data } }, id),
  custom: (type: string, data: unknown, id?: string): AgentEventOf<'custom'> => withId({ type: 'custom', data: { type, data } }, id),
};
