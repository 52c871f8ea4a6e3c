import { describe, expect, it } from 'vitest';
import { AgentStreamError, isAgentStreamError } from '../../src/core/errors';

describe('AgentStreamError', () => {
  it('defaults to a non-retryable error and carries only the context it was given', () => {
    const error = new AgentStreamError('parse', 'bad frame', { eventType: 'token' });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'AgentStreamError', code: 'parse', message: 'bad frame', severity: 'error', retryable: false, eventType: 'token' });
    expect(Object.keys(error).sort()).toEqual(['code', 'eventType', 'name', 'retryable', 'severity']);
    expect('status' in error).toBe(false);
  });

  it('keeps the cause and the HTTP status', () => {
    const cause = new TypeError('fetch failed');
    const error = new AgentStreamError('http_status', 'HTTP 503', { status: 503, retryable: true, severity: 'warning', cause });
    expect(error.cause).toBe(cause);
    expect(error).toMatchObject({ status: 503, retryable: true, severity: 'warning' });
  });

  it('is recognised across copies of the library by name', () => {
    const foreign = Object.assign(new Error('x'), { name: 'AgentStreamError' });
    expect(isAgentStreamError(foreign)).toBe(true);
    expect(isAgentStreamError(new Error('x'))).toBe(false);
    expect(isAgentStreamError('AgentStreamError')).toBe(false);
  });
});
