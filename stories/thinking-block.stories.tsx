import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { ThinkingBlock } from '../src/react';
import { scenarios } from '../src/testing';
import { HOLD, thinking, WAIT } from './support/steps';
import { streamHandler, withStream } from './support/stream-story';

const meta = {
  title: 'Components/ThinkingBlock',
  component: ThinkingBlock,
  decorators: [withStream],
} satisfies Meta<typeof ThinkingBlock>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The model is thinking: the disclosure is open and the text grows. */
export const Streaming: Story = {
  parameters: {
    msw: [
      streamHandler([
        thinking('The user wants the slowest CI step. '),
        { delayMs: 300 },
        thinking('The log has timestamps per step, so the durations can be compared. '),
        HOLD,
      ]),
    ],
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const trigger = await waitFor(() => canvas.getByRole('button', { name: 'Thinking…' }), WAIT);
    await expect(trigger).toHaveAttribute('aria-expanded', 'true');
    await expect(trigger.parentElement).toHaveAttribute('data-status', 'streaming');
    await expect(trigger.parentElement).toHaveAttribute('data-state', 'open');
    const region = canvas.getByRole('region', { name: 'Thinking…' });
    await waitFor(() => expect(region).toHaveTextContent('durations can be compared'), WAIT);
  },
};

/** The thinking ended (the answer began): the block collapses by itself, and the user can reopen it. */
export const Complete: Story = {
  parameters: { msw: [streamHandler(scenarios.thinkingThenAnswer.script, { speed: 4 })] },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const trigger = await waitFor(() => canvas.getByRole('button', { name: 'Thought process' }), WAIT);
    await expect(trigger).toHaveAttribute('aria-expanded', 'false');
    await expect(trigger.parentElement).toHaveAttribute('data-status', 'complete');
    await expect(trigger.parentElement).toHaveAttribute('data-state', 'closed');
    await userEvent.click(trigger);
    await expect(trigger).toHaveAttribute('aria-expanded', 'true');
    await expect(canvas.getByRole('region', { name: 'Thought process' })).toHaveTextContent('Project references would let tsc skip');
  },
};
