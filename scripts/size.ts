/**
 * `npm run size`: the min+gz size of what an app downloads for `agent-event-stream` plus
 * `agent-event-stream/react` (components included, `@microsoft/fetch-event-source` bundled, React
 * external), from the built `dist/`, and of the smaller imports in {@link MEASURED_IMPORTS}.
 * `--breakdown [N]` also lists each source file's share of the Nth bundle (the first by default).
 * Exits 1 when an import costs more than its ceiling (CI runs it).
 */
import { decode } from '@jridgewell/sourcemap-codec';
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The budget from the components issue: 10 kB (10,000 bytes) min+gz for everything in core and React together. Not met yet. */
export const SIZE_BUDGET_BYTES = 10_000;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Sizes in bytes of a bundle. */
export interface BundleSize {
  minified: number;
  gzipped: number;
}

const MAIN = "export * from './dist/index.js';\nexport * from './dist/react.js';";
const ADAPTERS = "export * from './dist/adapters.js';";

/** An import an app makes, and the most min+gz bytes CI lets it cost. */
export interface MeasuredImport {
  label: string;
  /** The app's module: what it imports from `dist/`. */
  contents: string;
  /**
   * The size measured when the ceiling was set (2026-11-21) plus a little, so the bundle can only
   * shrink, never grow.
   */
  ceiling: number;
}

/**
 * What is measured. The first is what the budget is about. The hook and the connection alone show
 * what an app pays without the components (each entry tree-shakes: test/react/tree-shaking.test.ts);
 * the adapters entry is a chunk of its own, loaded only when a `protocol` is named.
 */
export const MEASURED_IMPORTS: readonly MeasuredImport[] = [
  { label: 'agent-event-stream + /react, everything (components included)', contents: MAIN, ceiling: 16_600 },
  { label: 'useAgentStream alone (no components)', contents: "export { useAgentStream } from './dist/react.js';", ceiling: 11_000 },
  { label: 'connectAgentStream alone (no React)', contents: "export { connectAgentStream } from './dist/index.js';", ceiling: 10_200 },
  { label: 'agent-event-stream/adapters (loaded on demand)', contents: ADAPTERS, ceiling: 14_400 },
];

/** Bundles an app's module that imports from `dist/` as the app's bundler would, minified, and gzips the result. */
export async function measureImport(contents: string): Promise<BundleSize> {
  return sizeOf((await bundle(contents, false)).outputFiles[0]!.contents);
}

const sizeOf = (code: Uint8Array): BundleSize => ({ minified: code.length, gzipped: gzipSync(code, { level: 9 }).length });

/**
 * A measured bundle; with `sourcemap`, also its source map (through dist's own maps, back to
 * `src/`). Each entry's imports of the others stay out: the core's dynamic import of the adapters
 * is a chunk of its own, downloaded only when used, and the adapters' import of the core is the
 * main bundle's.
 */
function bundle(contents: string, sourcemap: boolean) {
  if (!existsSync(join(root, 'dist/react.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const other = contents === ADAPTERS ? /^\.\/index\.js$/ : /^\.\/adapters\.js$/;
  return build({
    stdin: { contents, resolveDir: root, loader: 'js' },
    plugins: [{ name: 'other-entries', setup: (b) => b.onResolve({ filter: other }, ({ path }) => ({ path, external: true })) }],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
    external: ['react', 'react/*', 'react-dom', 'react-dom/*'],
    define: { 'process.env.NODE_ENV': '"production"' },
    // `external` writes no sourceMappingURL comment: the code is byte for byte the measured one.
    ...(sourcemap ? { sourcemap: 'external' as const, outfile: join(root, 'size-breakdown.js') } : {}),
  });
}

/** One source file's share of the bundle. */
export interface SourceShare {
  /** The file, relative to the package root (dependencies under `node_modules/`). */
  source: string;
  /** Its minified bytes in the bundle. */
  minified: number;
  /** How many gzipped bytes the bundle loses without them: a file's cost once the rest is compressed. */
  gzipped: number;
}

/** Each source file's minified and gzipped share of the measured bundle, largest cost first. */
export async function measureBreakdown(contents = MAIN): Promise<SourceShare[]> {
  const result = await bundle(contents, true);
  const code = result.outputFiles.find((file) => file.path.endsWith('.js'))!.text;
  const map = JSON.parse(result.outputFiles.find((file) => file.path.endsWith('.map'))!.text) as { sources: string[]; mappings: string };
  // The source of every output character, from the mappings (-1: generated, such as the export list's glue).
  const owner = new Int32Array(code.length).fill(-1);
  const lines = code.split('\n');
  let lineStart = 0;
  decode(map.mappings).forEach((segments, index) => {
    const length = lines[index]?.length ?? 0;
    segments.forEach(([from, owned = -1], i) => owner.fill(owned, lineStart + from, lineStart + (segments[i + 1]?.[0] ?? length)));
    lineStart += length + 1;
  });
  const total = gzipSync(code, { level: 9 }).length;
  const shares = new Map<number, number>();
  for (const owned of owner) shares.set(owned, (shares.get(owned) ?? 0) + 1);
  return [...shares]
    .map(([owned, minified]) => {
      let rest = '';
      for (let i = 0; i < code.length; i++) if (owner[i] !== owned) rest += code[i];
      const name = owned === -1 ? '(generated)' : (map.sources[owned] as string).replace(/^(\.\.\/)+/, '').replace(/^.*node_modules\//, 'node_modules/');
      return { source: name, minified, gzipped: total - gzipSync(rest, { level: 9 }).length };
    })
    .sort((a, b) => b.gzipped - a.gzipped);
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const kb = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;
  let grew = false;
  for (const { label, contents, ceiling } of MEASURED_IMPORTS) {
    const size = await measureImport(contents);
    const budget = contents === MAIN ? `budget ${kb(SIZE_BUDGET_BYTES)}, ` : '';
    console.log(`${label}: ${kb(size.minified)} minified, ${kb(size.gzipped)} min+gz (${budget}ceiling ${kb(ceiling)})`);
    if (contents === MAIN && size.gzipped > SIZE_BUDGET_BYTES) console.log(`  over the ${kb(SIZE_BUDGET_BYTES)} budget by ${size.gzipped - SIZE_BUDGET_BYTES} bytes`);
    if (size.gzipped > ceiling) {
      console.error(`  above its ceiling by ${size.gzipped - ceiling} bytes: the bundle grew`);
      grew = true;
    }
  }
  const at = process.argv.indexOf('--breakdown');
  if (at !== -1) {
    // `--breakdown N`: the Nth import above (1-based); the first by default.
    const measured = MEASURED_IMPORTS[Number(process.argv[at + 1] ?? 1) - 1] ?? MEASURED_IMPORTS[0]!;
    console.log(`\n  min+gz   minified  source in ${measured.label} (min+gz: what the bundle loses without the file)`);
    for (const share of await measureBreakdown(measured.contents)) {
      console.log(`${String(share.gzipped).padStart(8)} ${String(share.minified).padStart(10)}  ${share.source}`);
    }
  }
  if (grew) process.exit(1);
}
