import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLineByteParser } from '../../src/core/line-parser';
import type { SSEFrame } from '../../src/core/protocol';
import { splitAt, splitEvery } from '../helpers/chunks';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function parse(chunks: readonly Uint8Array[], end = true): string[] {
  const frames: SSEFrame[] = [];
  const parser = createLineByteParser((frame) => frames.push(frame));
  for (const chunk of chunks) parser.feed(chunk);
  if (end) parser.end();
  return frames.map((frame) => frame.data);
}

describe('createLineByteParser', () => {
  it('gives one frame per line for LF, CRLF and CR line breaks, skipping empty lines', () => {
    expect(parse([bytes('0:"a"\n\n1:"b"\r\n2:"c"\r3:"d"\n')])).toEqual(['0:"a"', '1:"b"', '2:"c"', '3:"d"']);
  });

  it('takes a CRLF split across chunks as one line break', () => {
    expect(parse([bytes('0:"a"\r'), bytes('\n1:"b"\n')])).toEqual(['0:"a"', '1:"b"']);
  });

  it('keeps a multi-byte character split across chunks whole', () => {
    const body = bytes('0:"€ 🙂"\n');
    expect(parse(splitEvery(body, 1))).toEqual(['0:"€ 🙂"']);
  });

  it('delivers a last line without a line break only when the body ends', () => {
    expect(parse([bytes('0:"a"\n1:"b')], false)).toEqual(['0:"a"']);
    expect(parse([bytes('0:"a"\n1:"b"')])).toEqual(['0:"a"', '1:"b"']);
  });

  it('gives the same frames for any split of the bytes', () => {
    const line = fc.string({ unit: 'grapheme' }).map((s) => s.replace(/[\r\n]/g, ' '));
    const breakChar = fc.constantFrom('\n', '\r\n', '\r');
    const body = fc.array(fc.tuple(line, breakChar), { maxLength: 20 }).map((pairs) => pairs.map(([l, b]) => l + b).join(''));
    fc.assert(
      fc.property(body, fc.array(fc.nat()), (text, points) => {
        const whole = parse([bytes(text)]);
        const encoded = bytes(text);
        expect(parse(splitAt(encoded, points.map((p) => p % (encoded.length + 1))))).toEqual(whole);
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
