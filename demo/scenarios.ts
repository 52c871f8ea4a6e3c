/** The runs the simulated agent can play; shared by the page's picker and the server's validation. */
export const SCENARIOS = {
  research: {
    label: 'Research (default)',
    description: 'Thinking, two turns of tools (one fails), progress, a created note, then a few paragraphs.',
  },
  'failing-tool': {
    label: 'Failing tool',
    description: 'A query is refused; the agent reports the error, retries another way and recovers.',
  },
  'drop-resume': {
    label: 'Dropped connection',
    description: 'The server cuts the connection mid-answer; the client resumes with Last-Event-ID.',
  },
  'long-answer': {
    label: 'Long answer',
    description: 'One lookup, then a long answer written section by section with sub-progress.',
  },
} as const satisfies Record<string, { label: string; description: string }>;

/** The name of a scenario, as the request body's `scenario` field carries it. */
export type ScenarioName = keyof typeof SCENARIOS;

/** The scenario a request without `scenario` plays. */
export const DEFAULT_SCENARIO: ScenarioName = 'research';

/** True when `name` names a scenario. */
export function isScenarioName(name: unknown): name is ScenarioName {
  return typeof name === 'string' && Object.hasOwn(SCENARIOS, name);
}
