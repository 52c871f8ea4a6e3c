import type { AgentStreamError } from '../src';

/**
 * The connection's own errors and warnings (a drop and its resume, an HTTP error). Agent errors
 * show inside their message, and a stop is what the status line says, so both are left out.
 */
export function Notices({ errors }: { errors: readonly AgentStreamError[] }) {
  const notices = errors.filter((error) => error.code !== 'agent' && error.code !== 'aborted');
  if (notices.length === 0) return null;
  return (
    <ul className="notices" aria-label="Connection notices">
      {notices.map((error, i) => (
        <li key={i} data-severity={error.severity}>
          <strong>{error.severity === 'warning' ? 'Warning' : 'Error'}</strong> ({error.code}): {error.message}
        </li>
      ))}
    </ul>
  );
}
