import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// One config for the library build (two entries, dependencies external) and for Vitest.
export default defineConfig({
  plugins: [react()],
  build: {
    lib: {
      entry: { index: 'src/index.ts', react: 'src/react/index.ts' },
      formats: ['es'],
    },
    sourcemap: true,
    rollupOptions: {
      external: [/^react($|\/)/, /^react-dom($|\/)/, '@microsoft/fetch-event-source'],
    },
  },
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'node',
    restoreMocks: true,
    testTimeout: 15_000,
  },
});
