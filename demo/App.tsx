import { useEffect, useState } from 'react';
import { AgentStreamProvider, MessageList, useAgentStream } from '../src/react';
import { Composer } from './Composer';
import { DEFAULT_FORMAT, FORMATS, type FormatName } from './formats';
import { Notices } from './Notices';
import { renderPart } from './parts';
import { RunPanel } from './RunPanel';
import { DEFAULT_SCENARIO, SCENARIOS, type ScenarioName } from './scenarios';

const SUGGESTIONS = ['Summarise my notes on the Q3 launch', 'What did I decide about hiring?', 'Revenue by region this year?'];

/** Scrolls to the end when the reader is already near it, so reading back up is never interrupted. */
function useFollowBottom(dependency: unknown): void {
  useEffect(() => {
    const fromBottom = document.documentElement.scrollHeight - window.innerHeight - window.scrollY;
    if (fromBottom < 240) window.scrollTo({ top: document.documentElement.scrollHeight });
  }, [dependency]);
}

/** The demo: a chat with the simulated agent of demo/server.ts, built from the library's headless components. */
export function App() {
  const [format, setFormat] = useState<FormatName>(DEFAULT_FORMAT);
  const stream = useAgentStream('/api/chat', {
    manual: true,
    // The server writes the format the body asks for; each format's name is the client's protocol name.
    protocol: format,
    cancel: '/api/cancel',
    // The server resumes a native run from its run log, so a dropped stream can come back quickly.
    retry: { baseDelayMs: 250 },
  });
  const { state, status, messages, errors, isStreaming, send, stop, reset } = stream;
  const [scenario, setScenario] = useState<ScenarioName>(DEFAULT_SCENARIO);
  useFollowBottom(state);
  const sendPrompt = (text: string): void => send(text, { body: { scenario, format } });

  return (
    <AgentStreamProvider value={stream}>
      <div className="page">
        <header className="masthead">
          <h1>agent-event-stream</h1>
          <p>
            A simulated agent streams thinking, tool calls, progress, usage and an answer over Server-Sent Events from a local
            server, in the wire format you pick. No network, no API key.
          </p>
        </header>
        <div className="layout">
          <main className="chat">
            {messages.length === 0 ? (
              <div className="intro">
                <p>
                  Ask anything, or try one of these. The <strong>{SCENARIOS[scenario].label}</strong> scenario answers, in the{' '}
                  <strong>{FORMATS[format].label}</strong> format.
                </p>
                <div className="suggestions">
                  {SUGGESTIONS.map((text) => (
                    <button key={text} type="button" className="chip" onClick={() => sendPrompt(text)}>
                      {text}
                    </button>
                  ))}
                </div>
              </div>
            ) : null}
            <MessageList className="conversation" renderPart={renderPart} />
            <Notices errors={errors} />
            <Composer
              status={status}
              done={state.done}
              isStreaming={isStreaming}
              scenario={scenario}
              onScenarioChange={setScenario}
              format={format}
              onFormatChange={setFormat}
              onSend={sendPrompt}
              onStop={stop}
              onClear={messages.length > 0 ? reset : undefined}
            />
          </main>
          <RunPanel />
        </div>
      </div>
    </AgentStreamProvider>
  );
}
