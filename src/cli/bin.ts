#!/usr/bin/env node
import { runCli } from './main';
import { nodeIO } from './node-io';

// Ctrl+C (or a SIGTERM) ends a replay between two frames, or stops a server and its streams.
const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => controller.abort());

runCli(process.argv.slice(2), nodeIO(controller)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`agent-event-stream: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
