// Checks what `npm run build` left in dist/ beyond what publint and attw look at: the file
// layout, the `'use client'` directive on the React entry only, that no entry carries a copy of
// another's code, that Node can load every entry (an import another entry does not export fails
// here, not in a user's app), and what npm packs.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = resolve('dist');
const problems: string[] = [];

const files = readdirSync(dist).filter((name) => name !== 'types').sort();
const ENTRIES = ['index', 'react', 'server', 'testing', 'adapters', 'cli'];
const expected = ENTRIES.flatMap((entry) => [`${entry}.js`, `${entry}.js.map`]).sort();
if (files.join() !== expected.join()) problems.push(`dist/ holds ${files.join(', ')}; expected ${expected.join(', ')}`);

const DIRECTIVE = /^["']use client["'];?\n/;
const source = (entry: string) => readFileSync(resolve(dist, `${entry}.js`), 'utf8');
if (!DIRECTIVE.test(source('react'))) problems.push("dist/react.js does not start with 'use client'");
for (const entry of ['index', 'server', 'testing', 'adapters', 'cli']) {
  if (source(entry).includes('use client')) problems.push(`dist/${entry}.js must not carry 'use client'`);
}
for (const entry of ['react', 'server', 'testing', 'adapters']) {
  // The server entry uses core types only, so only the others must import the core's file.
  if (entry !== 'server' && !source(entry).includes('from "./index.js"')) problems.push(`dist/${entry}.js does not import the core from ./index.js`);
  // Rolldown marks each bundled module with a `// src/…` comment: core code here would be a second copy.
  if (source(entry).includes('// src/core/')) problems.push(`dist/${entry}.js bundles a copy of core modules`);
}
for (const entry of ['testing', 'cli']) {
  if (source(entry).includes('// src/server/')) problems.push(`dist/${entry}.js bundles a copy of the server entry`);
}
if (source('cli').includes('// src/core/')) problems.push('dist/cli.js bundles a copy of core modules');
// A protocol name loads the adapters lazily: the core may only import them dynamically.
if (!source('index').includes('import("./adapters.js")')) problems.push('dist/index.js does not load ./adapters.js with a dynamic import');
if (/from\s*"\.\/adapters\.js"|\/\/ src\/adapters\//.test(source('index'))) problems.push('dist/index.js imports or bundles the adapters statically');

// The `agent-event-stream` command: package.json's bin runs dist/cli.js, which must start with its #! line.
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string; bin?: Record<string, string> };
if (pkg.bin?.['agent-event-stream'] !== 'dist/cli.js') problems.push('package.json bin "agent-event-stream" must be dist/cli.js');
if (!source('cli').startsWith('#!/usr/bin/env node\n')) problems.push('dist/cli.js does not start with #!/usr/bin/env node');
try {
  const printed = execFileSync(process.execPath, [resolve(dist, 'cli.js'), '--version'], { encoding: 'utf8' }).trim();
  if (printed !== pkg.version) problems.push(`dist/cli.js --version printed ${printed}, not ${pkg.version}`);
  execFileSync(process.execPath, [resolve(dist, 'cli.js'), 'replay', '--help'], { encoding: 'utf8' });
} catch (error) {
  problems.push(`dist/cli.js does not run: ${String(error)}`);
}

async function checkExports(file: string, names: string[]): Promise<void> {
  try {
    const entry = (await import(pathToFileURL(resolve(dist, file)).href)) as Record<string, unknown>;
    for (const name of names) {
      // Components made with forwardRef are objects, not functions.
      if (entry[name] == null) problems.push(`dist/${file} does not export ${name}`);
    }
  } catch (error) {
    problems.push(`dist/${file} does not load in Node: ${String(error)}`);
  }
}
await checkExports('index.js', ['decodeEvent', 'createAgentStore', 'connectAgentStream', 'AgentStreamError']);
await checkExports('react.js', ['useAgentStream', 'useAgentSelector', 'AgentStreamProvider', 'ToolCallList']);
await checkExports('server.js', ['encodeEvent', 'encodeComment', 'AgentStreamRecorder', 'parseRecording', 'formatRecordedFrame', 'RecordingError']);
await checkExports('testing.js', ['mockAgentStream', 'agentStreamHandler', 'scriptFromRecording']);
await checkExports('adapters.js', ['adapters', 'auto', 'aiSdk', 'agUi', 'assistantStream', 'openaiChat', 'openaiResponses', 'anthropic', 'pydanticAiStream', 'shipit', 'pydanticDeep', 'agentEventStream']);

const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { encoding: 'utf8' })) as [
  { files: { path: string }[] },
];
const PACKABLE = /^(dist\/|README\.md$|LICENSE$|package\.json$)/;
for (const { path } of packed.files) {
  if (!PACKABLE.test(path)) problems.push(`npm pack would publish ${path}`);
}

if (problems.length > 0) {
  console.error(`check-package: ${problems.length} problem(s)\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(`check-package: dist/ has ${expected.join(', ')} and types/; every entry loads in Node; npm packs ${packed.files.length} files`);
