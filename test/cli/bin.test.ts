import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = 'test/fixtures/recordings/session.jsonl';
// The built bin when `npm run build` has run, else the source through tsx: the same runCli.
const BIN = existsSync(`${ROOT}dist/cli.js`) ? ['dist/cli.js'] : ['--import', 'tsx', 'src/cli/bin.ts'];

describe('the agent-event-stream bin', () => {
  it('runs as a process: --help on stdout, a bad option on stderr with exit code 2', () => {
    const help = spawnSync(process.execPath, [...BIN, '--help'], { cwd: ROOT, encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: agent-event-stream [options] [command]');
    const bad = spawnSync(process.execPath, [...BIN, 'replay', FIXTURE, '--speed', 'never'], { cwd: ROOT, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("argument 'never' is invalid");
  });

  it('serves until SIGINT, then exits 0', async () => {
    const child = spawn(process.execPath, [...BIN, 'replay', FIXTURE, '--serve', '--port', '0', '--speed', '100'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (text: string) => {
        out += text;
        const match = /^http:\/\/\S+\/$/m.exec(out);
        if (match) resolve(match[0]);
      });
      void exited.then((code) => reject(new Error(`exited with ${code} before serving`)));
    });
    const frames = await (await fetch(`${url}api/chat`, { method: 'POST', body: '{}' })).text();
    expect(frames.startsWith('id: 1\nevent: thinking\n')).toBe(true);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
