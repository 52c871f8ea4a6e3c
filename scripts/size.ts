/**
 * `npm run size`: the min+gz size of what an app downloads for `agent-event-stream` plus
 * `agent-event-stream/react` (components included, `@microsoft/fetch-event-source` bundled, React
 * external), from the built `dist/`. Exits 1 over the budget; `--json` prints the figures only.
 */
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The budget from the components issue: 10 kB (10,000 bytes) min+gz for core and React together. */
export const SIZE_BUDGET_BYTES = 10_000;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Sizes in bytes of the bundle an app gets from both entries. */
export interface BundleSize {
  minified: number;
  gzipped: number;
}

/** Bundles `dist/index.js` and `dist/react.js` as an app would, minified, and gzips the result. */
export async function measureBundleSize(): Promise<BundleSize> {
  if (!existsSync(join(root, 'dist/react.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const result = await build({
    stdin: { contents: "export * from './dist/index.js';\nexport * from './dist/react.js';", resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
    external: ['react', 'react/*', 'react-dom', 'react-dom/*'],
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const code = result.outputFiles[0]!.contents;
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const size = await measureBundleSize();
  const kb = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;
  console.log(`agent-event-stream + /react: ${kb(size.minified)} minified, ${kb(size.gzipped)} min+gz (budget ${kb(SIZE_BUDGET_BYTES)})`);
  if (size.gzipped > SIZE_BUDGET_BYTES) {
    console.error(`Over the size budget by ${size.gzipped - SIZE_BUDGET_BYTES} bytes.`);
    process.exit(1);
  }
}
