import { randomUUID } from 'node:crypto';
import { sleep } from '../src/core/sleep';
import type { FormatName } from './formats';
import { RunLog } from './run-log';
import type { ScenarioName } from './scenarios';
import { playScenario } from './scripts';
import { SimulatedAgent } from './simulated-agent';
import { WRITERS } from './writers';

/** One agent run: its producer writes into `log` whether or not a client is listening. */
export interface Run {
  /** Sent as the `Agent-Run-Id` header; unguessable, since it is what cancels the run. */
  id: string;
  /** The run's number on this server, for log lines. */
  number: number;
  /** What the run plays. */
  scenario: ScenarioName;
  /** The wire format its log is written in. */
  format: FormatName;
  /** Every frame the run has produced, for its followers and for resumes. */
  log: RunLog;
  /** Called when the scenario cuts its connections; the server adds one per connection it serves. */
  dropListeners: Set<() => void>;
}

/** Options of {@link RunRegistry}. */
export interface RunRegistryOptions {
  /** Real ms per nominal tick (one answer token). */
  tickMs: number;
  /** How long a finished run stays available to resume, in ms. */
  ttlMs: number;
  /** Where the notes on each run's start and end go. */
  log: (line: string) => void;
}

/** The runs of a server: starts them, finds them for resumes, cancels them, and forgets them. */
export class RunRegistry {
  readonly #runs = new Map<string, Run & { controller: AbortController }>();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #options: RunRegistryOptions;
  #count = 0;

  constructor(options: RunRegistryOptions) {
    this.#options = options;
  }

  /** Starts a run of `scenario` answering `prompt` in `format`; its producer runs until done or cancelled. */
  start(prompt: string, scenario: ScenarioName, format: FormatName): Run {
    const run = {
      id: randomUUID(),
      number: ++this.#count,
      scenario,
      format,
      log: new RunLog(),
      dropListeners: new Set<() => void>(),
      controller: new AbortController(),
    };
    this.#runs.set(run.id, run);
    void this.#produce(run, prompt);
    return run;
  }

  /** The run with this id, while it is kept. */
  get(id: string): Run | undefined {
    return this.#runs.get(id);
  }

  /** Stops a run's producer, so its log ends where it stands; returns the run, if it is kept. */
  cancel(id: string): Run | undefined {
    const run = this.#runs.get(id);
    run?.controller.abort();
    return run;
  }

  /** Stops every producer and forgets every run (the server is closing). */
  close(): void {
    for (const run of this.#runs.values()) run.controller.abort();
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#runs.clear();
  }

  async #produce(run: Run & { controller: AbortController }, prompt: string): Promise<void> {
    const { signal } = run.controller;
    const { tickMs, log } = this.#options;
    const idPrefix = run.id.slice(0, 8);
    const writer = WRITERS[run.format].create({ append: (frame) => run.log.append(frame), runId: run.id, idPrefix });
    const agent = new SimulatedAgent(
      {
        write: (step) => writer.write(step),
        async pause(ticks) {
          await sleep(ticks * tickMs, signal);
          signal.throwIfAborted();
        },
        async drop() {
          await writer.flush();
          for (const listener of run.dropListeners) listener();
        },
      },
      { idPrefix, prompt },
    );
    log(`run ${run.number}: ${run.scenario} in ${run.format} for ${JSON.stringify(prompt.slice(0, 40))} (${run.id})`);
    try {
      signal.throwIfAborted();
      await playScenario(run.scenario, agent);
      await writer.close();
      log(`run ${run.number}: done after ${run.log.size} events`);
    } catch (error) {
      // Without `done`: a native client that resumes finds the run over; the other formats say how it ended.
      await writer.close(signal.aborted ? 'cancelled' : 'failed');
      if (signal.aborted) log(`run ${run.number}: cancelled after ${run.log.size} events`);
      else log(`run ${run.number}: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    } finally {
      run.log.end();
      this.#forgetLater(run.id);
    }
  }

  #forgetLater(id: string): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.#runs.delete(id);
    }, this.#options.ttlMs);
    // A kept run is no reason to keep the process alive.
    timer.unref();
    this.#timers.add(timer);
  }
}
