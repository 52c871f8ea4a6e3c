import type { FormatName } from './formats';
import type { FormatWriter, WriterTarget } from './steps';
import { AG_UI_HEADERS, AgUiWriter } from './write-ag-ui';
import { AI_SDK_HEADERS, AiSdkWriter } from './write-ai-sdk';
import { NativeWriter } from './write-native';

/** How the server speaks each format: the writer of a run's frames, and the response headers over the SSE ones. */
export const WRITERS: Record<FormatName, { create(target: WriterTarget): FormatWriter; headers: Record<string, string> }> = {
  'agent-event-stream': { create: (target) => new NativeWriter(target), headers: {} },
  'ai-sdk': { create: (target) => new AiSdkWriter(target), headers: AI_SDK_HEADERS },
  'ag-ui': { create: (target) => new AgUiWriter(target), headers: AG_UI_HEADERS },
};
