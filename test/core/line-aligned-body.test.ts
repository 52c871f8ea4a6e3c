import { describe, expect, it } from 'vitest';
import { alignChunksToLines, withLineAlignedBody } from '../../src/core/line-aligned-body';
import { randomPoints, splitAt } from '../helpers/chunks';
import { mulberry32 } from '../helpers/prng';

async function collect(chunks: Uint8Array[]): Promise<Uint8Array[]> {
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  const out: Uint8Array[] = [];
  const reader = alignChunksToLines(source).getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) out.push(r.value);
  return out;
}

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (chunks: Uint8Array[]) => Buffer.concat(chunks).toString('utf8');

describe('alignChunksToLines', () => {
  const stream = 'event: token\ndata: {"text":"héllo 👋"}\n\r\nevent: done\rdata: {}\r\r' + `data: ${'x'.repeat(5000)}\n\n` + 'data: tail';

  it('keeps every byte and ends every chunk but the last at a line break, under any split', async () => {
    const random = mulberry32(7);
    const input = bytes(stream);
    for (let round = 0; round < 30; round++) {
      const out = await collect(splitAt(input, randomPoints(random, input.length, 1 + (round % 40))));
      expect(text(out)).toBe(stream);
      for (const chunk of out.slice(0, -1)) expect([10, 13]).toContain(chunk[chunk.length - 1]);
    }
  });

  it('holds a line that arrives in many chunks and passes it on once', async () => {
    const line = `data: ${'y'.repeat(10_000)}\n`;
    const out = await collect(splitAt(bytes(line), Array.from({ length: 99 }, (_, i) => (i + 1) * 100)));
    expect(out).toHaveLength(1);
    expect(text(out)).toBe(line);
  });

  it('passes a chunk that already ends at a line break through untouched', async () => {
    const chunk = bytes('data: a\n\n');
    const [out] = await collect([chunk]);
    expect(out).toBe(chunk);
  });
});

describe('withLineAlignedBody', () => {
  it('keeps status and headers, and leaves error and empty responses alone', async () => {
    const aligned = withLineAlignedBody(new Response('data: 1\n\n', { status: 200, statusText: 'OK', headers: { 'content-type': 'text/event-stream' } }));
    expect(aligned.status).toBe(200);
    expect(aligned.headers.get('content-type')).toBe('text/event-stream');
    expect(await aligned.text()).toBe('data: 1\n\n');
    const failed = new Response('nope', { status: 500 });
    expect(withLineAlignedBody(failed)).toBe(failed);
    const empty = new Response(null, { status: 204 });
    expect(withLineAlignedBody(empty)).toBe(empty);
  });
});
