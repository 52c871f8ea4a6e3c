import { useEffect, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { AgentStatus } from '../src';
import { useAgentStream } from '../src/react';
import { formatCost, formatDuration, formatTokens } from './format';
import { MessageView } from './MessageView';
import { ProgressRow } from './ProgressRow';

const STATUS_TEXT: Record<AgentStatus, string> = {
  idle: 'Ready',
  connecting: 'Connecting…',
  streaming: 'Streaming…',
  reconnecting: 'Reconnecting…',
  done: 'Done',
  error: 'Ended with an error',
  aborted: 'Stopped',
};

const SUGGESTIONS = ['Summarise my notes on the Q3 launch', 'What did I decide about hiring?', 'Draft a status update'];

/** Scrolls to the end when the reader is already near it, so reading back up is never interrupted. */
function useFollowBottom(dependency: unknown): void {
  useEffect(() => {
    const fromBottom = document.documentElement.scrollHeight - window.innerHeight - window.scrollY;
    if (fromBottom < 240) window.scrollTo({ top: document.documentElement.scrollHeight });
  }, [dependency]);
}

/** The demo chat: a conversation streamed from the simulated agent in demo/server.ts. */
export function App() {
  const { state, status, messages, progress, usage, errors, isStreaming, send, stop, reset } = useAgentStream(
    '/api/chat',
    { manual: true, cancel: '/api/cancel' },
  );
  const [draft, setDraft] = useState('');
  useFollowBottom(state);

  const submit = (text: string): void => {
    const message = text.trim();
    if (message === '' || isStreaming) return;
    send(message);
    setDraft('');
  };
  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    submit(draft);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    // Enter sends, Shift+Enter breaks the line; an IME composition keeps its Enter.
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    submit(draft);
  };

  // Agent errors are shown where they happened, inside their message; a stop is what the status says.
  const notices = errors.filter((error) => error.code !== 'agent' && error.code !== 'aborted');
  const done = status === 'done' ? state.done : null;

  return (
    <div className="page">
      <header className="masthead">
        <h1>agent-event-stream</h1>
        <p>
          A simulated agent streams thinking, tool calls, progress, usage and an answer over Server-Sent Events from a
          local server. No network, no API key.
        </p>
      </header>

      <main className="conversation" role="log" aria-label="Conversation">
        {messages.length === 0 ? (
          <div className="intro">
            <p>Ask anything, or try one of these:</p>
            <div className="suggestions">
              {SUGGESTIONS.map((text) => (
                <button key={text} type="button" className="chip" onClick={() => submit(text)}>
                  {text}
                </button>
              ))}
            </div>
          </div>
        ) : (
          messages.map((message) => <MessageView key={message.id} message={message} state={state} />)
        )}
        {notices.length > 0 ? (
          <ul className="notices" aria-label="Connection errors">
            {notices.map((error, i) => (
              <li key={i} data-severity={error.severity}>
                <strong>{error.severity === 'warning' ? 'Warning' : 'Error'}</strong> ({error.code}): {error.message}
              </li>
            ))}
          </ul>
        ) : null}
      </main>

      <form className="composer" onSubmit={onSubmit}>
        {progress && isStreaming ? <ProgressRow progress={progress} /> : null}
        <textarea
          aria-label="Message"
          placeholder="Message the agent (Enter to send, Shift+Enter for a new line)"
          rows={2}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <div className="composer-bar">
          <p className="status" role="status" data-status={status}>
            <span className="status-dot" aria-hidden="true" />
            {STATUS_TEXT[status]}
            {done ? ` · ${done.model} · ${formatDuration(done.durationMs)}` : ''}
          </p>
          <p className="usage" aria-label="Session usage">
            {formatTokens(usage.inputTokens)} in · {formatTokens(usage.outputTokens)} out · {formatCost(usage.totalCostUsd)}
          </p>
          <div className="actions">
            {messages.length > 0 && !isStreaming ? (
              <button type="button" className="secondary" onClick={reset}>
                Clear
              </button>
            ) : null}
            {isStreaming ? (
              <button type="button" className="stop" onClick={stop}>
                Stop
              </button>
            ) : (
              <button type="submit" disabled={draft.trim() === ''}>
                Send
              </button>
            )}
          </div>
        </div>
      </form>
    </div>
  );
}
