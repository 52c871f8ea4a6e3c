import type { AppliedIds, RunState } from './state';

/** No non-integer ids applied yet. */
export const NO_APPLIED_IDS: AppliedIds = /* @__PURE__ */ Object.freeze({ map: new Map<string, number>(), size: 0 });

/** `id` as a sequence number when it is a canonical non-negative integer, else -1. */
function sequenceOf(id: string): number {
  const length = id.length;
  // "0" is one, "007" is not; 15 digits stay exact.
  if (length === 0 || length > 15 || (length > 1 && id.charCodeAt(0) === 48)) return -1;
  let sequence = 0;
  for (let i = 0; i < length; i++) {
    const digit = id.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    sequence = sequence * 10 + digit;
  }
  return sequence;
}

/**
 * Whether `id` was applied in `run`. Integer ids are a sequence, as resuming from `Last-Event-ID`
 * presumes: one at or below the highest applied is a replay. Any other id (a Redis stream id, an
 * opaque token) is matched exactly.
 */
export function isApplied(run: RunState, id: string): boolean {
  const sequence = sequenceOf(id);
  return sequence === -1 ? (run.applied.map.get(id) ?? Infinity) < run.applied.size : sequence <= run.maxSeq;
}

/**
 * Records `id` on `run`, which the caller owns; false for a replay. An integer id costs one
 * compare. Others go into a map shared by successive states, in O(1) when the run's map is the
 * newest version (the usual, linear case); a branch from an older state copies just the entries it
 * can see, so older states keep their meaning and the reducer stays pure.
 */
export function applyId(run: RunState, id: string): boolean {
  const sequence = sequenceOf(id);
  if (sequence !== -1) {
    if (sequence <= run.maxSeq) return false;
    run.maxSeq = sequence;
    return true;
  }
  if (isApplied(run, id)) return false;
  const { map, size } = run.applied;
  const shared = map.size === size && run.applied !== NO_APPLIED_IDS ? map : new Map([...map].filter(([, position]) => position < size));
  run.applied = { map: shared.set(id, size), size: size + 1 };
  return true;
}
