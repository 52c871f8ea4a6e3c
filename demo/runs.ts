import { randomUUID } from 'node:crypto';
import { sleep } from '../src/core/sleep';
import { RunLog } from './run-log';
import type { ScenarioName } from './scenarios';
import { playScenario } from './scripts';
import { SimulatedAgent } from './simulated-agent';

/** One agent run: its producer writes into `log` whether or not a client is listening. */
export interface Run {
  /** Sent as the `Agent-Run-Id` header; unguessable, since it is what cancels the run. */
  id: string;
  /** The run's number on this server, for log lines. */
  number: number;
  /** What the run plays. */
  scenario: ScenarioName;
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

  /** Starts a run of `scenario` answering `prompt`; its producer runs until done or cancelled. */
  start(prompt: string, scenario: ScenarioName): Run {
    const run = {
      id: randomUUID(),
      number: ++this.#count,
      scenario,
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
    const agent = new SimulatedAgent(
      {
        write: (frame) => run.log.append(frame),
        async pause(ticks) {
          await sleep(ticks * tickMs, signal);
          signal.throwIfAborted();
        },
        drop() {
          for (const listener of run.dropListeners) listener();
        },
      },
      { idPrefix: run.id.slice(0, 8), prompt },
    );
    log(`run ${run.number}: ${run.scenario} for ${JSON.stringify(prompt.slice(0, 40))} (${run.id})`);
    try {
      signal.throwIfAborted();
      await playScenario(run.scenario, agent);
      log(`run ${run.number}: done after ${run.log.size} events`);
    } catch (error) {
      // The log ends without `done` either way; a client that resumes then finds the run over.
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
