import type { ProtocolAdapter } from '../core/adapter';
import { decodeEvent } from '../core/decode';
import { NATIVE_EVENT_TYPES } from '../core/protocol';

const NATIVE_TYPES = new Set<string>(NATIVE_EVENT_TYPES);

/**
 * The native protocol as an adapter object, for `'auto'` and for composing adapters; the core
 * decodes it without loading this entry.
 */
export const agentEventStream: ProtocolAdapter = {
  name: 'agent-event-stream',
  detect: ({ frame }) => frame?.event !== undefined && NATIVE_TYPES.has(frame.event),
  createDecoder: () => ({
    decode(frame, emit) {
      const result = decodeEvent(frame);
      if (result === null) return;
      if (!result.ok) return emit(result.error);
      for (const warning of result.warnings) emit(warning);
      emit(result.event);
    },
    // The native protocol ends with `done`: a close before it is a drop.
    close: () => false,
  }),
};
