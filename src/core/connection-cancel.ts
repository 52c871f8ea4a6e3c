import type { ActionBatch } from './connection-batch';
import type { CancelOption, HeadersOption } from './connection-options';
import { messageOf, resolveHeaders } from './connection-request';
import { AgentStreamError } from './errors';

/** How long a cancel request may take before it is aborted. */
const CANCEL_TIMEOUT_MS = 10_000;

/** What a cancel needs from its connection. */
export interface CancelRequest {
  cancel: CancelOption;
  url: string;
  messageId: string | null;
  lastEventId: string | null;
  runId: string | null;
  headers?: HeadersOption | undefined;
  credentials?: RequestCredentials | undefined;
  fetch: typeof globalThis.fetch;
  batch: ActionBatch;
}

/**
 * Asks the server to cancel the run; never rejects. A failure is recorded as a warning: the run is
 * already over on our side, so there is nothing else to do about it.
 */
export async function sendCancel({ cancel, url, messageId, lastEventId, runId, headers, credentials, fetch, batch }: CancelRequest): Promise<void> {
  const signal = AbortSignal.timeout(CANCEL_TIMEOUT_MS);
  let error: AgentStreamError | undefined;
  try {
    if (typeof cancel === 'function') {
      await cancel({ url, messageId, lastEventId, runId, signal });
    } else {
      const init: RequestInit = {
        method: 'POST',
        headers: await resolveHeaders(headers, {}, { 'content-type': 'application/json' }),
        body: JSON.stringify({ messageId, lastEventId, runId }),
        signal,
      };
      if (credentials !== undefined) init.credentials = credentials;
      const { ok, status, body } = await fetch(cancel, init);
      body?.cancel().catch(() => undefined);
      if (!ok) error = new AgentStreamError('http_status', `Cancel failed: HTTP ${status}`, { severity: 'warning', status });
    }
  } catch (cause) {
    error = new AgentStreamError('network', `Cancel failed: ${messageOf(cause)}`, { severity: 'warning', cause });
  }
  if (error) batch.now({ type: 'client/error', error });
}
