import type { AgentEventOf, DoneData } from '../core/protocol';
import type { AnswerResolver } from './answer';
import { thinking, token, toolResult, toolUse } from './events';
import type { AgentStreamScript, ScriptStep } from './script';

/** A named, deterministic stream for tests and stories. */
export interface Scenario {
  /** What the scenario shows, in one sentence. */
  description: string;
  /** Every event a client that follows the scenario to its end receives, in order, with delays. */
  script: AgentStreamScript;
  /**
   * Answers each request: the script, or for multi-request scenarios the right part of it
   * (pass it to `agentStreamHandler` or `mockFetch`).
   */
  answer: AnswerResolver;
}

/** The names of the built-in {@link scenarios}. */
export type ScenarioName =
  | 'longAnswer'
  | 'manyToolCalls'
  | 'toolError'
  | 'thinkingThenAnswer'
  | 'progressPipeline'
  | 'dropAndResume'
  | 'rateLimit';

const TOKEN_DELAY_MS = 25;

const done = (data: Pick<DoneData, 'messageId' | 'numTurns' | 'toolCount' | 'durationMs' | 'totalCostUsd'>): AgentEventOf<'done'> => ({
  type: 'done',
  data: { model: 'claude-sonnet-4-6', ...data },
});

/** Streams `text` word by word, a delay between tokens. */
function words(text: string): ScriptStep[] {
  const steps: ScriptStep[] = [];
  for (const word of text.match(/\S+\s*/g) ?? []) steps.push(token(word), { delayMs: TOKEN_DELAY_MS });
  return steps;
}

function thoughts(text: string): ScriptStep[] {
  const steps: ScriptStep[] = [];
  for (const sentence of text.match(/[^.]+\.\s*/g) ?? []) steps.push(thinking(sentence), { delayMs: TOKEN_DELAY_MS });
  return steps;
}

const fixed = (script: AgentStreamScript): AnswerResolver => () => script;

const LONG_ANSWER = [
  'Server-Sent Events keep one HTTP response open and write each event as a few text lines. ',
  'The browser parses them as they arrive, so the first words of an answer show up long before the last ones are generated. ',
  'Because the stream is plain HTTP, it passes through proxies and load balancers, as long as they do not buffer it. ',
  'When the connection drops, the client can reconnect and send Last-Event-ID to resume where it stopped.',
].join('');

const longAnswerScript: AgentStreamScript = [
  ...words(LONG_ANSWER),
  done({ messageId: 'msg_long', numTurns: 1, toolCount: 0, durationMs: 2400, totalCostUsd: 0.0042 }),
];

const MANY_TOOLS: readonly [string, string, string, number][] = [
  ['search', 'query="vitest fake timers"', '8 results', 412],
  ['fetch_url', 'https://vitest.dev/guide/mocking', '200 OK, 18 kB', 640],
  ['read_file', 'src/core/connection.ts', '235 lines', 12],
  ['search', 'query="ReadableStream highWaterMark"', '5 results', 388],
  ['fetch_url', 'https://streams.spec.whatwg.org/', '200 OK, 412 kB', 905],
  ['read_file', 'test/core/connection.test.ts', '410 lines', 9],
];

const manyToolCallsScript: AgentStreamScript = [
  ...words('Let me look into that. '),
  { type: 'turn', data: { turnNumber: 1, totalTools: 3 } },
  ...MANY_TOOLS.slice(0, 3).flatMap(([name, input, output, ms], i): ScriptStep[] => [
    toolUse(name, `tu_${i + 1}`, input),
    { delayMs: 100 },
    toolResult(name, `tu_${i + 1}`, output, ms),
  ]),
  { type: 'turn', data: { turnNumber: 2, totalTools: 3 } },
  ...MANY_TOOLS.slice(3).flatMap(([name, input, output, ms], i): ScriptStep[] => [
    toolUse(name, `tu_${i + 4}`, input),
    { delayMs: 100 },
    toolResult(name, `tu_${i + 4}`, output, ms),
  ]),
  ...words('Fake timers replace setTimeout, so a stream with delays can be driven step by step.'),
  done({ messageId: 'msg_tools', numTurns: 2, toolCount: 6, durationMs: 3900, totalCostUsd: 0.0131 }),
];

const toolErrorScript: AgentStreamScript = [
  toolUse('fetch_url', 'tu_1', 'https://example.com/report.pdf'),
  { delayMs: 150 },
  toolResult('fetch_url', 'tu_1', 'HTTP 403 Forbidden', 180, 'error'),
  { type: 'error', data: { errorType: 'tool_error', message: 'fetch_url failed: HTTP 403 Forbidden', details: { toolUseId: 'tu_1', status: 403 } } },
  toolUse('search', 'tu_2', 'query="quarterly report 2024"'),
  { delayMs: 150 },
  toolResult('search', 'tu_2', '3 results', 320),
  ...words('I could not open the report itself, but the search found three summaries of it.'),
  done({ messageId: 'msg_tool_error', numTurns: 1, toolCount: 2, durationMs: 1300, totalCostUsd: 0.0029 }),
];

