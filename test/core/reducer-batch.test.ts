import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AgentAction } from '../../src/core/actions';
import { Draft } from '../../src/core/draft';
import { initialAgentState, reduceAgentEvent, reduceBatchWithDraft } from '../../src/core/reducer';
import { ev } from '../helpers/events';

const id = fc.option(fc.oneof(fc.integer({ min: 0, max: 30 }).map(String), fc.constantFrom('a', 'b', '1700-0', '007')), { nil: undefined });
const action: fc.Arbitrary<AgentAction> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.string(), id).map(([text, i]) => ev.token(text, i)) },
  { weight: 3, arbitrary: fc.tuple(fc.string(), id).map(([text, i]) => ev.thinking(text, i)) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('t1', 't2'), id).map(([call, i]) => ev.toolUse(call, 'search', '', i)) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('t1', 't2'), id).map(([call, i]) => ev.toolResult(call, {}, i)) },
  { weight: 1, arbitrary: id.map((i) => ev.done({}, i)) },
  { weight: 1, arbitrary: fc.constant<AgentAction>({ type: 'client/run-start' }) },
);

describe('reduceBatchWithDraft', () => {
  it('gives the same state as reducing one action at a time, replays included', () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 40 }), fc.array(action, { maxLength: 40 }), (before, batch) => {
        const start = before.reduce((s, a) => reduceAgentEvent(s, a, { receivedAt: 1 }), initialAgentState());
        const frozen = JSON.stringify(start);
        const oneByOne = batch.reduce((s, a) => reduceAgentEvent(s, a, { receivedAt: 1 }), start);
        const batched = reduceBatchWithDraft(new Draft(), start, batch, 1);
        expect(JSON.stringify(batched)).toBe(JSON.stringify(oneByOne));
        expect(JSON.stringify(start)).toBe(frozen);
      }),
      { numRuns: 500 },
    );
  });

  it('appends a run of tokens once and skips the replayed ones inside it', () => {
    const start = reduceAgentEvent(initialAgentState(), ev.token('a', '1'));
    const s = reduceBatchWithDraft(new Draft(), start, [ev.token('a', '1'), ev.token('b', '2'), ev.token('b', '2'), ev.token('c')], null);
    expect(s.messages.byId[s.messages.ids[0]!]!.text).toBe('abc');
    expect(s.timeline).toHaveLength(1);
    expect(s.lastEventId).toBe('2');
  });
});
