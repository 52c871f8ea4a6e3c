import { version as reactVersion } from 'react';
import { version as reactDomVersion } from 'react-dom';
import { expect, it } from 'vitest';

// Each Vitest project sets EXPECTED_REACT_VERSION (vite.config.ts): 19 by default, 18.3 in react18.
const expected = process.env.EXPECTED_REACT_VERSION;

it('runs against the React version its project names', () => {
  expect(expected).toMatch(/^\d+\.(\d+\.)?$/);
  expect(reactVersion.startsWith(expected ?? '')).toBe(true);
  expect(reactDomVersion).toBe(reactVersion);
});
