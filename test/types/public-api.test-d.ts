import { describe, expectTypeOf, it } from 'vitest';
import {
  AgentStreamError,
  connectAgentStream,
  decodeEvent,
  type AgentEvent,
  type AgentEventOf,
  type AgentState,
  type AgentStatus,
  type ConnectOptions,
  type DecodeResult,
  type DoneData,
  type Entities,
  type Progress,
  type SSEFrame,
  type ToolCall,
  type ToolCallStatus,
  type ToolResultData,
  type ToolUseData,
} from '../../src/index';
import { useAgentStream, type SendOptions, type UseAgentStreamResult } from '../../src/react/index';
import { adapters } from '../../src/adapters/index';
import { PROTOCOL_NAMES, type AdapterDecoder, type AdapterOutput, type ProtocolAdapter, type ProtocolName } from '../../src/index';

type Statuses = 'idle' | 'connecting' | 'streaming' | 'reconnecting' | 'done' | 'error' | 'aborted';

describe('AgentEvent', () => {
  it('narrows data by type', () => {
    // Type tests are only compiled, never run: the cast stands for any event a stream delivers.
    const event = {} as AgentEvent;
    if (event.type === 'tool_result') expectTypeOf(event.data).toEqualTypeOf<ToolResultData>();
    expectTypeOf<AgentEventOf<'done'>>().toEqualTypeOf<{ type: 'done'; data: DoneData; id?: string }>();
  });

  it('rejects data of another type', () => {
    expectTypeOf<{ type: 'token'; data: ToolUseData }>().not.toExtend<AgentEvent>();
    expectTypeOf<ToolResultData['status']>().toEqualTypeOf<'done' | 'error' | 'denied'>();
  });
});

describe('decodeEvent', () => {
  it('takes a frame and returns a result or null for a heartbeat', () => {
    expectTypeOf(decodeEvent).parameters.toEqualTypeOf<[frame: SSEFrame]>();
    expectTypeOf(decodeEvent).returns.toEqualTypeOf<DecodeResult | null>();
  });

  it('gives an event and warnings when ok, an error otherwise', () => {
    expectTypeOf<Extract<DecodeResult, { ok: true }>>().toEqualTypeOf<{
      ok: true;
      event: AgentEvent;
      warnings: readonly AgentStreamError[];
    }>();
    expectTypeOf<Extract<DecodeResult, { ok: false }>>().toEqualTypeOf<{ ok: false; error: AgentStreamError }>();
  });
});

describe('AgentState', () => {
  it('types its slices', () => {
    expectTypeOf<AgentStatus>().toEqualTypeOf<Statuses>();
    expectTypeOf<AgentState['toolCalls']>().toEqualTypeOf<Entities<ToolCall>>();
    expectTypeOf<AgentState['progress']>().toEqualTypeOf<Progress | null>();
    expectTypeOf<ToolCallStatus>().toEqualTypeOf<
      'streaming-args' | 'ready' | 'running' | 'done' | 'error' | 'denied' | 'interrupted'
    >();
  });
});

describe('useAgentStream', () => {
  it('takes a url or null and returns the result type', () => {
    expectTypeOf(useAgentStream).parameter(0).toEqualTypeOf<string | null>();
    expectTypeOf(useAgentStream).returns.toEqualTypeOf<UseAgentStreamResult>();
  });

  it('exposes the status union and a fire-and-forget send', () => {
    expectTypeOf<UseAgentStreamResult['status']>().toEqualTypeOf<Statuses>();
    expectTypeOf<UseAgentStreamResult['send']>().toEqualTypeOf<(text: string, options?: SendOptions) => void>();
  });
});

describe('AgentStreamError', () => {
  it('has a closed code union', () => {
    expectTypeOf<AgentStreamError['code']>().toEqualTypeOf<
      'parse' | 'schema' | 'agent' | 'http_status' | 'content_type' | 'network' | 'interrupted' | 'aborted'
    >();
  });
});

describe('ConnectOptions', () => {
  it('requires nothing', () => {
    expectTypeOf<ConnectOptions>().toEqualTypeOf<Partial<ConnectOptions>>();
    expectTypeOf(connectAgentStream).toBeCallableWith('/api/chat');
  });
});

describe('protocol', () => {
  it('takes a protocol name or an adapter object, and nothing else', () => {
    expectTypeOf<{ protocol: 'ai-sdk' }>().toExtend<ConnectOptions>();
    expectTypeOf<{ protocol: 'auto' }>().toExtend<ConnectOptions>();
    expectTypeOf<{ protocol: ProtocolAdapter }>().toExtend<ConnectOptions>();
    expectTypeOf<{ protocol: 'ai-sdk-v9' }>().not.toExtend<ConnectOptions>();
    expectTypeOf<ProtocolName>().toEqualTypeOf<(typeof PROTOCOL_NAMES)[number]>();
  });

  it('lets an adapter emit events and errors, and say whether a clean close ends the run', () => {
    expectTypeOf<Parameters<AdapterOutput>[0]>().toEqualTypeOf<AgentEvent | AgentStreamError>();
    expectTypeOf<ReturnType<AdapterDecoder['close']>>().toEqualTypeOf<boolean>();
    expectTypeOf(adapters.auto).toEqualTypeOf<ProtocolAdapter>();
  });
});
