import { textOfPart, type AgentState, type Message, type TimelineItem } from '../src';
import { formatCost, formatDuration, formatTokens } from './format';
import { ThinkingDetails } from './ThinkingDetails';
import { ToolCallCard } from './ToolCallCard';

interface PartProps {
  message: Message;
  part: TimelineItem;
  index: number;
  state: AgentState;
}

/** One part of an assistant message, looked up in the slice that holds its content. */
function Part({ message, part, index, state }: PartProps) {
  switch (part.kind) {
    case 'text': {
      const text = textOfPart(message, index);
      return text ? <p className="text">{text}</p> : null;
    }
    case 'thinking': {
      const block = state.thinking.byId[part.id];
      return block ? <ThinkingDetails block={block} /> : null;
    }
    case 'tool': {
      const call = state.toolCalls.byId[part.id];
      return call ? <ToolCallCard call={call} /> : null;
    }
    case 'turn': {
      const turn = part.index === undefined ? undefined : state.turns[part.index];
      if (!turn) return null;
      const tools = turn.totalTools ? ` · ${turn.totalTools} tool calls so far` : '';
      return <p className="turn">{`Turn ${turn.turnNumber ?? '?'}${tools}`}</p>;
    }
    case 'error': {
      const error = part.index === undefined ? undefined : state.errors[part.index];
      if (!error) return null;
      return (
        <p className="agent-error" role="note">
          <strong>Agent error{error.errorType ? ` (${error.errorType})` : ''}:</strong> {error.message}
        </p>
      );
    }
    case 'creation': {
      const creation = part.index === undefined ? undefined : state.creations[part.index];
      return creation ? <p className="turn">{`Created ${creation.count ?? ''} ${creation.creationType}`}</p> : null;
    }
    case 'custom':
      return null;
  }
}

const END_LABEL: Partial<Record<Message['status'], string>> = {
  interrupted: 'Interrupted',
  error: 'Ended with an error',
};

/** The run's outcome, usage and cost under an assistant message once it has ended. */
function MessageFooter({ message }: { message: Message }) {
  const { usage } = message;
  const duration =
    message.startedAt !== null && message.endedAt !== null ? formatDuration(message.endedAt - message.startedAt) : '';
  const items = [
    END_LABEL[message.status],
    usage.model,
    usage.inputTokens === null ? null : `${formatTokens(usage.inputTokens)} in`,
    usage.outputTokens === null ? null : `${formatTokens(usage.outputTokens)} out`,
    usage.totalCostUsd === null ? null : formatCost(usage.totalCostUsd),
    duration,
  ].filter(Boolean);
  return items.length > 0 ? <footer className="message-footer">{items.join(' · ')}</footer> : null;
}

/** A message: a user's text, or an assistant's parts in the order they arrived. */
export function MessageView({ message, state }: { message: Message; state: AgentState }) {
  if (message.role === 'user') {
    return (
      <article className="message" data-role="user">
        <p className="text">{message.text}</p>
      </article>
    );
  }
  const streaming = message.status === 'streaming';
  return (
    <article className="message" data-role="assistant" data-status={message.status} aria-busy={streaming}>
      {message.parts.map((part, index) => (
        <Part key={`${part.kind}:${part.id}`} message={message} part={part} index={index} state={state} />
      ))}
      {streaming && message.parts.length === 0 ? <p className="placeholder">Waiting for the agent…</p> : null}
      {streaming ? null : <MessageFooter message={message} />}
    </article>
  );
}
