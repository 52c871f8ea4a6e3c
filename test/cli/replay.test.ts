import { mkdtempSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { fakeIO } from './fake-io';

const FIXTURE = fileURLToPath(new URL('../fixtures/recordings/session.jsonl', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'aes-replay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function recordingFile(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

const timed = recordingFile('timed.jsonl', [
  '{"session": "s", "started_at": "2025-01-01T00:00:00Z", "t": 0}',
  '{"t": 0.0, "event": "token", "data": {"text": "a"}}',
  '{"t": 0.5, "event": "token", "data": {"text": "b"}}',
  '{"t": 0.5, "event": "token", "data": {"text": "c"}}',
  '{"t": 2.0, "event": "done", "data": {"message_id": "m", "total_cost_usd": 0.0}}',
]);

const FRAMES =
  'event: token\ndata: {"text": "a"}\n\n' +
  'event: token\ndata: {"text": "b"}\n\n' +
  'event: token\ndata: {"text": "c"}\n\n' +
  'event: done\ndata: {"message_id": "m", "total_cost_usd": 0.0}\n\n';

describe('agent-event-stream replay', () => {
  it('writes the frames with the recorded timing', async () => {
    const io = fakeIO();
    expect(await runCli(['replay', timed], io)).toBe(0);
    expect(io.out).toBe(FRAMES);
    expect(io.err).toBe('');
    expect(io.sleeps).toStrictEqual([500, 1500]);
  });

  it('divides the delays by --speed, and skips them at Infinity', async () => {
    const fast = fakeIO();
    expect(await runCli(['replay', timed, '--speed', '2'], fast)).toBe(0);
    expect(fast.sleeps).toStrictEqual([250, 750]);
    const slow = fakeIO();
    expect(await runCli(['replay', timed, '-s', '0.5'], slow)).toBe(0);
    expect(slow.sleeps).toStrictEqual([1000, 3000]);
    const instant = fakeIO();
    expect(await runCli(['replay', timed, '--speed=Infinity'], instant)).toBe(0);
    expect(instant.sleeps).toStrictEqual([]);
    expect(instant.out).toBe(FRAMES);
  });

  it('keeps to the recorded schedule when writes are slow, instead of adding them up', async () => {
    const io = fakeIO({ writeMs: 100 });
    expect(await runCli(['replay', timed], io)).toBe(0);
    expect(io.sleeps).toStrictEqual([400, 1300]);
  });

  it('stops between frames on Ctrl+C with exit code 130', async () => {
    const io = fakeIO({ onWrite: (self) => self.out.split('\n\n').length > 2 && self.interrupt() });
    expect(await runCli(['replay', timed], io)).toBe(130);
    expect(io.out).toBe('event: token\ndata: {"text": "a"}\n\nevent: token\ndata: {"text": "b"}\n\n');
  });

  it('--list prints one line per event and a total, without waiting', async () => {
    const io = fakeIO();
    expect(await runCli(['replay', FIXTURE, '--list'], io)).toBe(0);
    expect(io.sleeps).toStrictEqual([]);
    expect(io.out).toBe(
      [
        '0.000  thinking     50 chars "The user wants the weather in Paris; sea…"',
        '0.250  turn         turn 1, 2 tools',
        '0.300  tool_use     search tu_1 "weather Paris"',
        '0.750  tool_result  search tu_1 done in 450 ms "3 results"',
        '0.800  tool_use     fetch_url tu_2 "https://example.com/paris"',
        '1.100  tool_result  fetch_url tu_2 error in 300 ms "timeout"',
        '1.150  error        tool_failed "fetch_url timed out"',
        '1.200  progress     60% synthesis "Writing the answer" 3/5 "Forecast"',
        '1.300  creation     1 note tu_1',
        '1.500  token        25 chars "It is sunny in Paris ☀️, "',
        '1.550  token        6 chars "22 °C."',
        '1.600  usage        1200 in, 48 out tokens, $0.0042, claude-sonnet-4-6',
        '1.620  citation     {"url":"https://example.com/paris"}',
        '1.700  done         msg_1, 1 turns, 2 tools, 1700 ms, claude-sonnet-4-6, $0.0042',
        'total: 14 events over 1.700 s (thinking 1, turn 1, tool_use 2, tool_result 2, error 1, progress 1, creation 1, token 2, usage 1, citation 1, done 1); session 5f0c7c1e-8a2b-4c1d-9e3f-2a6b7c8d9e0f, started 2025-06-01T12:00:00.000Z',
        '',
      ].join('\n'),
    );
  });

  it('--list quotes awkward names, shows missing figures as ?, and flags events a client would reject', async () => {
    const path = recordingFile('odd.jsonl', [
      '{"t": 12.5, "event": "tool_use", "data": {"tool_name": "web search", "tool_use_id": "tu\\n1", "input_summary": "", "status": "running"}}',
      '{"t": 3, "event": "tool_result", "data": {"tool_name": "x", "tool_use_id": "tu_1", "output_summary": "", "duration_ms": NaN, "status": "done"}}',
      '{"t": 4, "event": "tool_use", "data": {"tool_name": "x"}}',
      '{"t": 5, "event": "token", "data": "not an object"}',
    ]);
    const io = fakeIO();
    expect(await runCli(['replay', path, '--list'], io)).toBe(0);
    const lines = io.out.split('\n');
    expect(lines[0]).toBe('12.500  tool_use     "web search" "tu\\n1" ""');
    expect(lines[1]).toBe(' 3.000  tool_result  x tu_1 done in ? ms ""');
    expect(lines[2]).toBe(' 4.000  tool_use     unreadable: Frame "tool_use": field "tool_use_id" must be a non-empty string');
    expect(lines[3]).toBe(' 5.000  token        unreadable: Frame "token": data must be a JSON object, got string');
    expect(lines.slice(4)).toStrictEqual(['total: 4 events over 12.500 s (tool_use 2, tool_result 1, token 1)', '']);
  });

  it('replays a recording without a header, and an empty one', async () => {
    const io = fakeIO();
    expect(await runCli(['replay', recordingFile('bare.jsonl', ['{"t": 0, "event": "token", "data": {"text": "x"}}'])], io)).toBe(0);
    expect(io.out).toBe('event: token\ndata: {"text": "x"}\n\n');
    const empty = fakeIO();
    expect(await runCli(['replay', recordingFile('empty.jsonl', []), '--list'], empty)).toBe(0);
    expect(empty.out).toBe('total: 0 events over 0.000 s\n');
  });
});

describe('agent-event-stream errors and exit codes', () => {
  it.each([
    [['replay', join(dir, 'missing.jsonl')], 1, 'cannot read', 'no such file'],
    [['replay', dir], 1, 'cannot read', 'directory'],
    [['replay', recordingFile('bad.jsonl', ['{"t": 0, "event": "token", "data": {}}', '', '{"t": 1, "event": oops}'])], 1, 'bad.jsonl', 'Recording line 3: not valid JSON'],
    [['replay', recordingFile('late-header.jsonl', ['{"t": 0, "event": "a", "data": 1}', '{"session": "s", "t": 0}'])], 1, 'line 2', 'header line may only come first'],
    [['replay', timed, '--speed', '0'], 2, "option '-s, --speed <n>' argument '0' is invalid", 'above 0'],
    [['replay', timed, '--speed', '-2'], 2, 'is invalid', 'above 0'],
    [['replay', timed, '--speed', 'fast'], 2, 'is invalid', 'above 0'],
    [['replay', timed, '--speed', ''], 2, 'is invalid', 'above 0'],
    [['replay', timed, '--serve', '--port', '70000'], 2, 'is invalid', '0 to 65535'],
    [['replay', timed, '--port', '8000'], 2, '--port needs --serve', 'replay --help'],
    [['replay', timed, '--list', '--serve'], 2, "option '-l, --list' cannot be used with option '--serve'", '--help'],
    [['replay', timed, '--loop'], 2, "unknown option '--loop'", '--help'],
    [['replay'], 2, "missing required argument 'file'", '--help'],
    [['record', timed], 2, "unknown command 'record'", '--help'],
    [[], 2, 'Usage: agent-event-stream', 'replay'],
  ])('%j exits with %i', async (argv, code, first, second) => {
    const io = fakeIO();
    expect(await runCli(argv, io)).toBe(code);
    expect(io.err).toContain(first);
    expect(io.err).toContain(second);
    expect(io.out).toBe('');
  });

  it('--help and --version print to stdout and exit 0', async () => {
    const help = fakeIO();
    expect(await runCli(['--help'], help)).toBe(0);
    expect(help.out).toContain('Usage: agent-event-stream [options] [command]');
    expect(help.out).toContain('agent-event-stream replay session.jsonl --serve');
    const replayHelp = fakeIO();
    expect(await runCli(['replay', '--help'], replayHelp)).toBe(0);
    expect(replayHelp.out).toContain('--list prints one line per event, then a total line');
    const version = fakeIO();
    expect(await runCli(['--version'], version)).toBe(0);
    const { version: expected } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(version.out).toBe(`${expected}\n`);
  });
});
