import { describe, expect, it } from 'vitest';
import type { SSEFrame } from '../../src/core/protocol';
import { createSSEByteParser, createSSEParser } from '../../src/core/sse-parser';
import { splitAt, splitEvery } from '../helpers/chunks';

interface Recorded {
  frames: SSEFrame[];
  retries: number[];
  ids: string[];
}

function parse(chunks: readonly string[]): Recorded {
  const recorded: Recorded = { frames: [], retries: [], ids: [] };
  const parser = createSSEParser({
    onFrame: (frame) => recorded.frames.push(frame),
    onRetry: (ms) => recorded.retries.push(ms),
    onId: (id) => recorded.ids.push(id),
  });
  for (const chunk of chunks) parser.feed(chunk);
  return recorded;
}

function frames(...chunks: string[]): SSEFrame[] {
  return parse(chunks).frames;
}

const TWO_FRAMES = 'event: token\ndata: {"text":"a"}\n\nevent: done\ndata: {}\n\n';
const TWO_FRAMES_PARSED: SSEFrame[] = [
  { event: 'token', data: '{"text":"a"}' },
  { event: 'done', data: '{}' },
];

describe('createSSEParser line endings', () => {
  it('parses LF line endings', () => {
    expect(frames(TWO_FRAMES)).toStrictEqual(TWO_FRAMES_PARSED);
  });

  it('parses CRLF line endings', () => {
    expect(frames(TWO_FRAMES.replaceAll('\n', '\r\n'))).toStrictEqual(TWO_FRAMES_PARSED);
  });

  it('parses CR line endings', () => {
    expect(frames(TWO_FRAMES.replaceAll('\n', '\r'))).toStrictEqual(TWO_FRAMES_PARSED);
  });

  it('parses mixed line endings in one stream', () => {
    expect(frames('event: token\rdata: {"text":"a"}\r\n\nevent: done\r\ndata: {}\r\r')).toStrictEqual(
      TWO_FRAMES_PARSED,
    );
  });

  it('does not see an extra blank line when a CRLF is split across chunks', () => {
    const text = 'data: one\r\ndata: two\r\n\r\ndata: three\r\n\r\n';
    for (let cut = 1; cut < text.length; cut++) {
      expect(frames(text.slice(0, cut), text.slice(cut))).toStrictEqual([{ data: 'one\ntwo' }, { data: 'three' }]);
    }
  });

  it('treats a CR at a chunk end followed by a non-LF chunk as a line end', () => {
    expect(frames('data: a\r', '\r', 'data: b\r', 'event: x\r\r')).toStrictEqual([
      { data: 'a' },
      { event: 'x', data: 'b' },
    ]);
  });

  it('only swallows one LF after a split CRLF', () => {
    expect(frames('data: a\r', '\n\ndata: b\n\n')).toStrictEqual([{ data: 'a' }, { data: 'b' }]);
  });
});

describe('createSSEParser fields', () => {
  it('strips a leading BOM once, at the start of the stream', () => {
    expect(frames('\uFEFFdata: a\n\n')).toStrictEqual([{ data: 'a' }]);
    expect(frames('\uFEFF', 'data: a\n\n')).toStrictEqual([{ data: 'a' }]);
    // A second BOM is part of the line: the field name is then "\uFEFFdata", which is unknown.
    expect(frames('\uFEFF\uFEFFdata: a\n\n')).toStrictEqual([]);
    expect(frames('data: a\n\n', '\uFEFFdata: b\n\n')).toStrictEqual([{ data: 'a' }]);
  });

  it('ignores comment lines, including heartbeats between frames', () => {
    expect(frames(': ping\n\n:\ndata: a\n: inside a frame\n\n: trailing\n\n')).toStrictEqual([{ data: 'a' }]);
  });

  it('joins multi-line data with LF and strips one optional space', () => {
    expect(frames('data: line 1\ndata:line 2\ndata:  indented\ndata:\n\n')).toStrictEqual([
      { data: 'line 1\nline 2\n indented\n' },
    ]);
  });

  it('keeps colons after the first inside the value', () => {
    expect(frames('data: {"a":"b:c"}\n\n')).toStrictEqual([{ data: '{"a":"b:c"}' }]);
  });

  it('reads a field with no colon as that field with an empty value', () => {
    expect(frames('data\n\n')).toStrictEqual([{ data: '' }]);
    expect(frames('data\ndata\n\n')).toStrictEqual([{ data: '\n' }]);
    expect(frames('event: x\nevent\ndata: a\n\n')).toStrictEqual([{ data: 'a' }]);
  });

  it('does not dispatch a frame without data lines, and forgets its type and id', () => {
    const recorded = parse(['event: token\nid: 5\n\ndata: a\n\n']);
    expect(recorded.frames).toStrictEqual([{ data: 'a' }]);
    expect(recorded.ids).toStrictEqual(['5']);
  });

  it('dispatches `data:` alone as an empty-data frame (a heartbeat for the decoder)', () => {
    expect(frames('event: token\ndata:\n\n')).toStrictEqual([{ event: 'token', data: '' }]);
  });

  it('ignores unknown fields and field names differing in case', () => {
    expect(frames('foo: bar\nData: x\nEVENT: y\ndata: a\n\n')).toStrictEqual([{ data: 'a' }]);
  });

  it('uses the last event field of a frame; an empty one means the default type', () => {
    expect(frames('event: a\nevent: b\ndata: 1\n\nevent:\ndata: 2\n\n')).toStrictEqual([
      { event: 'b', data: '1' },
      { data: '2' },
    ]);
  });

  it('sets frame.id only on the frame that had an id field', () => {
    const recorded = parse(['id: 1\ndata: a\n\ndata: b\n\nid:\ndata: c\n\nid\ndata: d\n\n']);
    expect(recorded.frames).toStrictEqual([
      { data: 'a', id: '1' },
      { data: 'b' },
      { data: 'c', id: '' },
      { data: 'd', id: '' },
    ]);
    expect(recorded.ids).toStrictEqual(['1', '', '']);
  });

  it('ignores an id containing NUL', () => {
    const recorded = parse(['id: 1\0 2\ndata: a\n\nid: 3\ndata: b\n\n']);
    expect(recorded.frames).toStrictEqual([{ data: 'a' }, { data: 'b', id: '3' }]);
    expect(recorded.ids).toStrictEqual(['3']);
  });

  it('reports retry only when the value is all ASCII digits', () => {
    const recorded = parse([
      'retry: 3000\nretry:250\nretry: 1.5\nretry: -1\nretry: 10a\nretry:\nretry: \uFF11\nretry:  5\nretry\n',
    ]);
    expect(recorded.retries).toStrictEqual([3000, 250]);
    expect(recorded.frames).toStrictEqual([]);
  });

  it('does not let retry, id or comments dispatch a frame on their own', () => {
    const recorded = parse(['retry: 10\n\nid: 4\n\n: c\n\n']);
    expect(recorded.frames).toStrictEqual([]);
    expect(recorded.retries).toStrictEqual([10]);
  });

  it('keeps the value of a field whose line is only a space after the colon as empty', () => {
    expect(frames('event: \ndata: \n\n')).toStrictEqual([{ data: '' }]);
  });
});

