// Temporary: min+gz of core + react bundled from src (no build needed), with per-file minified bytes.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
const entry = process.argv[2] ?? "export * from './src/index.ts'; export * from './src/react/index.ts';";
const r = await build({
  stdin: { contents: entry, resolveDir: process.cwd(), loader: 'ts' },
  bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2020', write: false, metafile: true,
  jsx: 'automatic', logLevel: 'silent',
  external: ['react', 'react/*', 'react-dom', 'react-dom/*'],
  define: { 'process.env.NODE_ENV': '"production"' },
  plugins: [{ name: 'x', setup: (b) => b.onResolve({ filter: /adapters\/index$/ }, (a) => ({ path: a.path, external: true })) }],
});
const out = Object.values(r.metafile.outputs)[0];
const code = r.outputFiles[0].contents;
console.log(`total: ${code.length} min, ${gzipSync(code, { level: 9 }).length} min+gz`);
if (process.argv.includes('--files')) for (const [f, v] of Object.entries(out.inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)) if (v.bytesInOutput) console.log(String(v.bytesInOutput).padStart(7), f);
