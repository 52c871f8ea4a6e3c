import { useInsertionEffect, useRef, type RefObject } from 'react';

/**
 * A ref that always holds the latest `value`, refreshed as each render commits. An insertion
 * effect runs before every layout and passive effect, so those read the new value; unlike a
 * layout effect it is silent during server rendering, with or without a `window`.
 */
export function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  useInsertionEffect(() => {
    ref.current = value;
  });
  return ref;
}
