/** One event of a simulated run: its wire type, its snake_case `data`, and the pause before it. */
export interface RunStep {
  event: string;
  data: Record<string, unknown>;
  delayMs: number;
}

/** How {@link simulatedRun} paces and names a run. */
export interface RunOptions {
  /** The pause before each answer token; every other pause is a multiple of it. */
  tickMs: number;
  /** Makes tool and message ids unique per run: the client keys tool calls by id across runs. */
  runNumber: number;
}

const MODEL = 'demo-sim-1';
const USD_PER_INPUT_TOKEN = 3 / 1_000_000;
const USD_PER_OUTPUT_TOKEN = 15 / 1_000_000;
const TOPIC_MAX_CHARS = 60;

/** The user's message on one line, shortened to fit a sentence. */
function topicOf(message: string): string {
  const line = message.replace(/\s+/g, ' ').trim();
  return line.length > TOPIC_MAX_CHARS ? `${line.slice(0, TOPIC_MAX_CHARS - 1)}…` : line;
}

/** Splits text into words, each keeping the whitespace before it, as a model's tokens do. */
function words(text: string): string[] {
  return text.match(/\s*\S+/g) ?? [];
}

/** Splits text into `count` runs of words. */
function chunks(text: string, count: number): string[] {
  const all = words(text);
  const size = Math.ceil(all.length / count);
  const out: string[] = [];
  for (let i = 0; i < all.length; i += size) out.push(all.slice(i, i + size).join(''));
  return out;
}

/** The cost in US dollars, rounded to a millionth so the wire carries no float noise. */
function costOf(inputTokens: number, outputTokens: number): number {
  return Math.round((inputTokens * USD_PER_INPUT_TOKEN + outputTokens * USD_PER_OUTPUT_TOKEN) * 1e6) / 1e6;
}

const usage = (inputTokens: number, outputTokens: number): Record<string, unknown> => ({
  input_tokens: inputTokens,
  output_tokens: outputTokens,
  total_cost_usd: costOf(inputTokens, outputTokens),
  model: MODEL,
});

/**
 * The events of one simulated agent run answering `message`: thinking, two turns of three tool
 * calls (the second fails, and an agent `error` says so), progress with sub-progress, usage, an
 * answer that quotes the message streamed a word at a time, then `done`.
 */
export function simulatedRun(message: string, { tickMs, runNumber }: RunOptions): RunStep[] {
  const topic = topicOf(message);
  const steps: RunStep[] = [];
  const add = (event: string, data: Record<string, unknown>, ticks: number): void => {
    steps.push({ event, data, delayMs: ticks * tickMs });
  };
  const toolId = (n: number): string => `tu_${runNumber}_${n}`;
  const research = (current: number, tool: string): void =>
    add('progress', {
      step: 'research',
      percentage: 15 + current * 20,
      message: 'Running tools',
      sub_progress: { current, total: 3, item_title: tool },
    }, 2);

  add('progress', { step: 'plan', percentage: 5, message: 'Reading the question' }, 3);
  const thought =
    `The user asks about “${topic}”. I should search their notes first, check one web source ` +
    'for context, then summarise only what the sources support.';
  for (const text of chunks(thought, 4)) add('thinking', { text }, 5);
  const thinkingTokens = words(thought).length;
  add('turn', { turn_number: 1, total_tools: 0 }, 3);

  research(1, 'search_notes');
  add('tool_use', { tool_name: 'search_notes', tool_use_id: toolId(1), input_summary: `query="${topic}"`, status: 'running' }, 2);
  add('tool_result', {
    tool_name: 'search_notes',
    tool_use_id: toolId(1),
    output_summary: '4 notes match: weekly-review.md, ideas.md, reading-list.md, 2024-q3.md',
    duration_ms: 14 * tickMs,
    status: 'done',
  }, 14);

  research(2, 'fetch_url');
  const url = `https://example.com/search?q=${encodeURIComponent(topic)}`;
  add('tool_use', { tool_name: 'fetch_url', tool_use_id: toolId(2), input_summary: `url=${url}`, status: 'running' }, 2);
  add('tool_result', {
    tool_name: 'fetch_url',
    tool_use_id: toolId(2),
    output_summary: 'HTTP 503 Service Unavailable (after 2 attempts)',
    duration_ms: 25 * tickMs,
    status: 'error',
  }, 25);
  // Not terminal in the native protocol: the run goes on and still ends with `done`.
  add('error', {
    error_type: 'tool_error',
    message: 'fetch_url failed; continuing with the notes only',
    details: { tool_use_id: toolId(2), http_status: 503 },
  }, 1);

  add('turn', { turn_number: 2, total_tools: 2 }, 3);
  research(3, 'summarise');
  add('tool_use', { tool_name: 'summarise', tool_use_id: toolId(3), input_summary: 'sources=4 notes', status: 'running' }, 2);
  add('tool_result', {
    tool_name: 'summarise',
    tool_use_id: toolId(3),
    output_summary: '3 key points, 2 open questions',
    duration_ms: 12 * tickMs,
    status: 'done',
  }, 12);

  const inputTokens = 1_840 + 2 * words(message).length;
  add('usage', usage(inputTokens, thinkingTokens), 1);
  add('progress', { step: 'answer', percentage: 85, message: 'Writing the answer' }, 2);

  const answer =
    `Here is what I found about “${topic}”. Four of your notes mention it; the most recent, your ` +
    'weekly review, lists it as an open question. I also tried a web source, but it answered 503, ' +
    'so this summary rests on your notes alone. The summarise step found three key points and two ' +
    'open questions; ask me to expand any of them.';
  const answerTokens = words(answer);
  for (const text of answerTokens) add('token', { text }, 1);

  const outputTokens = thinkingTokens + answerTokens.length;
  add('progress', { step: 'answer', percentage: 100, message: 'Done' }, 1);
  add('usage', usage(inputTokens, outputTokens), 0);
  const durationMs = steps.reduce((sum, step) => sum + step.delayMs, 0);
  add('done', {
    message_id: `msg_${runNumber}`,
    num_turns: 2,
    tool_count: 3,
    duration_ms: durationMs,
    model: MODEL,
    total_cost_usd: costOf(inputTokens, outputTokens),
  }, 1);
  return steps;
}
