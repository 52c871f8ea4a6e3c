import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';

// useLayoutEffect warns during server rendering; there is no layout to wait for there anyway.
const useIsomorphicLayoutEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect;

/** A ref that always holds the latest `value`, refreshed after each render commits. */
export function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  useIsomorphicLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
