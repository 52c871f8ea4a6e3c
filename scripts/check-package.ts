// Checks what `npm run build` left in dist/ beyond what publint and attw look at: the file
// layout, the `'use client'` directive on the React entry only, that Node can load both entries
// (an import the core entry does not export fails here, not in a user's app), and what npm packs.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = resolve('dist');
const problems: string[] = [];

const files = readdirSync(dist).filter((name) => name !== 'types').sort();
const expected = ['index.js', 'index.js.map', 'react.js', 'react.js.map'];
if (files.join() !== expected.join()) problems.push(`dist/ holds ${files.join(', ')}; expected ${expected.join(', ')}`);

const DIRECTIVE = /^["']use client["'];?\n/;
const reactEntry = readFileSync(resolve(dist, 'react.js'), 'utf8');
const coreEntry = readFileSync(resolve(dist, 'index.js'), 'utf8');
if (!DIRECTIVE.test(reactEntry)) problems.push("dist/react.js does not start with 'use client'");
if (coreEntry.includes('use client')) problems.push("dist/index.js must not carry 'use client'");
if (!reactEntry.includes('from "./index.js"')) problems.push('dist/react.js does not import the core from ./index.js');
// Rolldown marks each bundled module with a `// src/…` comment: core code here would be a second copy.
if (reactEntry.includes('// src/core/')) problems.push('dist/react.js bundles a copy of core modules');

async function checkExports(file: string, names: string[]): Promise<void> {
  try {
    const entry = (await import(pathToFileURL(resolve(dist, file)).href)) as Record<string, unknown>;
    for (const name of names) {
      if (typeof entry[name] !== 'function') problems.push(`dist/${file} does not export ${name}`);
    }
  } catch (error) {
    problems.push(`dist/${file} does not load in Node: ${String(error)}`);
  }
}
await checkExports('index.js', ['decodeEvent', 'createAgentStore', 'connectAgentStream', 'AgentStreamError']);
await checkExports('react.js', ['useAgentStream', 'useAgentSelector']);

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
console.log(`check-package: dist/ has ${expected.join(', ')} and types/; both entries load in Node; npm packs ${packed.files.length} files`);
