import { forwardRef, useId, useState, type ComponentPropsWithoutRef, type ReactNode } from 'react';
import type { ToolCall } from '../../core/state';
import { useToolCallContext } from './tool-call-context';

/** What `ToolCall.Output`'s render prop receives. */
export interface ToolCallOutputRenderState {
  /** The tool call. */
  call: ToolCall;
  /** The text shown: the error message for a failed call, else the output summary. */
  text: string;
  /** True when `text` is the error message (`[data-error]`). */
  isError: boolean;
  /** True when `text` is longer than `collapseAt` (`[data-state]` is set only then). */
  isCollapsible: boolean;
  /** True when the full text is shown (`[data-state="expanded"]`). */
  expanded: boolean;
  /** Expands or collapses, as the built-in button does. */
  setExpanded: (expanded: boolean) => void;
  /** The id of the element holding the text, for the `aria-controls` of your own button. */
  contentId: string;
}

/** Props of `ToolCall.Output`. */
export interface ToolCallOutputProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** Texts longer than this many characters are collapsed behind a button. @default 2000 */
  collapseAt?: number;
  /** Whether the full text is shown (controlled). */
  expanded?: boolean;
  /** Whether the full text is shown at first (uncontrolled). @default false */
  defaultExpanded?: boolean;
  /** Called with the new value when the user expands or collapses. */
  onExpandedChange?: (expanded: boolean) => void;
  /** The disclosure button's label. @default "Show all (N characters)" / "Show less" */
  toggleLabel?: (expanded: boolean, length: number) => ReactNode;
  /** Renders the content yourself. */
  children?: (state: ToolCallOutputRenderState) => ReactNode;
}

const defaultToggleLabel = (expanded: boolean, length: number): string =>
  expanded ? 'Show less' : `Show all (${length.toLocaleString()} characters)`;

/**
 * The call's result, or its error message when it failed, in a `<div>`. A text longer than
 * `collapseAt` shows its beginning and a disclosure button (`aria-expanded`, `aria-controls`); the
 * full text enters the DOM only once expanded, so a megabyte of tool output costs nothing until asked for.
 *
 * Selectors: `[data-error]` for an error message; `[data-state="collapsed" | "expanded"]` on long texts.
 *
 * @example
 * <ToolCall.Output collapseAt={500} />
 */
export const ToolCallOutput = /* @__PURE__ */ forwardRef<HTMLDivElement, ToolCallOutputProps>(function ToolCallOutput(
  { collapseAt = 2000, expanded: controlled, defaultExpanded = false, onExpandedChange, toggleLabel = defaultToggleLabel, children, ...rest },
  ref,
) {
  const call = useToolCallContext('Output');
  const contentId = useId();
  const [uncontrolled, setUncontrolled] = useState(defaultExpanded);
  const expanded = controlled ?? uncontrolled;
  const setExpanded = (next: boolean) => {
    if (controlled === undefined) setUncontrolled(next);
    onExpandedChange?.(next);
  };
  const { errorText } = call;
  const isError = call.status === 'error' && errorText !== null;
  const text = isError ? errorText : call.outputSummary;
  const isCollapsible = text.length > collapseAt;
  // The preview never splits a surrogate pair.
  const cut = /[\uD800-\uDBFF]/.test(text[collapseAt - 1] ?? '') ? collapseAt - 1 : collapseAt;
  const content = children ? (
    children({ call, text, isError, isCollapsible, expanded, setExpanded, contentId })
  ) : isCollapsible ? (
    <>
      <span id={contentId}>{expanded ? text : `${text.slice(0, cut)}…`}</span>{' '}
      <button type="button" aria-expanded={expanded} aria-controls={contentId} onClick={() => setExpanded(!expanded)}>
        {toggleLabel(expanded, text.length)}
      </button>
    </>
  ) : (
    text
  );
  return (
    <div
      data-error={isError ? '' : undefined}
      data-state={isCollapsible ? (expanded ? 'expanded' : 'collapsed') : undefined}
      {...rest}
      ref={ref}
    >
      {content}
    </div>
  );
});
