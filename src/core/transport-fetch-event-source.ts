import { fetchEventSource } from '@microsoft/fetch-event-source';
import { AgentStreamError } from './errors';
import { withLineAlignedBody } from './line-aligned-body';
import type { Transport } from './transport';

/**
 * `@microsoft/fetch-event-source`, with every default that can hurt turned off: it stays open in a
 * hidden tab (its default aborts and re-sends the request), never retries on its own (our
 * `onerror` rethrows), and never validates the response itself (our `onOpen` does). It needs
 * `document` and `window`: its cleanup calls both even with `openWhenHidden`.
 *
 * Its body is re-chunked at line breaks so that its line buffer never grows quadratically.
 * It reports an absent `id` and an empty one both as `''`, so the empty-id reset of the cursor
 * cannot be expressed on this path; an empty `id:` is treated as no id.
 */
export const fetchEventSourceTransport: Transport = ({ url, init, fetch }, handlers) => {
  // Without them its cleanup throws inside an abort listener, where nothing can catch it.
  if (typeof document === 'undefined' || typeof window === 'undefined') {
    const message = "The 'fetch-event-source' transport needs document and window; use transport: 'fetch'";
    return Promise.reject(new AgentStreamError('network', message));
  }
  // Its abort listener is added on call, so it would never hear an abort that already happened.
  if (init.signal.aborted) return Promise.resolve();
  return fetchEventSource(url, {
    ...init,
    fetch: async (input, requestInit) => withLineAlignedBody(await fetch(input, requestInit)),
    openWhenHidden: true,
    // Never 'lines' here: a protocol that may come as lines is given the fetch transport.
    onopen: async (response) => void (await handlers.onOpen(response)),
    onmessage: ({ data, event, id, retry }) => {
      // Its parser accepts any parseInt-able value ("5s", "-1"); WHATWG wants digits only.
      if (Number.isInteger(retry) && (retry as number) >= 0) handlers.onRetry(retry as number);
      if (id) handlers.onId(id);
      // Comments and `retry`-only blocks arrive as messages with empty data: decodeEvent drops them.
      handlers.onFrame({ data, ...(event && { event }), ...(id && { id }) });
    },
    onerror: (error: unknown) => {
      throw error;
    },
  });
};
