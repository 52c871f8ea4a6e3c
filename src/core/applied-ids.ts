import type { AppliedIds } from './state';

/** No ids applied yet. */
export const NO_APPLIED_IDS: AppliedIds = Object.freeze({ map: new Map<string, number>(), size: 0 });

/** Whether `id` was applied in the state that owns `ids`. */
export function hasAppliedId(ids: AppliedIds, id: string): boolean {
  const position = ids.map.get(id);
  return position !== undefined && position < ids.size;
}

/**
 * `ids` plus `id`, in O(1) when `ids` is the newest version of its backing map (the usual, linear
 * case). A branch from an older state copies just the entries it can see, so older states keep
 * their meaning and the reducer stays pure.
 */
export function addAppliedId(ids: AppliedIds, id: string): AppliedIds {
  let map = ids.map;
  if (map.size !== ids.size || ids === NO_APPLIED_IDS) {
    map = new Map<string, number>();
    for (const [key, position] of ids.map) if (position < ids.size) map.set(key, position);
  }
  map.set(id, ids.size);
  return { map, size: ids.size + 1 };
}
