import type { ProtocolName } from '../src';

/**
 * The wire formats the simulated backend can speak; shared by the page's picker (which passes the
 * name as the client's `protocol`) and the server's validation. Each name is the protocol's name.
 */
export const FORMATS = {
  'agent-event-stream': {
    label: 'agent-event-stream (native)',
    description: 'Every event the page can show, with ids: a dropped stream resumes where it stopped.',
  },
  'ai-sdk': {
    label: 'AI SDK UI message stream',
    description:
      'Written by the ai package: text, reasoning, steps, tool input and output or error, tokens in message metadata. ' +
      'No progress, creations, agent notes or cost, and no event ids: a dropped connection cannot resume and ends interrupted.',
  },
  'ag-ui': {
    label: 'AG-UI',
    description:
      'Written by @ag-ui/encoder: text, reasoning, steps, tool input and results, tokens when the run finishes. ' +
      'No tool error flag, progress, creations, agent notes or cost, and no event ids: a dropped connection cannot resume and ends interrupted.',
  },
} as const satisfies Partial<Record<ProtocolName, { label: string; description: string }>>;

/** The name of a format, as the request body's `format` field and the client's `protocol` carry it. */
export type FormatName = keyof typeof FORMATS;

/** The format a request without `format` is answered in. */
export const DEFAULT_FORMAT: FormatName = 'agent-event-stream';

/** True when `name` names a format. */
export function isFormatName(name: unknown): name is FormatName {
  return typeof name === 'string' && Object.hasOwn(FORMATS, name);
}
