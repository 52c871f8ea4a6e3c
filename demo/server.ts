import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { RUN_ID_HEADER } from '../src';
import { pipeSSE } from '../src/server';
import { DEFAULT_FORMAT, FORMATS, isFormatName, type FormatName } from './formats';
import { headerOf, readJson, RequestError, sendError } from './http';
import { RunRegistry, type Run } from './runs';
import { DEFAULT_SCENARIO, isScenarioName, SCENARIOS, type ScenarioName } from './scenarios';
import { TICK_MS } from './simulated-agent';
import { serveStatic } from './static';
import { WRITERS } from './writers';

/** Options of {@link startDemoServer}. */
export interface DemoServerOptions {
  /** The port to listen on; `0` picks a free one. @default 4173 */
  port?: number;
  /** The interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** The built page. @default demo/dist */
  distDir?: string;
  /** Real ms per answer token, which paces every step of a run; tests pass a small one. @default 25 (40 tokens/s) */
  tokenDelayMs?: number;
  /** How long a finished run can still be resumed, in ms. @default 300000 (5 minutes) */
  runTtlMs?: number;
  /** Where request and run notes go. @default console.log */
  log?: (line: string) => void;
}

/** A running demo server. */
export interface DemoServer {
  /** The server's origin, `http://host:port`. */
  url: string;
  /** The port it listens on (the one picked, when `port` was 0). */
  port: number;
  /** Stops every run, stops listening and closes every open connection, streams included. */
  close(): Promise<void>;
}

const MAX_MESSAGE_CHARS = 4_000;

/** The body of a new chat request: `{ message, scenario?, format? }`. */
async function readChatRequest(req: IncomingMessage): Promise<{ message: string; scenario: ScenarioName; format: FormatName }> {
  const body = await readJson(req);
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const { message, scenario = DEFAULT_SCENARIO, format = DEFAULT_FORMAT } = fields;
  if (typeof message !== 'string' || message.trim() === '') {
    throw new RequestError(400, 'Expected JSON { "message": "…" } with a non-empty message');
  }
  if (message.length > MAX_MESSAGE_CHARS) throw new RequestError(413, `The message is over ${MAX_MESSAGE_CHARS} characters`);
  if (!isScenarioName(scenario)) {
    throw new RequestError(400, `Unknown scenario ${JSON.stringify(scenario)}; expected one of ${Object.keys(SCENARIOS).join(', ')}`);
  }
  if (!isFormatName(format)) {
    throw new RequestError(400, `Unknown format ${JSON.stringify(format)}; expected one of ${Object.keys(FORMATS).join(', ')}`);
  }
  return { message, scenario, format };
}

/** The id a resume starts after: a whole number no greater than the last id the run has sent. */
function resumePoint(lastEventId: string | undefined, run: Run): number {
  if (lastEventId === undefined || lastEventId === '') return 0;
  if (run.format !== 'agent-event-stream') throw new RequestError(400, `Run ${run.id} is in ${run.format}, which has no event ids to resume from`);
  const id = /^\d{1,15}$/.test(lastEventId) ? Number(lastEventId) : NaN;
  if (!(id <= run.log.size)) {
    throw new RequestError(400, `Last-Event-ID ${JSON.stringify(lastEventId)} is not an event of this run (1 to ${run.log.size})`);
  }
  return id;
}

/**
 * Starts the demo: the built page from `distDir`, `POST /api/chat` streaming a simulated agent
 * run in the requested format (native SSE with ids by default, which a client resumes with
 * `Agent-Run-Id` plus `Last-Event-ID`; or the AI SDK's or AG-UI's), and `POST /api/cancel` with `{ runId }`.
 *
 * @example
 * const server = await startDemoServer({ port: 0, tokenDelayMs: 2 });
 * console.log(server.url);
 */
export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const distDir = options.distDir ?? fileURLToPath(new URL('./dist', import.meta.url));
  const log = options.log ?? console.log;
  const runs = new RunRegistry({ tickMs: options.tokenDelayMs ?? TICK_MS, ttlMs: options.runTtlMs ?? 300_000, log });

  async function chat(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const runId = headerOf(req, RUN_ID_HEADER);
    const lastEventId = headerOf(req, 'last-event-id');
    let run: Run;
    let after = 0;
    if (runId !== undefined) {
      // A resume re-sends the first request's body; the run it joins already knows the prompt.
      const found = runs.get(runId);
      if (found === undefined) throw new RequestError(404, `No run ${runId}: unknown, or forgotten after it ended`);
      run = found;
      after = resumePoint(lastEventId, run);
      log(`run ${run.number}: resumed after event ${after}`);
    } else {
      if (lastEventId !== undefined) throw new RequestError(400, `Last-Event-ID needs the ${RUN_ID_HEADER} header of the run to resume`);
      const { message, scenario, format } = await readChatRequest(req);
      run = runs.start(message, scenario, format);
    }
    // The scenario's drop cuts the socket without a clean end, as a proxy or a lost network does.
    const drop = (): void => {
      log(`run ${run.number}: dropping the connection after event ${run.log.size}`);
      res.socket?.destroy();
    };
    run.dropListeners.add(drop);
    try {
      // Every format gets the run id: it is what cancels a run, whatever the wire format.
      const end = await pipeSSE(run.log.follow(after), res, { runId: run.id, headers: WRITERS[run.format].headers });
      if (end === 'disconnected' && !run.log.ended) log(`run ${run.number}: a client left; the run goes on`);
    } finally {
      run.dropListeners.delete(drop);
    }
  }

  async function cancel(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    const runId = (body as { runId?: unknown } | null)?.runId;
    if (typeof runId !== 'string' || runId === '') throw new RequestError(400, 'Expected JSON { "runId": "…" }');
    const run = runs.cancel(runId);
    if (run === undefined) throw new RequestError(404, `No run ${runId}`);
    log(`run ${run.number}: cancel requested`);
    res.writeHead(204).end();
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const api = pathname === '/api/chat' ? chat : pathname === '/api/cancel' ? cancel : null;
    if (api !== null) {
      if (req.method !== 'POST') {
        res.writeHead(405, { allow: 'POST', 'content-type': 'text/plain; charset=utf-8' }).end('Use POST\n');
        return;
      }
      return api(req, res);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('Use GET\n');
      return;
    }
    return serveStatic(distDir, pathname, req, res);
  }

  const server = createServer((req, res) => {
    // A client that leaves mid-write surfaces as EPIPE or ECONNRESET; its stream has ended already.
    res.on('error', () => undefined);
    route(req, res).catch((error: unknown) => {
      if (!(error instanceof RequestError)) log(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (res.headersSent) res.destroy();
      else sendError(res, error);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4173, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    port,
    close() {
      runs.close();
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
