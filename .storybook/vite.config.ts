import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Storybook's own Vite config (see main.ts): the stories import the library's source, as the demo does.
export default defineConfig({
  plugins: [react()],
});
