import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { CostMeter } from '../src/react';
import { done, usage, WAIT, words } from './support/steps';
import { streamHandler, withStream } from './support/stream-story';

const meta = {
  title: 'Components/CostMeter',
  component: CostMeter,
  decorators: [withStream],
  // Fixed, so the play functions can check the formatted figures.
  args: { locale: 'en-US' },
} satisfies Meta<typeof CostMeter>;

export default meta;
type Story = StoryObj<typeof meta>;

const streamDone = async (canvasElement: HTMLElement) =>
  waitFor(() => expect(within(canvasElement).getByRole('status', { name: 'Stream status' })).toHaveTextContent('done'), WAIT);

/** A run that reported neither tokens nor cost: nothing is shown, rather than a made-up 0. */
export const Empty: Story = {
  parameters: { msw: [streamHandler([...words('A backend without usage figures.'), done()])] },
  play: async ({ canvasElement }) => {
    await streamDone(canvasElement);
    const meter = canvasElement.querySelector('dl');
    await expect(meter).toHaveAttribute('data-state', 'empty');
    await expect(meter?.children).toHaveLength(0);
  },
};

/** Only the cost is known (from `done`): token counts are left out. */
export const Partial: Story = {
  parameters: { msw: [streamHandler([...words('The cost comes with the done event.'), done({ totalCostUsd: 0.0042 })])] },
  play: async ({ canvasElement }) => {
    await streamDone(canvasElement);
    const meter = canvasElement.querySelector('dl');
    await expect(meter).toHaveAttribute('data-state', 'partial');
    await expect(meter?.querySelector('dd[data-figure="cost"]')).toHaveTextContent('$0.0042');
    await expect(meter?.querySelector('[data-figure="input-tokens"]')).toBeNull();
  },
};

/** Tokens and cost from `usage` events, formatted for the locale. */
export const Complete: Story = {
  parameters: {
    msw: [
      streamHandler([
        usage(1840, 12, 0.0057),
        ...words('Usage arrives while the run streams, so cost shows before the end.'),
        usage(1840, 236, 0.0091),
        done({ totalCostUsd: 0.0091 }),
      ]),
    ],
  },
  play: async ({ canvasElement }) => {
    await streamDone(canvasElement);
    const meter = canvasElement.querySelector('dl');
    await expect(meter).toHaveAttribute('data-state', 'complete');
    const figure = (name: string) => meter?.querySelector(`dd[data-figure="${name}"]`);
    await expect(figure('input-tokens')).toHaveTextContent('1,840');
    await expect(figure('output-tokens')).toHaveTextContent('236');
    await expect(figure('total-tokens')).toHaveTextContent('2,076');
    await expect(figure('cost')).toHaveTextContent('$0.0091');
  },
};
