/**
 * How every test that drives a browser launches Debian's Chromium (`.ci/run` installs it): the
 * Vitest browser projects and the demo's end-to-end test. Playwright never downloads a browser here.
 */
export const chromiumLaunchOptions = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};
