import type { ScenarioName } from './scenarios';
import { topicOf, type SimulatedAgent } from './simulated-agent';

/** One scenario: what the agent does, and the answer text it streams (tests compare against it). */
interface Script {
  answer(topic: string): string;
  play(agent: SimulatedAgent, answer: string): Promise<void>;
}

const RESEARCH: Script = {
  answer: (topic) =>
    `Here is what I found about “${topic}”. Four of your notes mention it. The most recent, last ` +
    'week’s review, still lists it as an open question, and your planning note links it to two ' +
    'other projects, so it has been on your mind for a while.\n\n' +
    'I also tried a web source for background, but the site answered 503 twice, so everything here ' +
    'rests on your own notes. Three points come up again and again: what was decided and when, what ' +
    'is still blocked and on whom, and who owns the next step. The first is well documented; the ' +
    'other two are only hinted at.\n\n' +
    'I saved these points, with links to the four notes, as a new note. Two questions stay open: ' +
    'whether the original date still holds, and who signs off at the end. Ask me to draft a message ' +
    'to the people involved about either.',
  async play(agent, answer) {
    agent.progress('plan', 5, 'Reading the question');
    await agent.wait(8);
    await agent.think(
      `The user asks about “${agent.topic}”. Their notes are the best source, so I will search them, ` +
        'and fetch one web page for background at the same time. Then I can summarise only what the ' +
        'sources support, save the summary as a note, and say clearly what is still open.',
    );
    agent.turn();
    agent.progress('research', 20, 'Gathering sources', { current: 1, total: 3, itemTitle: 'search_notes' });
    const search = agent.startTool('search_notes', { query: agent.topic });
    await agent.wait(2);
    agent.progress('research', 30, 'Gathering sources', { current: 2, total: 3, itemTitle: 'fetch_url' });
    const fetch = agent.startTool('fetch_url', { url: `https://example.com/search?q=${encodeURIComponent(agent.topic)}` });
    await agent.wait(34);
    agent.finishTool(search, '4 notes match: weekly-review.md, planning.md, ideas.md, 2024-q3.md');
    await agent.wait(56);
    agent.finishTool(fetch, 'HTTP 503 Service Unavailable (after 2 attempts)', true);
    agent.error('tool_error', 'fetch_url failed; continuing with the notes only', { tool: 'fetch_url', http_status: 503 });
    agent.usage();
    await agent.wait(10);
    agent.turn();
    agent.progress('research', 55, 'Saving a summary', { current: 3, total: 3, itemTitle: 'create_note' });
    const note = agent.startTool('create_note', { title: `Summary: ${agent.topic}` });
    await agent.wait(28);
    agent.finishTool(note, 'Saved notes/summary.md (3 points, 2 open questions, 4 links)');
    agent.creation('note', note, [{ title: `Summary: ${agent.topic}`, path: 'notes/summary.md' }]);
    agent.progress('answer', 70, 'Writing the answer');
    await agent.wait(6);
    await agent.say(answer);
    agent.progress('answer', 100, 'Done');
    agent.usage();
    agent.done();
  },
};

const FAILING_TOOL: Script = {
  answer: (topic) =>
    `My first query for “${topic}” failed: this account may not read the raw sales table ` +
    '(permission denied), so I answered from the reporting view instead, which holds the same ' +
    'totals and is refreshed every night.\n\n' +
    'EMEA leads with 38% of revenue, North America follows with 34%, then APAC with 21% and LATAM ' +
    'with 7%. I drew these as a bar chart and attached it to this conversation. If you need ' +
    'figures per product, ask an admin for read access to the raw table.',
  async play(agent, answer) {
    agent.progress('plan', 10, 'Planning the query');
    await agent.wait(6);
    await agent.think(
      `To answer “${agent.topic}” I need numbers from the analytics warehouse. The sales table has ` +
        'them; I will query it directly.',
    );
    agent.turn();
    agent.progress('query', 30, 'Querying the warehouse', { current: 1, total: 2, itemTitle: 'sales_2024' });
    const raw = agent.startTool('run_sql', { sql: 'SELECT region, sum(revenue) FROM sales_2024 GROUP BY region' });
    await agent.wait(48);
    agent.finishTool(raw, 'ERROR 42501: permission denied for table sales_2024', true);
    agent.error('tool_error', 'run_sql failed: permission denied for table sales_2024', { sqlstate: '42501' });
    agent.usage();
    await agent.think('The raw table is restricted. The reporting view exposes the same totals to this role, so I will use it.');
    agent.turn();
    agent.progress('query', 60, 'Retrying through the reporting view', { current: 2, total: 2, itemTitle: 'reporting.revenue_by_region' });
    const view = agent.startTool('run_sql', { sql: 'SELECT region, share FROM reporting.revenue_by_region' });
    await agent.wait(32);
    agent.finishTool(view, '4 rows in 38 ms');
    const chart = agent.startTool('make_chart', { type: 'bar', rows: 4 });
    await agent.wait(20);
    agent.finishTool(chart, 'revenue-by-region.svg (12 KB)');
    agent.creation('chart', chart, [{ title: 'Revenue by region', file: 'revenue-by-region.svg' }]);
    agent.progress('answer', 85, 'Writing the answer');
    await agent.say(answer);
    agent.progress('answer', 100, 'Done');
    agent.usage();
    agent.done();
  },
};

