import { connectAgentStream } from '../src/core/connection';
import type { TransportName } from '../src/core/transport';
import type { AgentState } from '../src/core/state';
import { createAgentStore } from '../src/core/store';

/**
 * The floor: the same chunks decoded, split into frames at blank lines and each `data:` line
 * `JSON.parse`d, with nothing else done. Returns the number of frames parsed.
 */
export function floor(chunks: readonly Uint8Array[]): number {
  const decoder = new TextDecoder();
  let carry = '';
  let frames = 0;
  for (const piece of chunks) {
    const text = carry + decoder.decode(piece, { stream: true });
    let start = 0;
    for (let end = text.indexOf('\n\n', start); end !== -1; end = text.indexOf('\n\n', start)) {
      const data = text.indexOf('data: ', start);
      if (data !== -1 && data < end) {
        JSON.parse(text.slice(data + 6, text.indexOf('\n', data)));
        frames++;
      }
      start = end + 2;
    }
    carry = text.slice(start);
  }
  return frames;
}

/**
 * Our pipeline, end to end as an app runs it: a `Response` body read by the transport, parsed,
 * decoded, batched per chunk and reduced into a store that publishes once per frame. Every eighth
 * chunk yields to the event loop so that frame timers fire as they would in a page.
 */
export async function pipeline(chunks: readonly Uint8Array[], transport: TransportName): Promise<AgentState> {
  let next = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (next % 8 === 7) await new Promise((resolve) => setImmediate(resolve));
      if (next < chunks.length) controller.enqueue(chunks[next++]!);
      else controller.close();
    },
  });
  const response = new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  const connection = connectAgentStream('http://bench.invalid/stream', {
    transport,
    fetch: async () => response,
    store: createAgentStore({ throttleMs: 'frame' }),
  });
  return connection.done;
}
