// The demo end to end: the page built with Vite, served by the demo server, driven in Debian's Chromium.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// `playwright` is the devDependency; it is `playwright-core` plus nothing the test uses, and never downloads a browser here.
import { chromium, type Browser, type Page } from 'playwright';
import { build } from 'vite';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { answerOf } from '../../demo/scripts';
import { startDemoServer, type DemoServer } from '../../demo/server';
import { chromiumLaunchOptions } from '../helpers/chromium';

const AXE = fileURLToPath(import.meta.resolve('axe-core/axe.min.js'));
const SCREENSHOT = fileURLToPath(new URL('../../test-results/demo-e2e.png', import.meta.url));
// Runs a research scenario in about two seconds instead of ten; every figure on the wire is the same.
const TOKEN_DELAY_MS = 4;
// Generous: a loaded 2-core machine is slow to start Chromium; each test takes a few seconds.
const TIMEOUT_MS = 60_000;

let outDir: string;
let server: DemoServer;
let browser: Browser;
let page: Page;
let serverLog: string[];
let consoleErrors: string[];

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'demo-e2e-'));
  // Vitest sets NODE_ENV=test, which would make Vite build React's development JSX; the page under
  // test is the production build that `npm start` serves.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: fileURLToPath(new URL('../../demo/vite.config.ts', import.meta.url)),
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  serverLog = [];
  server = await startDemoServer({ port: 0, distDir: outDir, tokenDelayMs: TOKEN_DELAY_MS, log: (line) => serverLog.push(line) });
  browser = await chromium.launch({ ...chromiumLaunchOptions, headless: true });
}, TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await rm(outDir, { recursive: true, force: true });
});

beforeEach(async () => {
  consoleErrors = [];
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  page.setDefaultTimeout(10_000);
  await page.goto(server.url);
});

afterEach(async () => {
  await page.close();
});

async function send(prompt: string, scenario?: string, format?: string): Promise<void> {
  if (scenario !== undefined) await page.getByRole('combobox', { name: 'Scenario' }).selectOption(scenario);
  if (format !== undefined) await page.getByRole('combobox', { name: 'Backend format' }).selectOption(format);
  await page.getByRole('textbox', { name: 'Message' }).fill(prompt);
  await page.getByRole('button', { name: 'Send' }).click();
}

/**
 * Every value that an attribute takes from now on, recorded in the page by a MutationObserver (so
 * no state is missed between two polls): the values of all elements matching `selector`, joined by commas.
 */
async function record(selector: string, attribute: string): Promise<() => Promise<string[]>> {
  const key = `${selector}|${attribute}`;
  await page.evaluate(
    ({ selector, attribute, key }) => {
      const seen: string[] = [];
      (window as unknown as Record<string, string[]>)[key] = seen;
      const note = (): void => {
        const value = [...document.querySelectorAll(selector)].map((element) => element.getAttribute(attribute)).join(',');
        if (value !== '' && seen.at(-1) !== value) seen.push(value);
      };
      new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      note();
    },
    { selector, attribute, key },
  );
  return () => page.evaluate((key) => (window as unknown as Record<string, string[]>)[key] ?? [], key);
}

const statusLine = () => page.getByRole('status', { name: 'Stream status' });
const reply = () => page.getByRole('article', { name: 'Assistant' }).last();

it('streams a research run: tool calls appear and finish, the progress bar moves, the answer completes', async () => {
  const progress = await record('[role="progressbar"]', 'aria-valuenow');
  const tools = await record('article li.tool', 'data-status');
  const prompt = 'Summarise my notes on the Q3 launch';
  await send(prompt);
  await expect.poll(() => statusLine().textContent(), { timeout: 15_000 }).toMatch(/^Done · demo-sim-1 · \d/);

  // Calls appear running (the first two side by side) and each settles; frames may merge steps.
  const seen = await tools();
  expect(seen[0]?.split(',').every((status) => status === 'running')).toBe(true);
  expect(seen.filter((statuses) => statuses.includes('running')).length).toBeGreaterThanOrEqual(2);
  expect(seen.at(-1)).toBe('done,error,done');
  expect(await reply().locator('[data-part="text"]').textContent()).toBe(answerOf('research', prompt));
  const values = (await progress()).map(Number);
  expect(values.at(-1)).toBe(100);
  expect(values).toEqual([...values].sort((a, b) => a - b));
  expect(new Set(values).size).toBeGreaterThanOrEqual(4);

  // The Gantt rows: each bar is placed by the --offset/--width the component sets, and has a width.
  const rows = await page.getByRole('list', { name: 'Tool timeline' }).locator('li').evaluateAll((items) =>
    items.map((item) => ({
      width: Number(item.getAttribute('data-width')),
      bar: getComputedStyle(item, '::after').width,
      status: item.getAttribute('data-status'),
    })),
  );
  expect(rows.map((row) => row.status)).toEqual(['done', 'error', 'done']);
  for (const row of rows) {
    expect(row.width).toBeGreaterThan(0);
    expect(Number.parseFloat(row.bar)).toBeGreaterThan(0);
  }
  expect(await page.locator('dd[data-figure="cost"]').textContent()).toMatch(/^\$0\.0\d+$/);

  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const { violations } = await (window as unknown as { axe: typeof import('axe-core') }).axe.run(document);
    return violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  });
  expect(violations).toEqual([]);

  await mkdir(join(SCREENSHOT, '..'), { recursive: true });
  // A viewport as tall as the page, so the sticky composer and panel sit where they belong in the picture.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1280, height });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
  expect(consoleErrors).toEqual([]);
}, TIMEOUT_MS);