// Split where the connection drops: the second half must arrive once, after the resume.
const DROP_FIRST_HALF =
  'The connection to this page was cut on purpose while I was writing this sentence, in the middle ' +
  'of the answer, the way a proxy or a sleeping laptop cuts long streams.';
const DROP_SECOND_HALF =
  ' Your browser reconnected by itself and sent the id of the last event it had, so the server ' +
  'replayed only what came after it from the run’s log. Nothing is missing and nothing is doubled: ' +
  'every word of this reply arrived exactly once.';

const DROP_RESUME: Script = {
  answer: (topic) => `About “${topic}”: ${DROP_FIRST_HALF}${DROP_SECOND_HALF}`,
  async play(agent, answer) {
    agent.progress('plan', 10, 'Looking things up');
    await agent.think(`A short lookup is enough for “${agent.topic}”.`);
    agent.turn();
    const search = agent.startTool('search_notes', { query: agent.topic });
    await agent.wait(24);
    agent.finishTool(search, '2 notes match');
    agent.progress('answer', 50, 'Writing the answer');
    const cut = answer.indexOf(DROP_SECOND_HALF);
    await agent.say(answer.slice(0, cut));
    await agent.drop();
    agent.progress('answer', 75, 'Writing the answer');
    await agent.say(answer.slice(cut));
    agent.progress('answer', 100, 'Done');
    agent.usage();
    agent.done();
  },
};

const SECTIONS = ['Where things stand', 'What changed', 'Risks', 'Next steps'] as const;

const LONG_ANSWER: Script = {
  answer: (topic) =>
    SECTIONS.map(
      (title, i) =>
        `${i + 1}. ${title}\n\n` +
        `On “${topic}”, this section would hold the part of the brief about ${title.toLowerCase()}. ` +
        'It is long on purpose: a real model writes answers of many paragraphs, and the page must stay ' +
        'smooth while hundreds of tokens arrive, re-rendering at most once per frame however fast they ' +
        'come. Scroll up while it streams and the page leaves you where you are; scroll back down and it ' +
        'follows the text again. The progress bar above names the section being written.',
    ).join('\n\n'),
  async play(agent, answer) {
    agent.progress('plan', 5, 'Outlining the answer');
    await agent.think(`A long, structured answer about “${agent.topic}”: four sections, one lookup first.`);
    agent.turn();
    const read = agent.startTool('read_document', { path: 'notes/brief.md' });
    await agent.wait(44);
    agent.finishTool(read, 'Read 2,340 words in 4 sections');
    agent.usage();
    const sections = answer.split(/(?=\n\n\d\. )/);
    for (const [i, text] of sections.entries()) {
      agent.progress('write', 20 + i * 20, 'Writing the answer', { current: i + 1, total: sections.length, itemTitle: SECTIONS[i] ?? '' });
      await agent.say(text);
    }
    agent.progress('write', 100, 'Done');
    agent.usage();
    agent.done();
  },
};

const SCRIPTS: Record<ScenarioName, Script> = {
  research: RESEARCH,
  'failing-tool': FAILING_TOOL,
  'drop-resume': DROP_RESUME,
  'long-answer': LONG_ANSWER,
};

/** The answer text a scenario streams for a prompt: what a client must show once the run is done. */
export function answerOf(scenario: ScenarioName, prompt: string): string {
  return SCRIPTS[scenario].answer(topicOf(prompt));
}

/** Plays a scenario on an agent, from the first progress event to `done`. */
export function playScenario(scenario: ScenarioName, agent: SimulatedAgent): Promise<void> {
  const script = SCRIPTS[scenario];
  return script.play(agent, script.answer(agent.topic));
}
