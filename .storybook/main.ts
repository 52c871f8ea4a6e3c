import type { StorybookConfig } from '@storybook/react-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.tsx'],
  // Runs every story's play function as a Vitest test (the `storybook` project in vite.config.ts).
  addons: ['@storybook/addon-vitest'],
  // msw's service worker (`npx msw init .storybook/public --no-save`), served at the root.
  staticDirs: ['./public'],
  framework: {
    name: '@storybook/react-vite',
    // The root vite.config.ts builds the library (lib mode, react->core imports made external): not
    // a config a Storybook can be built with.
    options: { builder: { viteConfigPath: '.storybook/vite.config.ts' } },
  },
  // No docs addon reads component metadata, so extracting it would only slow the build.
  typescript: { reactDocgen: false },
  // Nothing leaves the machine: CI and this repo's sandbox have no network beyond the npm registry.
  core: { disableTelemetry: true, disableWhatsNewNotifications: true, enableCrashReports: false },
  viteFinal(config) {
    return {
      ...config,
      // The preview bundles React and Storybook's runtime into a few big chunks by design.
      build: { ...config.build, chunkSizeWarningLimit: 2048 },
    };
  },
};

export default config;
