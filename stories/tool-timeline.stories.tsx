import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { ToolTimeline } from '../src/react';
import { scenarios } from '../src/testing';
import { HOLD, toolResult, toolUse, WAIT } from './support/steps';
import { streamHandler, withStream } from './support/stream-story';

const meta = {
  title: 'Components/ToolTimeline',
  component: ToolTimeline,
  decorators: [withStream],
  args: { 'aria-label': 'Tool timeline' },
} satisfies Meta<typeof ToolTimeline>;

export default meta;
type Story = StoryObj<typeof meta>;

/** One call settled, one still running: the running row's width grows with the run. */
export const Running: Story = {
  parameters: {
    msw: [
      streamHandler([
        toolUse('search', 'tu_1', 'query="vitest browser mode"'),
        { delayMs: 300 },
        toolResult('search', 'tu_1', '6 results', 300),
        toolUse('fetch_url', 'tu_2', 'https://vitest.dev/guide/browser/'),
        HOLD,
      ]),
    ],
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const timeline = canvas.getByRole('list', { name: 'Tool timeline' });
    const [first, second] = await waitFor(() => {
      const rows = within(timeline).getAllByRole('listitem');
      expect(rows[1]).toHaveAttribute('data-status', 'running');
      return rows;
    }, WAIT);
    await expect(timeline).toHaveAttribute('data-state', 'running');
    await expect(first).toHaveAttribute('data-status', 'done');
    await expect(Number(second?.dataset.offset)).toBeGreaterThan(0);
    await expect(second?.style.getPropertyValue('--offset')).toBe(second?.dataset.offset);
  },
};

/** The `manyToolCalls` scenario played to its end: six rows placed as fractions of the run. */
export const Settled: Story = {
  parameters: { msw: [streamHandler(scenarios.manyToolCalls.script, { speed: 4 })] },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    // The list is briefly settled between calls too: wait for the end of the run.
    await waitFor(() => expect(canvas.getByRole('status', { name: 'Stream status' })).toHaveTextContent('done'), WAIT);
    const timeline = canvas.getByRole('list', { name: 'Tool timeline' });
    await expect(timeline).toHaveAttribute('data-state', 'settled');
    const rows = within(timeline).getAllByRole('listitem');
    await expect(rows).toHaveLength(6);
    for (const row of rows) {
      const offset = Number(row.dataset.offset);
      const width = Number(row.dataset.width);
      await expect(row).toHaveAttribute('data-status', 'done');
      await expect(offset).toBeGreaterThanOrEqual(0);
      await expect(offset + width).toBeLessThanOrEqual(1);
    }
  },
};
