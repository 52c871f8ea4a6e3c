/**
 * One native SSE frame (`id: N`, `event: X`, one `data:` line of JSON), the Python reference's
 * format with the `id` extension. `data` must already use the wire's snake_case field names.
 */
// Stand-in until the production emitter (`agent-event-stream/server`) exists; a later issue replaces it.
export function frame(event: string, data: Record<string, unknown>, id: number): string {
  // JSON.stringify escapes CR and LF inside strings, so the payload is always one line.
  return `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
