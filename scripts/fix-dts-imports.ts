// src/ imports relative modules without an extension (bundler style), and tsc copies those
// specifiers into the .d.ts files as they are. TypeScript's node16/nodenext resolution reads
// declaration files by Node's ESM rules, which need the full path, so this adds it after `tsc`.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? 'dist/types');
// `from './x'`, `import('./x')` and `import './x'`: the only places a declaration names a module.
const RELATIVE_SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.\.?\/[^'"]*)\2/g;

function fullSpecifier(file: string, specifier: string): string {
  if (specifier.endsWith('.js')) return specifier;
  const target = resolve(dirname(file), specifier);
  if (existsSync(`${target}.d.ts`)) return `${specifier}.js`;
  if (existsSync(join(target, 'index.d.ts'))) return `${specifier}/index.js`;
  throw new Error(`${file}: no declaration file for '${specifier}'`);
}

let changed = 0;
for (const name of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
  if (!name.endsWith('.d.ts')) continue;
  const file = join(root, name);
  const before = readFileSync(file, 'utf8');
  const after = before.replace(RELATIVE_SPECIFIER, (_match, lead: string, quote: string, specifier: string) => {
    return `${lead}${quote}${fullSpecifier(file, specifier)}${quote}`;
  });
  if (after !== before) {
    writeFileSync(file, after);
    changed += 1;
  }
}
console.log(`fix-dts-imports: ${changed} declaration files given full relative specifiers`);
