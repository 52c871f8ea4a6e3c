import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import type { Plugin } from 'vite';
import { configDefaults, defineConfig } from 'vitest/config';
// With an extension, as Vite's native config loader (its future default) requires.
import { chromiumLaunchOptions } from './test/helpers/chromium.js';

// React 18.3 lives in test/react18/node_modules (a `file:` devDependency) rather than under npm
// aliases: react-dom resolves `react` by Node's own lookup, so the two copies must sit side by side.
const react18Modules = fileURLToPath(new URL('./test/react18/node_modules/', import.meta.url));
// Testing Library's ES build, transformed by Vitest so that its `react` imports meet the alias
// (its CommonJS main would `require` the root's React 19).
const testingLibraryEsm = fileURLToPath(
  new URL('./node_modules/@testing-library/react/dist/@testing-library/react.esm.js', import.meta.url),
);

/**
 * The entries other than the core import its modules directly (and `testing` imports `server`'s);
 * in the build such an import becomes an import of that entry's file, so each entry ships its own
 * code once and shares the rest (one store class, one error class) instead of hashed common chunks.
 * `npm run check:package` loads every entry to catch a name the imported entry does not export.
 */
function entriesImportEachOther(): Plugin {
  const dir = (path: string) => fileURLToPath(new URL(path, import.meta.url));
  const entryOf: Array<[string, string]> = [
    [dir('./src/core/'), './index.js'],
    [dir('./src/server/'), './server.js'],
    // The core loads the adapters entry lazily (a dynamic import of ./adapters.js) for a protocol name.
    [dir('./src/adapters/'), './adapters.js'],
  ];
  const importers = [dir('./src/core/'), dir('./src/react/'), dir('./src/server/'), dir('./src/testing/'), dir('./src/cli/'), dir('./src/adapters/')];
  return {
    name: 'entries-import-each-other',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer || !source.startsWith('.') || !importers.some((d) => importer.startsWith(d))) return null;
      const target = resolve(dirname(importer), source);
      for (const [entryDir, file] of entryOf) {
        if (target.startsWith(entryDir) && !importer.startsWith(entryDir)) return { id: file, external: true };
      }
      return null;
    },
  };
}

// One config for the library build (two entries, dependencies external) and for Vitest.
export default defineConfig({
  plugins: [react(), entriesImportEachOther()],
  build: {
    lib: {
      entry: {
        index: 'src/index.ts',
        react: 'src/react/index.ts',
        server: 'src/server/index.ts',
        testing: 'src/testing/index.ts',
        adapters: 'src/adapters/index.ts',
        // The `agent-event-stream` command (package.json `bin`); src/cli/bin.ts starts with its #! line.
        cli: 'src/cli/bin.ts',
      },
      formats: ['es'],
    },
    sourcemap: true,
    // Rolldown keeps the `'use client'` directive of src/react/index.ts at the top of dist/react.js
    // (and only there); scripts/check-package.ts asserts it.
    rolldownOptions: {
      external: [/^react($|\/)/, /^react-dom($|\/)/, /^msw($|\/)/, '@microsoft/fetch-event-source', 'partial-json', /^node:/, /^commander($|\/)/],
    },
  },
  test: {
    environment: 'node',
    restoreMocks: true,
    testTimeout: 15_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'default',
          include: ['test/**/*.test.{ts,tsx}'],
          // Those run in a real browser, in the `browser` project.
          exclude: [...configDefaults.exclude, 'test/browser/**'],
          env: { EXPECTED_REACT_VERSION: '19.' },
          typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
        },
      },
      {
        extends: true,
        test: {
          name: 'react18',
          include: ['test/react/**/*.test.{ts,tsx}'],
          // Bundles the sources with esbuild; renders nothing, so one React version is enough.
          exclude: [...configDefaults.exclude, 'test/react/tree-shaking.test.ts'],
          env: { EXPECTED_REACT_VERSION: '18.3.' },
          alias: [
            { find: /^(react|react-dom)(\/.*)?$/, replacement: `${react18Modules}$1$2` },
            { find: /^@testing-library\/react$/, replacement: testingLibraryEsm },
          ],
          server: { deps: { inline: ['@testing-library/react'] } },
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.browser.test.tsx'],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: chromiumLaunchOptions }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
      {
        // Every story's play function, in Chromium. Storybook's own Vite config, not this one: its
        // plugins are the ones the stories are built with.
        extends: './.storybook/vite.config.ts',
        plugins: [storybookTest({ configDir: fileURLToPath(new URL('./.storybook/', import.meta.url)) })],
        test: {
          name: 'storybook',
          testTimeout: 15_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: chromiumLaunchOptions }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
