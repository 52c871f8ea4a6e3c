import { createContext, forwardRef, useContext, type ForwardedRef, type HTMLAttributes, type ReactNode } from 'react';
import type { Message, MessageStatus } from '../../core/state';
import { useStreamSlice, type AgentStreamHandle } from '../context';

/** The message of the enclosing `MessageList` item, for parts such as {@link MessageText}. */
export const MessageContext = /* @__PURE__ */ createContext<Message | null>(null);

/** What {@link MessageText}'s render prop receives. */
export interface MessageTextRenderState {
  /** The message. */
  message: Message;
  /** All its text so far. */
  text: string;
  /** Its status, also `[data-status]` on the element. */
  status: MessageStatus;
  /** True while text may still arrive, also `aria-busy` on the element. */
  isStreaming: boolean;
}

/** Props of {@link MessageText}. */
export interface MessageTextProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** The message to show; takes precedence over `messageId`. */
  message?: Message;
  /** The id of a message to read from the stream, live. @default the enclosing `MessageList` item's message */
  messageId?: string;
  /** The stream to read `messageId` from. @default the nearest `AgentStreamProvider`'s */
  stream?: AgentStreamHandle;
  /** Renders the content yourself; whatever you return, render agent text as text. @default the message's text */
  children?: (state: MessageTextRenderState) => ReactNode;
}

type ViewProps = Omit<MessageTextProps, 'message' | 'messageId' | 'stream'>;

// A plain function, not a component: both entries below render through it with their own ref.
function view(message: Message, { children, ...props }: ViewProps, ref: ForwardedRef<HTMLDivElement>) {
  const { text, status } = message;
  const isStreaming = status === 'streaming';
  // Agent text goes in as a text node, never as markup: `<img onerror>` in a token stays letters.
  return (
    <div data-status={status} aria-busy={isStreaming} {...props} ref={ref}>
      {children ? children({ message, text, status, isStreaming }) : text}
    </div>
  );
}

const MessageTextById = /* @__PURE__ */ forwardRef<HTMLDivElement, Omit<MessageTextProps, 'message'> & { messageId: string }>(function MessageTextById(
  { messageId, stream, ...props },
  ref,
) {
  const message = useStreamSlice(stream, 'MessageText', (s) => s.messages.byId[messageId], [messageId]);
  return message ? view(message, props, ref) : null;
});

/**
 * One message's text as plain text in a `<div>`: the `message` given, the message `messageId` names
 * (followed live; nothing renders until it exists), or the enclosing `MessageList` item's. It is
 * `aria-busy` while the message streams, so assistive technology can wait for the whole text.
 *
 * Data attributes: `[data-status="streaming" | "complete" | "interrupted" | "error"]`.
 *
 * @example
 * <MessageList>{(message) => <MessageText message={message} />}</MessageList>
 */
export const MessageText = /* @__PURE__ */ forwardRef<HTMLDivElement, MessageTextProps>(function MessageText(
  { message, messageId, stream, ...props },
  ref,
) {
  const item = useContext(MessageContext);
  if (!message && messageId !== undefined) return <MessageTextById {...props} messageId={messageId} stream={stream} ref={ref} />;
  const shown = message ?? item;
  if (!shown) throw new Error('`MessageText` must be used within `MessageList` (or given a `message` or `messageId`)');
  return view(shown, props, ref);
});
