import type { AgentStreamScript, ScriptStep } from '../../src/testing';
import { done, progress, thinking, toolResult, toolUse, usage, words } from './steps';

const think = (text: string): ScriptStep[] =>
  (text.match(/[^.]+\.\s*/g) ?? []).flatMap((sentence): ScriptStep[] => [thinking(sentence), { delayMs: 350 }]);

/**
 * A realistic agent run, about eight seconds in real time: reasoning, two turns of tool calls (a
 * log download fails, the agent falls back to another source), progress with sub-progress, usage
 * as it grows, then the answer word by word.
 */
export const fullRunScript: AgentStreamScript = [
  ...think(
    'The user asks why CI got slower this week. I should compare the step timings of a recent run with an older one. The CI log and the workflow file should tell me which step grew.',
  ),
  ...words("I'll compare a recent CI run with last week's. ", 40),
  { type: 'turn', data: { turnNumber: 1, totalTools: 3 } },
  progress({ step: 'collect', percentage: 10, message: 'Collecting CI data', subProgress: { current: 1, total: 3, itemTitle: 'Workflow file' } }),
  toolUse('read_file', 'tu_1', '.ci/run'),
  { delayMs: 500 },
  toolResult('read_file', 'tu_1', '48 lines: npm ci, typecheck, lint, package checks, npm test', 14),
  usage(2310, 64, 0.0079),
  progress({ step: 'collect', percentage: 25, message: 'Collecting CI data', subProgress: { current: 2, total: 3, itemTitle: 'Run #4812 log' } }),
  toolUse('fetch_url', 'tu_2', 'https://ci.example.com/runs/4812/log'),
  { delayMs: 900 },
  toolResult('fetch_url', 'tu_2', 'HTTP 502 Bad Gateway', 870, 'error'),
  {
    type: 'error',
    data: { errorType: 'tool_error', message: 'fetch_url failed: HTTP 502 Bad Gateway', details: { toolUseId: 'tu_2', status: 502 } },
  },
  ...words('The log server is down, so I will use the timing artifact instead. ', 40),
  progress({ step: 'collect', percentage: 40, message: 'Collecting CI data', subProgress: { current: 3, total: 3, itemTitle: 'Timing artifact' } }),
  toolUse('read_file', 'tu_3', 'test-results/vitest.json'),
  { delayMs: 600 },
  toolResult('read_file', 'tu_3', '1,912 tests, 3 projects, 214 s in total', 21),
  usage(4890, 151, 0.0169),
  { type: 'turn', data: { turnNumber: 2, totalTools: 1 } },
  progress({ step: 'analyse', percentage: 70, message: 'Comparing step timings' }),
  toolUse('search', 'tu_4', 'query="vitest browser project slow chromium startup"'),
  { delayMs: 800 },
  toolResult('search', 'tu_4', '5 results', 760),
  progress({ step: 'answer', percentage: 90, message: 'Writing the answer' }),
  ...words(
    'The slowdown comes from the new browser test project: it starts Chromium for each test file, which adds about 40 seconds. ' +
      'Running those files in one browser instance (Vitest’s `fileParallelism` with a shared provider) brings CI back to under three minutes. ' +
      'The rest of the pipeline did not change.',
    35,
  ),
  usage(4890, 318, 0.0194),
  progress({ step: 'answer', percentage: 100, message: 'Done' }),
  done({ messageId: 'msg_full_run', numTurns: 2, toolCount: 4, durationMs: 8200, totalCostUsd: 0.0194 }),
];
