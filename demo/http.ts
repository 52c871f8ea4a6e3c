import type { IncomingMessage, ServerResponse } from 'node:http';

const MAX_BODY_BYTES = 64 * 1024;

/** A client error, answered with its status and `{ "error": message }`. */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

/** The request body as JSON: 413 past 64 KB, 400 when it is not JSON. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of req as AsyncIterable<Buffer>) {
    size += part.length;
    if (size > MAX_BODY_BYTES) throw new RequestError(413, 'Request body too large');
    parts.push(part);
  }
  try {
    return JSON.parse(Buffer.concat(parts).toString('utf8'));
  } catch {
    throw new RequestError(400, 'Expected a JSON body');
  }
}

/** A request header's value; a repeated header is refused rather than guessed at. */
export function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  if (Array.isArray(value)) throw new RequestError(400, `The ${name} header must be sent once`);
  return value;
}

/** Answers an error: JSON with its status for a {@link RequestError}, 500 otherwise. */
export function sendError(res: ServerResponse, error: unknown): void {
  const status = error instanceof RequestError ? error.status : 500;
  const message = error instanceof RequestError ? error.message : 'Internal error';
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ error: message }));
}
