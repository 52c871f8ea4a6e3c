import { createLineByteParser } from './line-parser';
import { createSSEByteParser } from './sse-parser';
import type { Transport } from './transport';

/**
 * Reads the response body with `getReader()` and the library's own SSE parser (or line parser,
 * when `onOpen` asks for lines); needs only `fetch`.
 */
export const fetchTransport: Transport = async ({ url, init, fetch }, handlers) => {
  const response = await fetch(url, init);
  const framing = await handlers.onOpen(response);
  if (!response.body) return;
  const reader = response.body.getReader();
  const parser = framing === 'lines' ? createLineByteParser(handlers.onFrame) : createSSEByteParser(handlers);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return void ('end' in parser && parser.end());
      parser.feed(value);
    }
  } catch (error) {
    // Frees the socket when a handler threw; after a network error or an abort this is a no-op.
    reader.cancel().catch(() => undefined);
    throw error;
  }
};
