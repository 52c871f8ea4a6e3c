/**
 * Re-chunks a byte stream so that every chunk ends at a line break. `@microsoft/fetch-event-source`
 * copies its whole line buffer on each chunk of an unfinished line, which is quadratic for one long
 * event arriving in many chunks; fed whole lines, it never copies. Each byte is held once and
 * copied at most once here, so the whole path stays linear.
 */
export function alignChunksToLines(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  // The bytes after the last line break so far, kept as pieces and joined once their line ends.
  let pending: Uint8Array[] = [];
  let length = 0;
  const take = (): Uint8Array => {
    let joined = pending[0] as Uint8Array;
    if (pending.length > 1) {
      joined = new Uint8Array(length);
      let offset = 0;
      for (const piece of pending) {
        joined.set(piece, offset);
        offset += piece.length;
      }
    }
    pending = [];
    length = 0;
    return joined;
  };
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        // Just after the last LF or CR; 0 when the chunk has none.
        let cut = chunk.length;
        while (cut > 0 && chunk[cut - 1] !== 10 && chunk[cut - 1] !== 13) cut--;
        if (cut > 0) {
          pending.push(cut === chunk.length ? chunk : chunk.subarray(0, cut));
          length += cut;
          controller.enqueue(take());
        }
        if (cut < chunk.length) {
          pending.push(chunk.subarray(cut));
          length += chunk.length - cut;
        }
      },
      flush(controller) {
        if (length > 0) controller.enqueue(take());
      },
    }),
  );
}

/** `response` with its body re-chunked by {@link alignChunksToLines}; a response without a body as is. */
export function withLineAlignedBody(response: Response): Response {
  const { body, ok, status } = response;
  // Responses to 101/204/205/304 cannot be rebuilt with a body, and never carry an event stream.
  // The response itself serves as the init: its status, statusText and headers are kept.
  return !body || !ok || status === 204 || status === 205 ? response : new Response(alignChunksToLines(body), response);
}
