import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { MessageList } from '../src/react';
import { scenarios } from '../src/testing';
import { HOLD, WAIT, words } from './support/steps';
import { streamHandler, withStream } from './support/stream-story';

const meta = {
  title: 'Components/MessageList',
  component: MessageList,
  decorators: [withStream],
} satisfies Meta<typeof MessageList>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The reply is streaming: the log is `data-state="streaming"` and the reply `aria-busy`, nothing is announced yet. */
export const Streaming: Story = {
  parameters: { msw: [streamHandler([...words('Server-Sent Events keep one HTTP response open and write each event'), HOLD])] },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const log = canvas.getByRole('log', { name: 'Conversation' });
    await waitFor(() => expect(log).toHaveAttribute('data-state', 'streaming'), WAIT);
    await expect(canvas.getByRole('article', { name: 'You' })).toHaveTextContent('Show me');
    const reply = canvas.getByRole('article', { name: 'Assistant' });
    await expect(reply).toHaveAttribute('aria-busy', 'true');
    await waitFor(() => expect(reply).toHaveTextContent('write each event'), WAIT);
    await expect(log.querySelector('[data-announcer]')).toHaveTextContent('');
  },
};

/** The `longAnswer` scenario played to its end: settled, and the whole reply announced once. */
export const Settled: Story = {
  parameters: { msw: [streamHandler(scenarios.longAnswer.script, { speed: 4 })] },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const log = canvas.getByRole('log', { name: 'Conversation' });
    await waitFor(() => expect(log).toHaveAttribute('data-state', 'settled'), WAIT);
    const reply = canvas.getByRole('article', { name: 'Assistant' });
    await expect(reply).toHaveAttribute('data-status', 'complete');
    await expect(reply).toHaveAttribute('aria-busy', 'false');
    await expect(reply).toHaveTextContent(/^Server-Sent Events .* resume where it stopped\.$/);
    await expect(log.querySelector('[data-announcer]')).toHaveTextContent('resume where it stopped.');
  },
};
