import { useCallback } from 'react';
import type { AgentState, ToolCallStatus } from '../src';
import { ThinkingBlock, ToolCall, useAgentSelector, useAgentStreamHandle, type RenderMessagePart } from '../src/react';

/** The icon shown before each tool status word; it only repeats the word, so status never rests on colour or shape alone. */
export const STATUS_ICONS: Record<ToolCallStatus, string> = {
  'streaming-args': '…',
  ready: '•',
  running: '◌',
  done: '✓',
  error: '✕',
  denied: '⊘',
  interrupted: '◼',
};

function useSlice<T>(component: string, select: (state: AgentState) => T): T {
  return useAgentSelector(useAgentStreamHandle(undefined, component).store, select);
}

function ToolCard({ id }: { id: string }) {
  return (
    <ul className="tool-calls">
      <ToolCall.Root id={id} className="tool">
        <div className="tool-head">
          <ToolCall.Name className="tool-name" />
          <ToolCall.Status className="badge">
            {({ status, label }) => (
              <>
                <span className="badge-icon" aria-hidden="true">
                  {STATUS_ICONS[status]}
                </span>{' '}
                {label}
              </>
            )}
          </ToolCall.Status>
          <ToolCall.Duration className="tool-duration" />
        </div>
        <ToolCall.Input className="tool-input" />
        <ToolCall.Output className="tool-output" collapseAt={400} />
      </ToolCall.Root>
    </ul>
  );
}

function TurnDivider({ index }: { index: number }) {
  const turn = useSlice('TurnDivider', useCallback((s: AgentState) => s.turns[index] ?? null, [index]));
  if (turn === null) return null;
  return (
    <p className="turn" data-part="turn">
      Turn {turn.turnNumber ?? index + 1}
    </p>
  );
}

function AgentErrorNote({ index }: { index: number }) {
  const error = useSlice('AgentErrorNote', useCallback((s: AgentState) => s.errors[index] ?? null, [index]));
  if (error === null) return null;
  return (
    <p className="agent-error" data-part="error" role="note">
      <span aria-hidden="true">⚠ </span>
      <strong>Agent error{error.errorType ? ` (${error.errorType})` : ''}:</strong> {error.message}
    </p>
  );
}

/** The title of a created item, when the agent gave one. */
function titleOf(item: unknown): string | null {
  const title = typeof item === 'object' && item !== null ? (item as { title?: unknown }).title : undefined;
  return typeof title === 'string' ? title : null;
}

function CreationNote({ index }: { index: number }) {
  const creation = useSlice('CreationNote', useCallback((s: AgentState) => s.creations[index] ?? null, [index]));
  if (creation === null) return null;
  const titles = creation.items.map(titleOf).filter((title) => title !== null);
  return (
    <p className="creation" data-part="creation">
      <span aria-hidden="true">+ </span>
      Created {creation.count ?? creation.items.length} {creation.creationType}
      {titles.length > 0 ? <>: {titles.map((title, i) => <q key={i}>{title}</q>)}</> : null}
    </p>
  );
}

/**
 * How the chat shows each part of a message: the library's components for thinking and tool calls,
 * small notes for turns, agent errors and creations, and the default (text as text) for the rest.
 * Module-level, as `MessageList` asks, so messages re-render only when they change.
 */
export const renderPart: RenderMessagePart = (part) => {
  switch (part.kind) {
    case 'thinking':
      return <ThinkingBlock id={part.id} className="thinking" />;
    case 'tool':
      return <ToolCard id={part.id} />;
    case 'turn':
      return part.index === undefined ? null : <TurnDivider index={part.index} />;
    case 'error':
      return part.index === undefined ? null : <AgentErrorNote index={part.index} />;
    case 'creation':
      return part.index === undefined ? null : <CreationNote index={part.index} />;
    default:
      return undefined;
  }
};
