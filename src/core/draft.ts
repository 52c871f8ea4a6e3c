/**
 * Copy-on-write ownership for a stretch of reduction (one pure reducer call, or everything a store
 * reduces between two published snapshots). A container is shallow-copied the first time it is
 * written and mutated in place after that, so a burst of events costs O(events), not O(events ×
 * state size), while every snapshot anyone has seen stays untouched.
 */
export class Draft {
  // A plain Set: a draft lives until the next publish, and weak collections cost extra in every GC.
  private declare readonly owned: Set<object>;
  /** Time spent copying in this draft (ms): what sealing the last snapshot cost. */
  declare copyMs: number;

  constructor() {
    this.owned = new Set();
    this.copyMs = 0;
  }

  /** A writable shallow copy of `value` (an object or an array), made once per draft. */
  obj<T extends object>(value: T): T {
    if (this.owned.has(value)) return value;
    const start = performance.now();
    const copy = (Array.isArray(value) ? value.slice() : { ...value }) as T;
    this.copyMs += performance.now() - start;
    return this.own(copy);
  }

  /** A writable copy of `value`, made once per draft. */
  arr<T>(value: readonly T[]): T[] {
    return this.obj(value as T[]);
  }

  /** Marks a freshly built object as writable for the rest of this draft. */
  own<T extends object>(fresh: T): T {
    this.owned.add(fresh);
    return fresh;
  }
}