it('drop-resume: the server cuts the connection mid-answer, the page resumes, and the text has no gap and no duplicate', async () => {
  const statuses = await record('.status', 'data-status');
  const prompt = 'Is the stream resumable?';
  await send(prompt, 'drop-resume');
  await expect.poll(() => statusLine().textContent(), { timeout: 15_000 }).toMatch(/^Done/);

  expect(await reply().locator('[data-part="text"]').textContent()).toBe(answerOf('drop-resume', prompt));
  expect(await statuses()).toEqual(['idle', 'connecting', 'streaming', 'reconnecting', 'streaming', 'done']);
  await expect.poll(() => page.getByRole('list', { name: 'Connection notices' }).textContent()).toMatch(/resuming from id \d+$/);
  expect(serverLog.some((line) => /dropping the connection after event \d+$/.test(line))).toBe(true);
  expect(serverLog.some((line) => /resumed after event \d+$/.test(line))).toBe(true);
  // Chromium reports the cut response body, once; nothing else may reach the console.
  expect(consoleErrors).toEqual(['Failed to load resource: net::ERR_INCOMPLETE_CHUNKED_ENCODING']);
}, TIMEOUT_MS);

it('stops a second run mid-stream: the page says Stopped and the server cancels that run', async () => {
  await send('Revenue by region this year?', 'failing-tool');
  await expect.poll(() => statusLine().textContent(), { timeout: 15_000 }).toMatch(/^Done/);
  const runsBefore = serverLog.filter((line) => / for "/.test(line)).length;

  const prompt = 'Write the long version';
  await send(prompt, 'long-answer');
  const text = reply().locator('[data-part="text"]');
  await expect.poll(async () => (await text.count()) > 0 && ((await text.textContent()) ?? '').length > 40).toBe(true);
  await page.getByRole('button', { name: 'Stop' }).click();

  await expect.poll(() => statusLine().textContent()).toBe('Stopped');
  expect(await page.locator('.status').getAttribute('data-status')).toBe('aborted');
  const number = runsBefore + 1;
  await expect.poll(() => serverLog).toContain(`run ${number}: cancel requested`);
  await expect.poll(() => serverLog.some((line) => new RegExp(`^run ${number}: cancelled after \\d+ events$`).test(line))).toBe(true);
  const shown = (await text.textContent()) ?? '';
  expect(answerOf('long-answer', prompt).startsWith(shown)).toBe(true);
  expect(shown.length).toBeLessThan(answerOf('long-answer', prompt).length);
  expect(await page.getByRole('button', { name: 'Send' }).isVisible()).toBe(true);
  expect(consoleErrors).toEqual([]);
}, TIMEOUT_MS);

it('switches the backend to the AI SDK and then AG-UI formats: each run completes in its own protocol', async () => {
  const runs = [
    { format: 'ai-sdk', label: 'AI SDK UI message stream', prompt: 'What did I decide about hiring?', statuses: ['done', 'error', 'done'] },
    // AG-UI results have no error flag: the failed fetch settles as a result.
    { format: 'ag-ui', label: 'AG-UI', prompt: 'Summarise my notes on the Q3 launch', statuses: ['done', 'done', 'done'] },
  ];
  for (const [i, run] of runs.entries()) {
    await send(run.prompt, undefined, run.format);
    await expect.poll(() => page.getByRole('combobox', { name: 'Backend format' }).locator('option:checked').textContent()).toBe(run.label);
    await expect.poll(() => statusLine().textContent(), { timeout: 15_000 }).toBe('Done');
    expect(await reply().locator('[data-part="text"]').textContent()).toBe(answerOf('research', run.prompt));
    expect(await reply().locator('li.tool').evaluateAll((tools) => tools.map((tool) => tool.getAttribute('data-status')))).toEqual(run.statuses);
    expect(await reply().getByRole('button', { name: 'Thought process' }).count()).toBe(1);
    expect(serverLog.filter((line) => line.includes(` in ${run.format} for `))).toHaveLength(1);
    expect(await page.getByRole('article', { name: 'Assistant' }).count()).toBe(i + 1);
  }
  expect(consoleErrors).toEqual([]);
}, TIMEOUT_MS);
