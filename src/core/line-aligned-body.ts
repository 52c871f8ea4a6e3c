const LF = 10;
const CR = 13;

/** Position just after the last line break of `chunk`, or -1 when it has none. */
function afterLastLineBreak(chunk: Uint8Array): number {
  for (let i = chunk.length - 1; i >= 0; i--) {
    const byte = chunk[i];
    if (byte === LF || byte === CR) return i + 1;
  }
  return -1;
}

function join(pieces: Uint8Array[], length: number): Uint8Array {
  if (pieces.length === 1) return pieces[0] as Uint8Array;
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const piece of pieces) {
    joined.set(piece, offset);
    offset += piece.length;
  }
  return joined;
}

/**
 * Re-chunks a byte stream so that every chunk ends at a line break. `@microsoft/fetch-event-source`
 * copies its whole line buffer on each chunk of an unfinished line, which is quadratic for one long
 * event arriving in many chunks; fed whole lines, it never copies. Each byte is held once and
 * copied at most once here, so the whole path stays linear.
 */
export function alignChunksToLines(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  let pending: Uint8Array[] = [];
  let pendingLength = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        const cut = afterLastLineBreak(chunk);
        if (cut === -1) {
          pending.push(chunk);
          pendingLength += chunk.length;
          return;
        }
        pending.push(cut === chunk.length ? chunk : chunk.subarray(0, cut));
        controller.enqueue(join(pending, pendingLength + cut));
        pending = cut === chunk.length ? [] : [chunk.subarray(cut)];
        pendingLength = chunk.length - cut;
      },
      flush(controller) {
        if (pendingLength > 0) controller.enqueue(join(pending, pendingLength));
      },
    }),
  );
}

/** `response` with its body re-chunked by {@link alignChunksToLines}; a response without a body as is. */
export function withLineAlignedBody(response: Response): Response {
  // Responses to 101/204/205/304 cannot be rebuilt with a body, and never carry an event stream.
  if (!response.body || !response.ok || response.status === 204 || response.status === 205) return response;
  return new Response(alignChunksToLines(response.body), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}
