import { describe, expect, it } from 'vitest';
import * as server from '../../src/server/index';
import * as testing from '../../src/testing/index';

describe('entries', () => {
  it('export the server encoder and the testing helpers by name', () => {
    expect(Object.keys(server).sort()).toStrictEqual(['encodeComment', 'encodeEvent']);
    expect(Object.keys(testing).sort()).toStrictEqual([
      'RecordingError',
      'agentStreamHandler',
      'isEventStep',
      'mockAgentStream',
      'mockFetch',
      'scenarios',
      'scriptEvents',
      'scriptFromRecording',
    ]);
  });
});
