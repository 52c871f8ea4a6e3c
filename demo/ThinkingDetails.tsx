import { useState, type SyntheticEvent } from 'react';
import type { ThinkingBlock } from '../src';

/** A thinking block as a native disclosure: open while it streams, closed once complete unless the user opened it. */
export function ThinkingDetails({ block }: { block: ThinkingBlock }) {
  const [userOpen, setUserOpen] = useState<boolean | null>(null);
  const open = userOpen ?? block.status === 'streaming';
  const onToggle = (event: SyntheticEvent<HTMLDetailsElement>): void => {
    // `toggle` also fires when React changes `open`; only a change it did not make is the user's.
    if (event.currentTarget.open !== open) setUserOpen(event.currentTarget.open);
  };
  return (
    <details className="thinking" open={open} onToggle={onToggle} data-status={block.status}>
      <summary>{block.status === 'streaming' ? 'Thinking…' : 'Thought process'}</summary>
      <p>{block.text}</p>
    </details>
  );
}
