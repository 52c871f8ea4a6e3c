import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';

/** The directory holding the reference `agent_stream` package: the vendored copy unless overridden. */
export const REFERENCE_DIR =
  process.env.AGENT_STREAM_REFERENCE ?? fileURLToPath(new URL('../fixtures/python-reference', import.meta.url));

// The shared original beside the repository, when this checkout has one: the copy must not drift.
const SHARED_DIR = fileURLToPath(new URL('../../../shared/reference/python', import.meta.url));
const REFERENCE_FILES = ['__init__.py', 'emitter.py', 'batcher.py'];

function findProblem(): string | null {
  const version = spawnSync('python3', ['--version'], { encoding: 'utf8' });
  if (version.error !== undefined || version.status !== 0) return 'python3 could not be run';
  if (!existsSync(`${REFERENCE_DIR}/agent_stream/emitter.py`)) {
    return `the Python reference is not at ${REFERENCE_DIR} (set AGENT_STREAM_REFERENCE)`;
  }
  return null;
}

function assertNoDrift(): void {
  if (process.env.AGENT_STREAM_REFERENCE !== undefined || !existsSync(SHARED_DIR)) return;
  for (const file of REFERENCE_FILES) {
    const shared = readFileSync(`${SHARED_DIR}/agent_stream/${file}`, 'utf8');
    const vendored = readFileSync(`${REFERENCE_DIR}/agent_stream/${file}`, 'utf8');
    if (shared !== vendored) {
      throw new Error(`test/fixtures/python-reference/agent_stream/${file} differs from ${SHARED_DIR}: copy it again`);
    }
  }
}

/** Why the Python parity tests cannot run here, or `null` when they can. */
export const pythonProblem = findProblem();
if (pythonProblem === null) assertNoDrift();
if (pythonProblem !== null && process.env.CI) {
  throw new Error(`The Python parity tests need python3 and the reference: ${pythonProblem}`);
}

/**
 * `describe` when python3 and the reference are there; otherwise the suite is skipped with a loud
 * message (and, above, fails under CI, where it must run).
 */
export function describeWithPython(name: string, body: () => void): void {
  if (pythonProblem === null) {
    describe(name, body);
    return;
  }
  console.warn(`\n!!! SKIPPED "${name}": ${pythonProblem}. These tests compare with the Python reference.\n`);
  describe.skip(name, body);
}
