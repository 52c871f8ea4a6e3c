import type { ActionBatch } from './connection-batch';
import type { CancelOption, HeadersOption } from './connection-options';
import { messageOf, replaceHeader, resolveHeaders } from './connection-request';
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
  headers: HeadersOption | undefined;
  credentials: RequestCredentials | undefined;
  fetch: typeof globalThis.fetch;
  batch: ActionBatch;
}

/**
 * Asks the server to cancel the run; never rejects. A failure is recorded as a warning: the run is
 * already over on our side, so there is nothing else to do about it.
 */
export async function sendCancel(request: CancelRequest): Promise<void> {
  const { cancel, url, messageId, lastEventId, runId } = request;
  const signal = AbortSignal.timeout(CANCEL_TIMEOUT_MS);
  try {
    if (typeof cancel === 'function') {
      await cancel({ url, messageId, lastEventId, runId, signal });
      return;
    }
    const headers = await resolveHeaders(request.headers);
    replaceHeader(headers, 'content-type', 'application/json');
    const init: RequestInit = { method: 'POST', headers, body: JSON.stringify({ messageId, lastEventId, runId }), signal };
    if (request.credentials !== undefined) init.credentials = request.credentials;
    const response = await request.fetch(cancel, init);
    response.body?.cancel().catch(() => undefined);
    if (!response.ok) {
      const error = new AgentStreamError('http_status', `Cancel failed: HTTP ${response.status}`, {
        severity: 'warning',
        status: response.status,
      });
      request.batch.now({ type: 'client/error', error });
    }
  } catch (cause) {
    const error = new AgentStreamError('network', `Cancel failed: ${messageOf(cause)}`, { severity: 'warning', cause });
    request.batch.now({ type: 'client/error', error });
  }
}
