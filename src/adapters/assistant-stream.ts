import type { AdapterDecoder, AdapterOutput, AdapterProbe, ProtocolAdapter } from '../core/adapter';
import type { SSEFrame } from '../core/protocol';
import { isDataStreamLine, readDataStreamLine } from './assistant-stream/data-stream';
import { AssistantStreamRun } from './assistant-stream/run';
import { isTransportChunk, TransportReader } from './assistant-stream/transport';
import { isObject, readObject, schemaError } from './support';

const NAME = 'assistant-stream';

function looksLikeTransport(frame: SSEFrame): boolean {
  if (frame.event !== undefined && frame.event !== 'message') return false;
  try {
    const chunk: unknown = JSON.parse(frame.data);
    return isObject(chunk) && isTransportChunk(chunk);
  } catch {
    return false;
  }
}

/**
 * assistant-ui's `assistant-stream`, on either of its wires: the DataStream newline protocol
 * (`text/plain`, one `code:JSON` line per chunk, also the Vercel AI SDK 4 data stream; no end
 * marker: a clean close ends the run, with `done` when a finish-message line came) and
 * AssistantTransport (`text/event-stream`, `data:` JSON chunks addressed by part index, ending
 * with `data: [DONE]`). Each frame says which wire it came on, so one adapter reads both.
 * Usage comes per step (it adds up) and per message (the total); there is no cost.
 *
 * @example
 * useAgentStream('/api/chat', { protocol: assistantStream });
 */
export const assistantStream: ProtocolAdapter = {
  name: NAME,
  framing: 'lines',
  detect: ({ headers, contentType, frame }: AdapterProbe) => {
    if (headers.get('x-vercel-ai-data-stream') === 'v1') return true;
    if (!frame) return false;
    return contentType === 'text/event-stream' ? looksLikeTransport(frame) : isDataStreamLine(frame.data);
  },
  createDecoder: () => new AssistantStreamDecoder(),
};

class AssistantStreamDecoder implements AdapterDecoder {
  readonly #run = new AssistantStreamRun();
  readonly #transport = new TransportReader(this.#run);
  /** Frames came as AssistantTransport chunks, whose stream must end with `[DONE]`. */
  #sse = false;
  #ended = false;
  /** The last DataStream line was an error (`3:`): a close then does not complete the run. */
  #lastWasError = false;

  decode(frame: SSEFrame, emit: AdapterOutput): void {
    const { data } = frame;
    if (data === '[DONE]') {
      if (this.#ended) return;
      this.#sse = this.#ended = true;
      return this.#run.end(true, emit);
    }
    if (!this.#sse && !data.startsWith('{')) {
      this.#lastWasError = data.startsWith('3:');
      return readDataStreamLine(data, this.#run, emit);
    }
    this.#sse = true;
    const chunk = readObject(frame, emit, NAME);
    if (!chunk) return;
    if (typeof chunk.type !== 'string') return emit(schemaError(NAME, 'a chunk without a string "type"', frame.event));
    this.#transport.read(chunk.type, chunk, emit);
  }

  close(emit: AdapterOutput): boolean {
    if (this.#sse) return this.#ended;
    // DataStream has no end marker: a clean close ends the run, completed (`done`) when the message
    // finished (`d:`, which late lines may follow), else unless an error was the last word.
    const { finished } = this.#run;
    this.#run.end(finished, emit);
    return finished || !this.#lastWasError;
  }
}
