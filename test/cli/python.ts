import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { REFERENCE_DIR } from '../helpers/python-reference';

const SCRIPT = fileURLToPath(new URL('./reference_recording.py', import.meta.url));

/** Runs test/cli/reference_recording.py in `mode` with `input` on stdin; resolves with its stdout. */
export function runReference(args: string[], input = ''): string {
  const result = spawnSync('python3', [SCRIPT, ...args], { input, encoding: 'utf8', env: { ...process.env, AGENT_STREAM_REFERENCE: REFERENCE_DIR }, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`reference_recording.py ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}
