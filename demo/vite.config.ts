import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Separate from the root config, which builds the library and configures Vitest.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  // The page imports the library's source (../src), so it always shows this checkout's code.
  build: { outDir: 'dist', emptyOutDir: true },
});
