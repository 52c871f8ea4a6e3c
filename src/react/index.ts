'use client';
export { useAgentStream } from './use-agent-stream';
export type { SendOptions, UseAgentStreamOptions, UseAgentStreamResult } from './use-agent-stream';
export { useAgentSelector } from './use-agent-selector';
export { AgentStreamProvider, useAgentStreamHandle } from './context';
export type { AgentStreamHandle, AgentStreamProviderProps } from './context';
export { ToolCall } from './components/tool-call';
export type {
  ToolCallDurationProps,
  ToolCallDurationRenderState,
  ToolCallInputProps,
  ToolCallNameProps,
  ToolCallRootProps,
  ToolCallStatusProps,
} from './components/tool-call';
export { TOOL_CALL_STATUS_LABELS } from './components/tool-call-context';
export type { ToolCallRenderState } from './components/tool-call-context';
export type { ToolCallOutputProps, ToolCallOutputRenderState } from './components/tool-call-output';
export { ToolCallList } from './components/tool-call-list';
export type { ToolCallListProps } from './components/tool-call-list';
export { ThinkingBlock } from './components/thinking-block';
export type {
  ThinkingBlockContentProps,
  ThinkingBlockProps,
  ThinkingBlockRenderState,
  ThinkingBlockTriggerProps,
} from './components/thinking-block';
export { ProgressBar } from './components/progress-bar';
export type { ProgressBarProps, ProgressBarRenderState, ProgressBarState } from './components/progress-bar';
export { formatDuration } from './components/format-duration';
export { useNow } from './use-now';
export { MessageList } from './components/message-list';
export type { MessageListProps, RenderMessagePart } from './components/message-list';
export { MessageText } from './components/message-text';
export type { MessageTextProps, MessageTextRenderState } from './components/message-text';
export { CostMeter, createUsageFormatter } from './components/cost-meter';
export type { CostMeterLabels, CostMeterProps, CostMeterRenderState, FormattedUsage } from './components/cost-meter';
export { ToolTimeline } from './components/tool-timeline';
export type { ToolTimelineProps } from './components/tool-timeline';
export { toolTimelineRows } from './components/tool-timeline-rows';
export type { ToolTimelineRow, ToolTimelineSpan } from './components/tool-timeline-rows';
