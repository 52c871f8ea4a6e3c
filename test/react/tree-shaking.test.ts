import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// An app that imports one name from an entry must pay only for that name. Each entry is built into
// one file, where package.json's `sideEffects: false` no longer separates modules: a module-level
// call without a `@__PURE__` annotation (`forwardRef(...)`, `Object.assign(...)`) would pull every
// component into a bundle that uses only the hook. So the sources are bundled here as if each
// module had side effects, and only the annotations can leave code out.
const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The source files with code in a bundle of `contents` (React external, the adapters a chunk of
 * their own). esbuild heads each file's part of an unminified bundle with a `// path` comment; a
 * file whose part holds only its imports of React contributed nothing.
 */
async function filesIn(contents: string): Promise<Set<string>> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'ts' },
    bundle: true,
    format: 'esm',
    write: false,
    jsx: 'automatic',
    logLevel: 'silent',
    external: ['react', 'react/*'],
    plugins: [
      {
        name: 'as-one-file',
        setup(b) {
          b.onResolve({ filter: /adapters\/index$/ }, ({ path }) => ({ path, external: true }));
          b.onResolve({ filter: /^\./ }, async ({ path, resolveDir, kind, pluginData }) => {
            if (pluginData === 'resolving') return undefined;
            return { ...(await b.resolve(path, { resolveDir, kind, pluginData: 'resolving' })), sideEffects: true };
          });
        },
      },
    ],
  });
  // The bundle's closing `export { … }` list belongs to no file.
  const code = result.outputFiles[0]!.text.replace(/^export \{[^}]*\};\s*$/m, '');
  const parts = code.split(/^\/\/ (\S+)$/m).slice(1);
  const files = new Set<string>();
  for (let i = 0; i < parts.length; i += 2) {
    if (parts[i + 1]!.split('\n').some((line) => line.trim() !== '' && !line.startsWith('import '))) files.add(parts[i]!);
  }
  return files;
}

/** Each value export of an entry (`export { a, b } from './file'`) with the file it comes from. */
function valueExports(entry: string): Array<[name: string, file: string]> {
  const source = readFileSync(`${root}${entry}`, 'utf8');
  const dir = entry.slice(0, entry.lastIndexOf('/') + 1);
  return [...source.matchAll(/^export \{([^}]+)\} from '(.+)';$/gm)].flatMap(([, names, from]) =>
    names!.split(',').map((name) => [name.trim(), `./${dir}${from!.slice(2)}`] as [string, string]),
  );
}

describe.each(['src/react/index.ts', 'src/index.ts'])('importing one name from %s', (entry) => {
  it.each(valueExports(entry))('%s costs no more than importing it from its own file', async (name, file) => {
    const [viaEntry, direct] = await Promise.all([filesIn(`export { ${name} } from './${entry}';`), filesIn(`export { ${name} } from '${file}';`)]);
    expect([...viaEntry].filter((input) => !direct.has(input))).toEqual([]);
  });
});

it('the hook alone bundles none of the components', async () => {
  const files = await filesIn("export { useAgentStream } from './src/react/index.ts';");
  expect(files.has('src/react/use-agent-stream.ts')).toBe(true);
  expect([...files].filter((file) => file.startsWith('src/react/components/'))).toEqual([]);
});
