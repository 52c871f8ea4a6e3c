import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { ToolCallList } from '../src/react';
import { scenarios } from '../src/testing';
import { done, HOLD, toolResult, toolUse, WAIT, words } from './support/steps';
import { streamHandler, withStream } from './support/stream-story';

const meta = {
  title: 'Components/ToolCallList',
  component: ToolCallList,
  decorators: [withStream],
  args: { 'aria-label': 'Tool calls' },
} satisfies Meta<typeof ToolCallList>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A call still working: its elapsed time ticks. */
export const Running: Story = {
  parameters: { msw: [streamHandler([toolUse('search', 'tu_1', 'query="react 19 forwardRef"'), HOLD])] },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByRole('listitem')).toHaveAttribute('data-status', 'running'), WAIT);
    const item = canvas.getByRole('listitem');
    await expect(within(item).getByText('running')).toBeVisible();
    await expect(item.querySelector('time[data-live]')).not.toBeNull();
  },
};

/** A call that returned its result. */
export const Done: Story = {
  parameters: {
    msw: [
      streamHandler([
        toolUse('read_file', 'tu_1', 'src/core/connection.ts'),
        { delayMs: 300 },
        toolResult('read_file', 'tu_1', '235 lines', 12),
        done({ toolCount: 1 }),
      ]),
    ],
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByRole('listitem')).toHaveAttribute('data-status', 'done'), WAIT);
    const item = canvas.getByRole('listitem');
    await expect(item).toHaveTextContent('read_file done src/core/connection.ts 235 lines 12 ms');
    await expect(item.querySelector('time')).toHaveAttribute('datetime', 'PT0.012S');
  },
};

/** A call that failed (the `toolError` scenario: a failing fetch, then a search that works). */
export const Failed: Story = {
  name: 'Error',
  parameters: { msw: [streamHandler(scenarios.toolError.script)] },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getAllByRole('listitem')).toHaveLength(2), WAIT);
    const [failed, fallback] = canvas.getAllByRole('listitem');
    await waitFor(() => expect(fallback).toHaveAttribute('data-status', 'done'), WAIT);
    await expect(failed).toHaveAttribute('data-status', 'error');
    await expect(within(failed!).getByText('failed')).toBeVisible();
    await expect(failed!.querySelector('[data-error]')).toHaveTextContent('HTTP 403 Forbidden');
  },
};

/** A call cut off by a dropped connection: the stream ended before its result. */
export const Interrupted: Story = {
  parameters: {
    msw: [
      streamHandler([...words('Let me fetch the page. '), toolUse('fetch_url', 'tu_1', 'https://example.com/changelog'), { delayMs: 400 }], {
        dropAfter: 6,
      }),
    ],
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByRole('listitem')).toHaveAttribute('data-status', 'interrupted'), WAIT);
    await expect(within(canvas.getByRole('listitem')).getByText('interrupted')).toBeVisible();
  },
};

const LONG_OUTPUT = Array.from({ length: 120 }, (_, i) => `${String(i + 1).padStart(3, '0')}  export const value${i + 1} = ${i * 7};`).join('\n');

/** A result over 2,000 characters: collapsed behind a disclosure button, rendered in full only when expanded. */
export const LongOutputCollapsed: Story = {
  parameters: {
    msw: [
      streamHandler([
        toolUse('read_file', 'tu_1', 'src/generated/values.ts'),
        { delayMs: 200 },
        toolResult('read_file', 'tu_1', LONG_OUTPUT, 9),
        done({ toolCount: 1 }),
      ]),
    ],
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const button = await waitFor(() => canvas.getByRole('button', { name: /^Show all \(/ }), WAIT);
    const output = button.closest('[data-state]');
    await expect(output).toHaveAttribute('data-state', 'collapsed');
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await expect(output).not.toHaveTextContent('value120 = 833');
    await userEvent.click(button);
    await expect(output).toHaveAttribute('data-state', 'expanded');
    await expect(canvas.getByRole('button', { name: 'Show less' })).toHaveAttribute('aria-expanded', 'true');
    await expect(output).toHaveTextContent('value120 = 833');
  },
};