describe('createSSEParser chunking', () => {
  it('does not dispatch a final frame until its blank line arrives', () => {
    const seen: SSEFrame[] = [];
    const parser = createSSEParser({ onFrame: (frame) => seen.push(frame) });
    parser.feed('data: a\n\ndata: b\n');
    expect(seen).toStrictEqual([{ data: 'a' }]);
    parser.feed('data: c');
    expect(seen).toStrictEqual([{ data: 'a' }]);
    parser.feed('\n\n');
    expect(seen).toStrictEqual([{ data: 'a' }, { data: 'b\nc' }]);
  });

  it('gives the same frames when fed one character at a time', () => {
    const text = `\uFEFF: hi\r\nid: 9\r\n${TWO_FRAMES.replaceAll('\n', '\r')}data: x\ndata: y\r\n\r\n`;
    const whole = parse([text]);
    const oneByOne = parse(splitEvery(text, 1));
    expect(oneByOne).toStrictEqual(whole);
    expect(whole.frames).toHaveLength(3);
  });

  it('ignores empty chunks', () => {
    expect(frames('', 'data: a\r', '', '\n', '', '\n')).toStrictEqual([{ data: 'a' }]);
  });

  it('parses a 1 MB line split into 1000 chunks', () => {
    const payload = 'x'.repeat(1024 * 1024);
    const text = `event: token\ndata: ${payload}\n\n`;
    const result = frames(...splitEvery(text, Math.ceil(text.length / 1000)));
    expect(result).toHaveLength(1);
    expect(result[0]?.data.length).toBe(payload.length);
    expect(result[0]?.data).toBe(payload);
  });

  it('reset() drops a partial frame and starts a new stream', () => {
    const seen: SSEFrame[] = [];
    const parser = createSSEParser({ onFrame: (frame) => seen.push(frame) });
    parser.feed('event: token\ndata: partial\r');
    parser.reset();
    parser.feed('\uFEFF\ndata: fresh\n\n');
    // The LF after reset is a blank line on its own (the pending CR was forgotten): nothing to dispatch.
    expect(seen).toStrictEqual([{ data: 'fresh' }]);
  });
});

describe('createSSEByteParser', () => {
  const encoder = new TextEncoder();

  it('keeps multi-byte characters intact at every split point', () => {
    const text = 'data: {"text":"é日🚀"}\n\n';
    const bytes = encoder.encode(text);
    for (let cut = 1; cut < bytes.length; cut++) {
      const seen: SSEFrame[] = [];
      const parser = createSSEByteParser({ onFrame: (frame) => seen.push(frame) });
      for (const chunk of splitAt(bytes, [cut])) parser.feed(chunk);
      expect(seen).toStrictEqual([{ data: '{"text":"é日🚀"}' }]);
    }
  });

  it('decodes one byte at a time, strips a BOM, and replaces invalid bytes with U+FFFD', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode('data: a'), 0xff, ...encoder.encode('\n\n')]);
    const seen: SSEFrame[] = [];
    const parser = createSSEByteParser({ onFrame: (frame) => seen.push(frame) });
    for (const chunk of splitEvery(bytes, 1)) parser.feed(chunk);
    expect(seen).toStrictEqual([{ data: 'a\uFFFD' }]);
  });

  it('reset() forgets an incomplete UTF-8 sequence', () => {
    const seen: SSEFrame[] = [];
    const parser = createSSEByteParser({ onFrame: (frame) => seen.push(frame) });
    parser.feed(new Uint8Array([...encoder.encode('data: '), 0xf0, 0x9f]));
    parser.reset();
    parser.feed(encoder.encode('data: ok\n\n'));
    expect(seen).toStrictEqual([{ data: 'ok' }]);
  });
});

describe('createSSEParser last event id', () => {
  it('commits an id at the end of its frame, also for a frame without data, never for an unfinished one', () => {
    expect(parse(['id: 1\ndata: a\n\nid: 2\n\nid: 3\ndata: b\n']).ids).toEqual(['1', '2']);
  });

  it('reports an empty id (the WHATWG reset) at the end of its frame', () => {
    expect(parse(['id: 1\ndata: a\n\nid\ndata: b\n\n']).ids).toEqual(['1', '']);
  });
});
