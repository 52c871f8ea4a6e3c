import type { AdapterDecoder, AdapterProbe, ProtocolAdapter } from '../core/adapter';
import type { SSEFrame } from '../core/protocol';

/**
 * An adapter that picks, on a stream's first frame, the first of `candidates` whose `detect`
 * accepts the response and that frame; `fallback` when none does. Reads newline-delimited bodies
 * as lines (SSE bodies are always read as SSE), so line protocols can be detected too.
 */
export function detectProtocol(candidates: readonly ProtocolAdapter[], fallback: ProtocolAdapter): ProtocolAdapter {
  return {
    name: 'auto',
    framing: 'lines',
    createDecoder(): AdapterDecoder {
      let response: Omit<AdapterProbe, 'frame'> = { contentType: null, headers: new Headers() };
      let chosen: AdapterDecoder | undefined;
      const choose = (frame: SSEFrame | null): AdapterDecoder => {
        const probe = { ...response, frame };
        const adapter = candidates.find((candidate) => candidate.detect?.(probe)) ?? fallback;
        const decoder = adapter.createDecoder();
        decoder.open?.(response);
        return decoder;
      };
      return {
        open(probe) {
          response = probe;
          chosen?.open?.(probe);
        },
        decode(frame, emit) {
          chosen ??= choose(frame);
          chosen.decode(frame, emit);
        },
        close(emit) {
          chosen ??= choose(null);
          return chosen.close(emit);
        },
      };
    },
  };
}
