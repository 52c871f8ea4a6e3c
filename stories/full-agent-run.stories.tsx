import { useState } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import type { AgentState } from '../src/core/state';
import {
  CostMeter,
  MessageList,
  ProgressBar,
  ThinkingBlock,
  ToolCall,
  ToolTimeline,
  useAgentSelector,
  useAgentStreamHandle,
  type ProgressBarRenderState,
  type RenderMessagePart,
} from '../src/react';
import { fullRunScript } from './support/full-run-script';
import { StreamStory, streamHandler } from './support/stream-story';

// The components are unstyled; this is all it takes to make them a chat. It lives in the story only.
const CSS = `
.agent-chat { display: grid; grid-template-columns: minmax(0, 1fr) 260px; gap: 16px; max-width: 960px;
  font: 14px/1.5 system-ui, sans-serif; color: #1f2328; }
.agent-chat [role="log"] { display: flex; flex-direction: column; gap: 12px; min-height: 420px; }
.agent-chat article { max-width: 85%; padding: 10px 14px; border-radius: 14px; }
.agent-chat article[data-role="user"] { align-self: flex-end; background: #0969da; color: #fff; }
.agent-chat article[data-role="assistant"] { align-self: flex-start; background: #f6f8fa; border: 1px solid #d0d7de; }
.agent-chat article[aria-busy="true"] [data-part="text"]:last-child::after { content: "▍"; animation: blink 1s steps(2) infinite; }
@keyframes blink { 50% { opacity: 0; } }
.agent-chat [data-part="error"] { color: #cf222e; font-size: 13px; }
.agent-chat hr[data-part="turn"] { border: 0; border-top: 1px dashed #d0d7de; margin: 8px 0; }
.agent-chat .thinking { margin: 4px 0 8px; font-size: 13px; color: #57606a; }
.agent-chat .thinking button { border: 0; background: none; padding: 0; color: inherit; cursor: pointer; font: inherit; }
.agent-chat .thinking button::before { content: "▸ "; }
.agent-chat .thinking[data-state="open"] button::before { content: "▾ "; }
.agent-chat .thinking [role="region"] { border-left: 2px solid #d0d7de; padding-left: 8px; font-style: italic; }
.agent-chat ul.tool { list-style: none; padding: 0; margin: 6px 0; }
.agent-chat ul.tool li { display: grid; grid-template-columns: auto auto 1fr auto; gap: 4px 8px; align-items: baseline;
  padding: 6px 10px; border-radius: 8px; background: #fff; border: 1px solid #d0d7de; font-size: 13px; }
.agent-chat ul.tool li > span:first-child { font-family: ui-monospace, monospace; font-weight: 600; }
.agent-chat ul.tool li > span[data-status] { font-size: 12px; padding: 0 6px; border-radius: 10px; background: #ddf4ff; }
.agent-chat ul.tool li > span[data-status="done"] { background: #dafbe1; }
.agent-chat ul.tool li > span[data-status="error"] { background: #ffebe9; color: #cf222e; }
.agent-chat ul.tool li[data-status="error"] { border-color: #cf222e; }
.agent-chat ul.tool li > span:nth-child(3) { color: #57606a; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.agent-chat ul.tool li > div { grid-column: 1 / -1; color: #57606a; }
.agent-chat ul.tool li > time { grid-row: 1; grid-column: 4; color: #57606a; font-variant-numeric: tabular-nums; }
.agent-chat aside { display: flex; flex-direction: column; gap: 16px; font-size: 13px; }
.agent-chat aside h3 { margin: 0 0 4px; font-size: 12px; text-transform: uppercase; color: #57606a; }
.agent-chat [role="progressbar"] { position: relative; padding-top: 14px; color: #57606a; }
.agent-chat [role="progressbar"]::before, .agent-chat [role="progressbar"]::after { content: ""; position: absolute;
  top: 0; left: 0; height: 8px; border-radius: 4px; }
.agent-chat [role="progressbar"]::before { right: 0; background: #eaeef2; }
.agent-chat [role="progressbar"]::after { width: calc(var(--progress, 0) * 100%); background: #0969da; transition: width 200ms; }
.agent-chat [role="progressbar"][data-state="complete"]::after { background: #1a7f37; }
.agent-chat ol[aria-label="Tool timeline"] { list-style: none; padding: 0; margin: 0; display: grid; gap: 4px; }
.agent-chat ol[aria-label="Tool timeline"] li { margin-left: calc(var(--offset) * 100%); width: calc(var(--width) * 100%);
  min-width: 4px; box-sizing: border-box; background: #b6e3ff; border-radius: 3px; font-size: 11px; white-space: nowrap; overflow: visible; }
.agent-chat ol[aria-label="Tool timeline"] li[data-status="done"] { background: #aceebb; }
.agent-chat ol[aria-label="Tool timeline"] li[data-status="error"] { background: #ffcecb; }
.agent-chat ol[aria-label="Tool timeline"] li[data-status="running"] { opacity: 0.7; }
.agent-chat dl { display: grid; grid-template-columns: 1fr auto; margin: 0; }
.agent-chat dl > div { display: contents; }
.agent-chat dd { margin: 0; text-align: right; font-variant-numeric: tabular-nums; }
.agent-chat form { grid-column: 1; display: flex; gap: 8px; }
.agent-chat textarea { flex: 1; resize: none; padding: 8px; border-radius: 8px; border: 1px solid #d0d7de; font: inherit; }
.agent-chat form button { padding: 0 16px; border-radius: 8px; border: 0; background: #0969da; color: #fff; font: inherit; }
`;

