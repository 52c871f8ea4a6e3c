import type { ProtocolAdapter } from './adapter';

/** The protocols the `protocol` option takes by name: the native one, the adapters, and `auto`. */
export const PROTOCOL_NAMES = [
  'agent-event-stream',
  'ai-sdk',
  'ag-ui',
  'assistant-stream',
  'openai-chat',
  'openai-responses',
  'anthropic',
  'pydantic-ai-stream',
  'shipit',
  'pydantic-deep',
  'auto',
] as const;

/** A protocol's name; see {@link PROTOCOL_NAMES}. */
export type ProtocolName = (typeof PROTOCOL_NAMES)[number];

/** What the `protocol` option takes: a name, or an adapter object (your own, or one from `agent-event-stream/adapters`). */
export type ProtocolOption = ProtocolName | ProtocolAdapter;

/** @throws TypeError for a name that is not a protocol's (a typo the types did not catch). */
export function checkProtocol(protocol: ProtocolOption | undefined): void {
  if (typeof protocol === 'string' && !(PROTOCOL_NAMES as readonly string[]).includes(protocol)) {
    throw new TypeError(`Unknown protocol ${JSON.stringify(protocol)}; expected an adapter or one of ${PROTOCOL_NAMES.join(', ')}`);
  }
}

/**
 * The adapter for `protocol`, `null` for the native protocol (decoded in the core). A name loads
 * the adapters entry on first use, so apps on the native protocol never download it.
 */
export async function resolveProtocol(protocol: ProtocolOption | undefined): Promise<ProtocolAdapter | null> {
  if (protocol === undefined || protocol === 'agent-event-stream') return null;
  if (typeof protocol !== 'string') return protocol;
  const { adapters } = await import('../adapters/index');
  return adapters[protocol];
}
