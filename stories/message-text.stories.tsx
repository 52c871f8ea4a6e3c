import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { MessageList, MessageText } from '../src/react';
import type { Message } from '../src/core/state';
import { scenarios } from '../src/testing';
import { HOLD, WAIT, words } from './support/steps';
import { streamHandler, withStream } from './support/stream-story';

// Module-level, as MessageList asks of its render prop: a new function would re-render every message.
const renderText = (message: Message) => <MessageText data-role={message.role} />;

const meta = {
  title: 'Components/MessageText',
  component: MessageText,
  decorators: [withStream],
  // Inside a MessageList item, MessageText shows that item's message.
  render: () => <MessageList>{renderText}</MessageList>,
} satisfies Meta<typeof MessageText>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The reply's text while it streams: `aria-busy`, `data-status="streaming"`. */
export const Streaming: Story = {
  parameters: { msw: [streamHandler([...words('Most of the time goes to type checking, and'), HOLD])] },
  play: async ({ canvasElement }) => {
    const text = await waitFor(() => {
      const element = canvasElement.querySelector('div[data-role="assistant"]');
      expect(element).toHaveTextContent('type checking, and');
      return element;
    }, WAIT);
    await expect(text).toHaveAttribute('data-status', 'streaming');
    await expect(text).toHaveAttribute('aria-busy', 'true');
  },
};

/** The reply's text once the run is done; agent text is always text, never markup. */
export const Settled: Story = {
  parameters: { msw: [streamHandler(scenarios.longAnswer.script, { speed: 4 })] },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const text = await waitFor(() => {
      const element = canvasElement.querySelector('div[data-role="assistant"]');
      expect(element).toHaveAttribute('data-status', 'complete');
      return element;
    }, WAIT);
    await expect(text).toHaveAttribute('aria-busy', 'false');
    await expect(text).toHaveTextContent(/resume where it stopped\.$/);
    await expect(canvas.getByText('Show me')).toHaveAttribute('data-status', 'complete');
  },
};