// Module-level, as MessageList asks: thinking and tool parts get the full components inline.
const renderPart: RenderMessagePart = (part) => {
  if (part.kind === 'thinking') return <ThinkingBlock id={part.id} className="thinking" />;
  if (part.kind === 'tool') {
    return (
      <ul className="tool">
        <ToolCall.Root id={part.id} />
      </ul>
    );
  }
  return undefined;
};

const progressCaption = ({ valueText, percentage }: ProgressBarRenderState) =>
  `${percentage === null ? '' : `${Math.round(percentage)}% `}${valueText ?? ''}`;

const selectStatus = (state: AgentState) => state.status;

/** Sends a new prompt (the mocked backend answers every prompt with the same run), or stops the run. */
function Composer() {
  const { store, send, stop } = useAgentStreamHandle(undefined, 'Composer');
  const status = useAgentSelector(store, selectStatus);
  const [draft, setDraft] = useState('');
  const busy = status === 'connecting' || status === 'streaming' || status === 'reconnecting';
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (draft.trim() === '') return;
        send(draft);
        setDraft('');
      }}
    >
      <textarea aria-label="Message" rows={2} value={draft} onChange={(event) => setDraft(event.target.value)} />
      {busy ? (
        <button type="button" onClick={stop}>
          Stop
        </button>
      ) : (
        <button type="submit">Send</button>
      )}
    </form>
  );
}

function AgentChat() {
  return (
    <StreamStory prompt="Why did CI get so much slower this week?">
      <style>{CSS}</style>
      <div className="agent-chat">
        <MessageList renderPart={renderPart} />
        <aside aria-label="Agent activity">
          <section>
            <h3>Progress</h3>
            <ProgressBar aria-label="Agent progress">{progressCaption}</ProgressBar>
          </section>
          <section>
            <h3>Tool timeline</h3>
            <ToolTimeline aria-label="Tool timeline" locale="en-US" />
          </section>
          <section>
            <h3>Usage</h3>
            <CostMeter locale="en-US" />
          </section>
        </aside>
        <Composer />
      </div>
    </StreamStory>
  );
}

const meta = {
  title: 'Examples/Full agent run',
  component: AgentChat,
  parameters: { layout: 'padded', msw: [streamHandler(fullRunScript)] },
} satisfies Meta<typeof AgentChat>;

export default meta;
type Story = StoryObj<typeof meta>;

/**
 * A chat built from the headless components and a little CSS, streaming a scripted run in real
 * time: reasoning, four tool calls over two turns (one fails), progress, usage, then the answer.
 */
export const FullAgentRun: Story = {
  name: 'Full agent run',
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByRole('status', { name: 'Stream status' })).toHaveTextContent('done'), { timeout: 20_000 });
    const log = canvas.getByRole('log', { name: 'Conversation' });
    await expect(log).toHaveAttribute('data-state', 'settled');
    const reply = canvas.getByRole('article', { name: 'Assistant' });
    await expect(reply).toHaveTextContent('brings CI back to under three minutes');
    await expect(within(reply).getByRole('button', { name: 'Thought process' })).toHaveAttribute('aria-expanded', 'false');
    const calls = reply.querySelectorAll('ul.tool > li');
    await expect(calls).toHaveLength(4);
    await expect([...calls].map((call) => call.getAttribute('data-status'))).toEqual(['done', 'error', 'done', 'done']);
    await expect(reply.querySelector('[data-part="error"]')).toHaveTextContent('fetch_url failed: HTTP 502 Bad Gateway');
    await expect(canvas.getByRole('progressbar', { name: 'Agent progress' })).toHaveAttribute('data-state', 'complete');
    await expect(within(canvas.getByRole('list', { name: 'Tool timeline' })).getAllByRole('listitem')).toHaveLength(4);
    await expect(canvasElement.querySelector('dl')).toHaveAttribute('data-state', 'complete');
    await expect(canvasElement.querySelector('dd[data-figure="cost"]')).toHaveTextContent('$0.02');
  },
};
