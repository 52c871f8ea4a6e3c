'use client';
export { useAgentStream } from './use-agent-stream';
export type { SendOptions, UseAgentStreamOptions, UseAgentStreamResult } from './use-agent-stream';
export { useAgentSelector } from './use-agent-selector';
