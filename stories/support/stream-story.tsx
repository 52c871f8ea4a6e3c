import { useState, type ReactNode } from 'react';
import type { Decorator } from '@storybook/react-vite';
import type { HttpHandler } from 'msw';
import { createAgentStore } from '../../src/core/store';
import { AgentStreamProvider, useAgentStream } from '../../src/react';
import { agentStreamHandler, type AgentStreamScript, type MockAgentStreamOptions } from '../../src/testing';

/** The endpoint every story streams from; each story's msw handler answers it. */
export const STORY_API = '/api/agent';

/**
 * The msw handler of a story: answers every POST to {@link STORY_API} with the script, played in
 * real time (use `speed` to play it faster).
 */
export function streamHandler(script: AgentStreamScript, options?: MockAgentStreamOptions): HttpHandler {
  return agentStreamHandler('post', STORY_API, script, options);
}

/** Props of {@link StreamStory}. */
export interface StreamStoryProps {
  /** The user's message, shown in the conversation and sent as the POST body. @default "Show me" */
  prompt?: string;
  /** The components under test; they read the stream from context. */
  children: ReactNode;
}

/**
 * Runs `useAgentStream` against the mocked endpoint from the moment the story mounts and puts the
 * stream in an `AgentStreamProvider`; the stream's status is shown below, for the play functions.
 */
export function StreamStory({ prompt = 'Show me', children }: StreamStoryProps) {
  // The user's message goes in before the hook connects on mount (not through `send` in an
  // effect), so a StrictMode remount cannot send it twice.
  const [store] = useState(() => {
    const initial = createAgentStore({ throttleMs: 'frame' });
    initial.dispatch({ type: 'client/user-message', text: prompt });
    initial.flush();
    return initial;
  });
  const stream = useAgentStream(STORY_API, { store, body: { message: prompt } });
  return (
    <AgentStreamProvider value={stream}>
      {children}
      <p>
        Stream: <output aria-label="Stream status">{stream.status}</output>
      </p>
    </AgentStreamProvider>
  );
}

/** A Storybook decorator wrapping the story in a {@link StreamStory}. */
export const withStream: Decorator = (Story) => (
  <StreamStory>
    <Story />
  </StreamStory>
);
