import type { AppliedIds, RunState } from './state';

/** No non-integer ids applied yet. */
export const NO_APPLIED_IDS: AppliedIds = Object.freeze({ map: new Map<string, number>(), size: 0 });

/** `id` as a sequence number when it is a canonical non-negative integer, else -1. */
function sequenceOf(id: string): number {
  const length = id.length;
  if (length === 0 || length > 15) return -1;
  if (id.charCodeAt(0) === 48) return length === 1 ? 0 : -1; // "0", never "007"
  let sequence = 0;
  for (let i = 0; i < length; i++) {
    const digit = id.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    sequence = sequence * 10 + digit; // exact: at most 15 digits
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
  if (sequence !== -1) return sequence <= run.maxSeq;
  const position = run.applied.map.get(id);
  return position !== undefined && position < run.applied.size;
}

/**
 * Records `id` on `run`, which the caller owns. An integer id costs one compare. Others go into a
 * map shared by successive states, in O(1) when the run's map is the newest version (the usual,
 * linear case); a branch from an older state copies just the entries it can see, so older states
 * keep their meaning and the reducer stays pure.
 */
export function markApplied(run: RunState, id: string): void {
  const sequence = sequenceOf(id);
  if (sequence !== -1) {
    if (sequence > run.maxSeq) run.maxSeq = sequence;
    return;
  }
  const ids = run.applied;
  let map = ids.map;
  if (map.size !== ids.size || ids === NO_APPLIED_IDS) {
    map = new Map<string, number>();
    for (const [key, position] of ids.map) if (position < ids.size) map.set(key, position);
  }
  map.set(id, ids.size);
  run.applied = { map, size: ids.size + 1 };
}

/** {@link isApplied} then {@link markApplied} in one pass, on a run the caller owns: false for a replay. */
export function applyId(run: RunState, id: string): boolean {
  const sequence = sequenceOf(id);
  if (sequence === -1) {
    if (isApplied(run, id)) return false;
    markApplied(run, id);
    return true;
  }
  if (sequence <= run.maxSeq) return false;
  run.maxSeq = sequence;
  return true;
}
