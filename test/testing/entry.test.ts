import { describe, expect, it } from 'vitest';
import * as server from '../../src/server/index';
import * as testing from '../../src/testing/index';

describe('entries', () => {
  it('export the server encoder and the testing helpers by name', () => {
    expect(Object.keys(server).sort()).toStrictEqual([
      'AgentStreamEmitter',
      'AgentStreamRecorder',
      'RecordingError',
      'TokenBatcher',
      'encodeComment',
      'encodeEvent',
      'formatRecordedFrame',
      'parseRecording',
      'pipeSSE',
      'toSSEResponse',
    ]);
    // One class for both entries, so `instanceof` holds whichever one a caller imported it from.
    expect(testing.RecordingError).toBe(server.RecordingError);
    expect(Object.keys(testing).sort()).toStrictEqual([
      'RecordingError',
      'agentStreamHandler',
      'isEventStep',
      'mockAgentStream',
      'mockFetch',
      'progress',
      'scenarios',
      'scriptEvents',
      'scriptFromRecording',
      'thinking',
      'token',
      'toolResult',
      'toolUse',
    ]);
  });
});

describe('event builders', () => {
  it('build decoded events in the reference emitter argument order, with its defaults', () => {
    expect(testing.toolUse('search', 'tu_1')).toEqual({ type: 'tool_use', data: { toolName: 'search', toolUseId: 'tu_1', inputSummary: '', status: 'running' } });
    expect(testing.toolResult('search', 'tu_1', 'boom', 12, 'error')).toEqual({
      type: 'tool_result',
      data: { toolName: 'search', toolUseId: 'tu_1', outputSummary: 'boom', durationMs: 12, status: 'error' },
    });
    expect(testing.token('Hi')).toEqual({ type: 'token', data: { text: 'Hi' } });
    expect(testing.thinking('hm')).toEqual({ type: 'thinking', data: { text: 'hm' } });
  });
});
