import type { CSSProperties } from 'react';

/**
 * Hides a live region visually but not from screen readers (the technique of Radix's
 * VisuallyHidden); strings with units, so it also works assigned to a DOM element's `style`.
 */
export const VISUALLY_HIDDEN: CSSProperties = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  padding: 0,
  margin: '-1px',
  overflow: 'hidden',
  clip: 'rect(0,0,0,0)',
  whiteSpace: 'nowrap',
  border: 0,
};
