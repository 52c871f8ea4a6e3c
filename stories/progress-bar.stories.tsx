import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { ProgressBar, type ProgressBarRenderState } from '../src/react';
import { scenarios } from '../src/testing';
import { done, HOLD, progress, WAIT, words } from './support/steps';
import { streamHandler, withStream } from './support/stream-story';

// The bar draws nothing itself (its fill is `--progress`, for your CSS): the stories show its state as text.
const caption = ({ state, percentage, valueText }: ProgressBarRenderState) =>
  `${state}: ${percentage === null ? 'indeterminate' : `${percentage}%`}${valueText ? ` (${valueText})` : ''}`;

const meta = {
  title: 'Components/ProgressBar',
  component: ProgressBar,
  decorators: [withStream],
  args: { 'aria-label': 'Agent progress', children: caption },
} satisfies Meta<typeof ProgressBar>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A run that reports no progress: the bar waits at 0 so the layout does not jump later. */
export const Idle: Story = {
  parameters: { msw: [streamHandler([...words('No pipeline here, just an answer.'), done()])] },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByRole('status', { name: 'Stream status' })).toHaveTextContent('done'), WAIT);
    const bar = canvas.getByRole('progressbar', { name: 'Agent progress' });
    await expect(bar).toHaveAttribute('data-state', 'idle');
    await expect(bar).toHaveAttribute('aria-valuenow', '0');
    await expect(bar).not.toHaveAttribute('aria-valuetext');
  },
};

/** A step whose percentage is unknown: no `aria-valuenow`, `[data-indeterminate]`. */
export const Indeterminate: Story = {
  parameters: {
    msw: [streamHandler([progress({ step: 'collect', percentage: null, message: 'Collecting sources' }), HOLD])],
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const bar = canvas.getByRole('progressbar', { name: 'Agent progress' });
    await waitFor(() => expect(bar).toHaveAttribute('data-indeterminate'), WAIT);
    await expect(bar).toHaveAttribute('data-state', 'active');
    await expect(bar).not.toHaveAttribute('aria-valuenow');
    await expect(bar).toHaveAttribute('aria-valuetext', 'Collecting sources');
  },
};

/** A step with sub-progress: item 2 of 4, spoken in `aria-valuetext`. */
export const SubProgress: Story = {
  parameters: {
    msw: [
      streamHandler([
        progress({ step: 'synthesis', percentage: 25, message: 'Extracting insights', subProgress: { current: 1, total: 4, itemTitle: 'Interview 1' } }),
        { delayMs: 400 },
        progress({ step: 'synthesis', percentage: 40, message: 'Extracting insights', subProgress: { current: 2, total: 4, itemTitle: 'Interview 2' } }),
        HOLD,
      ]),
    ],
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const bar = canvas.getByRole('progressbar', { name: 'Agent progress' });
    await waitFor(() => expect(bar).toHaveAttribute('data-sub-current', '2'), WAIT);
    await expect(bar).toHaveAttribute('data-sub-total', '4');
    await expect(bar).toHaveAttribute('data-step', 'synthesis');
    await expect(bar).toHaveAttribute('aria-valuenow', '40');
    await expect(bar).toHaveAttribute('aria-valuetext', 'Extracting insights, 2 of 4: Interview 2');
    await expect(bar.style.getPropertyValue('--progress')).toBe('0.4');
  },
};

/** The `progressPipeline` scenario played to its end: 100%. */
export const Complete: Story = {
  parameters: { msw: [streamHandler(scenarios.progressPipeline.script, { speed: 4 })] },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const bar = canvas.getByRole('progressbar', { name: 'Agent progress' });
    await waitFor(() => expect(bar).toHaveAttribute('data-state', 'complete'), WAIT);
    await expect(bar).toHaveAttribute('aria-valuenow', '100');
    await expect(bar).toHaveAttribute('data-step', 'report');
    await expect(bar).toHaveAttribute('aria-valuetext', 'Report ready');
  },
};