const thinkingThenAnswerScript: AgentStreamScript = [
  ...thoughts(
    'The user asks why the build is slow. The log shows type checking takes most of the time. Project references would let tsc skip unchanged packages.',
  ),
  ...words('Most of the time goes to type checking. Splitting the repository into project references lets tsc rebuild only what changed.'),
  done({ messageId: 'msg_thinking', numTurns: 1, toolCount: 0, durationMs: 2100, totalCostUsd: 0.0051 }),
];

const progressPipelineScript: AgentStreamScript = [
  { type: 'progress', data: { step: 'collect', percentage: 0, message: 'Collecting interviews' } },
  { delayMs: 200 },
  ...[1, 2, 3, 4].flatMap((current): ScriptStep[] => [
    {
      type: 'progress',
      data: {
        step: 'synthesis',
        percentage: 10 + current * 15,
        message: 'Extracting insights',
        subProgress: { current, total: 4, itemTitle: `Interview ${current}` },
      },
    },
    { delayMs: 200 },
  ]),
  {
    type: 'creation',
    data: {
      creationType: 'insights',
      count: 2,
      toolUseId: 'tu_synthesis',
      items: [
        { id: 'ins_1', title: 'Onboarding takes too long' },
        { id: 'ins_2', title: 'Pricing page is unclear' },
      ],
    },
  },
  { type: 'progress', data: { step: 'report', percentage: 100, message: 'Report ready' } },
  done({ messageId: 'msg_pipeline', numTurns: 1, toolCount: 1, durationMs: 1400, totalCostUsd: 0.0087 }),
];

// Dropped after this many events on the first request; the client resumes with Last-Event-ID.
const DROP_AFTER_EVENTS = 8;

const dropAndResumeScript: AgentStreamScript = [
  ...words('Resuming works because every event carries an id. '),
  toolUse('read_file', 'tu_1', 'docs/resume.md'),
  { delayMs: 100 },
  toolResult('read_file', 'tu_1', '64 lines', 7),
  ...words('The server replays everything after the last id the client saw.'),
  done({ messageId: 'msg_resume', numTurns: 1, toolCount: 1, durationMs: 1800, totalCostUsd: 0.0033 }),
];

const rateLimitScript: AgentStreamScript = [
  ...words('Thanks for waiting: the request went through on the second try.'),
  done({ messageId: 'msg_rate_limit', numTurns: 1, toolCount: 0, durationMs: 900, totalCostUsd: 0.0012 }),
];

/**
 * Named, deterministic streams (realistic text, tools such as `search`, `fetch_url`, `read_file`),
 * each with its full `script` and an `answer` for `agentStreamHandler` or `mockFetch`.
 *
 * - `dropAndResume` sends ids and drops after 8 events when the request has no `Last-Event-ID`;
 *   a request with one resumes after that id, so a client that reconnects gets the whole script.
 * - `rateLimit` answers the first request with 429 and `Retry-After: 1`, later ones with the script.
 *
 * @example
 * server.use(agentStreamHandler('post', '/api/chat', scenarios.dropAndResume.answer));
 */
export const scenarios: Readonly<Record<ScenarioName, Scenario>> = {
  longAnswer: {
    description: 'A four-sentence answer streamed word by word.',
    script: longAnswerScript,
    answer: fixed(longAnswerScript),
  },
  manyToolCalls: {
    description: 'Six tool calls over two turns between two short texts.',
    script: manyToolCallsScript,
    answer: fixed(manyToolCallsScript),
  },
  toolError: {
    description: 'A tool call that fails with an agent error, a fallback call that succeeds, then the answer.',
    script: toolErrorScript,
    answer: fixed(toolErrorScript),
  },
  thinkingThenAnswer: {
    description: 'Three sentences of reasoning, then the answer.',
    script: thinkingThenAnswerScript,
    answer: fixed(thinkingThenAnswerScript),
  },
  progressPipeline: {
    description: 'A pipeline reporting progress with sub-progress per item, then a creation.',
    script: progressPipelineScript,
    answer: fixed(progressPipelineScript),
  },
  dropAndResume: {
    description: 'A stream with ids that drops part-way; the reconnect with Last-Event-ID resumes it.',
    script: dropAndResumeScript,
    answer: (request) => {
      const lastEventId = request.headers.get('last-event-id');
      return {
        script: dropAndResumeScript,
        options: lastEventId === null ? { ids: true, dropAfter: DROP_AFTER_EVENTS } : { ids: true, resumeFrom: lastEventId },
      };
    },
  },
  rateLimit: {
    description: 'A 429 with Retry-After: 1, then the answer.',
    script: rateLimitScript,
    answer: (_request, { attempt }) =>
      attempt === 0
        ? {
            script: [],
            options: { status: { status: 429, headers: { 'retry-after': '1' }, body: { error: 'rate_limited', message: 'Too many requests' } } },
          }
        : rateLimitScript,
  },
};

