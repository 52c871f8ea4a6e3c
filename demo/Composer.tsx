import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { AgentStatus, DoneInfo } from '../src';
import { formatDuration } from '../src/react';
import { FORMATS, type FormatName } from './formats';
import { SCENARIOS, type ScenarioName } from './scenarios';

const STATUS_TEXT: Record<AgentStatus, string> = {
  idle: 'Ready',
  connecting: 'Connecting…',
  streaming: 'Streaming…',
  reconnecting: 'Reconnecting…',
  done: 'Done',
  error: 'Ended with an error',
  aborted: 'Stopped',
};

/** Props of {@link Composer}. */
export interface ComposerProps {
  /** The stream's status, shown in words. */
  status: AgentStatus;
  /** What `done` said, shown beside a finished run's status. */
  done: DoneInfo | null;
  /** True while a run streams: Stop replaces Send. */
  isStreaming: boolean;
  /** The scenario the picker shows. */
  scenario: ScenarioName;
  onScenarioChange: (scenario: ScenarioName) => void;
  /** The backend's wire format the other picker shows. */
  format: FormatName;
  onFormatChange: (format: FormatName) => void;
  /** Sends a prompt; only called with non-blank text while no run streams. */
  onSend: (text: string) => void;
  /** Stops the run (and has the server cancel it). */
  onStop: () => void;
  /** Empties the conversation; `undefined` hides the button. */
  onClear: (() => void) | undefined;
}

/** What the status line adds for a finished run: the model and the duration, when `done` carries them. */
function finishedDetail(status: AgentStatus, done: DoneInfo | null): string {
  if (status !== 'done' || done === null) return '';
  const facts = [done.model, done.durationMs === null ? '' : formatDuration(done.durationMs)].filter((fact) => fact !== '');
  return facts.map((fact) => ` · ${fact}`).join('');
}

/** The prompt box, the scenario and format pickers, the run's status and its Send / Stop buttons. */
export function Composer({ status, done, isStreaming, scenario, onScenarioChange, format, onFormatChange, onSend, onStop, onClear }: ComposerProps) {
  const [draft, setDraft] = useState('');
  const id = useId();
  const submit = (): void => {
    const text = draft.trim();
    if (text === '' || isStreaming) return;
    onSend(text);
    setDraft('');
  };
  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    submit();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    // Enter sends, Shift+Enter breaks the line; an IME composition keeps its Enter.
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    submit();
  };

  return (
    <form className="composer" onSubmit={onSubmit}>
      <textarea
        aria-label="Message"
        placeholder="Ask the agent anything (Enter to send, Shift+Enter for a new line)"
        rows={2}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="composer-bar">
        <div className="picker">
          <label htmlFor={`${id}-scenario`}>Scenario</label>
          <select
            id={`${id}-scenario`}
            value={scenario}
            aria-describedby={`${id}-scenario-help`}
            onChange={(event) => onScenarioChange(event.target.value as ScenarioName)}
          >
            {Object.entries(SCENARIOS).map(([name, { label }]) => (
              <option key={name} value={name}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="picker">
          <label htmlFor={`${id}-format`}>Backend format</label>
          <select
            id={`${id}-format`}
            value={format}
            aria-describedby={`${id}-format-help`}
            onChange={(event) => onFormatChange(event.target.value as FormatName)}
          >
            {Object.entries(FORMATS).map(([name, { label }]) => (
              <option key={name} value={name}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <p className="status" role="status" aria-label="Stream status" data-status={status}>
          <span className="status-dot" aria-hidden="true" />
          {STATUS_TEXT[status]}
          {finishedDetail(status, done)}
        </p>
        <div className="actions">
          {onClear && !isStreaming ? (
            <button type="button" className="secondary" onClick={onClear}>
              Clear
            </button>
          ) : null}
          {isStreaming ? (
            <button type="button" className="stop" onClick={onStop}>
              Stop
            </button>
          ) : (
            <button type="submit" disabled={draft.trim() === ''}>
              Send
            </button>
          )}
        </div>
      </div>
      <p className="picker-help" id={`${id}-scenario-help`}>
        {SCENARIOS[scenario].description}
      </p>
      <p className="picker-help" id={`${id}-format-help`}>
        <strong>{FORMATS[format].label}:</strong> {FORMATS[format].description}
      </p>
    </form>
  );
}
