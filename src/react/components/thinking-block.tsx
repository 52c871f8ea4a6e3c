import { createContext, forwardRef, useContext, useId, useState, type ComponentPropsWithoutRef, type ReactNode } from 'react';
import type { ThinkingBlock as ThinkingBlockData } from '../../core/state';
import { useStreamSlice, type AgentStreamHandle } from '../context';

/** What the render props of `ThinkingBlock` and its parts receive. */
export interface ThinkingBlockRenderState {
  /** The thinking block. */
  block: ThinkingBlockData;
  /** `[data-status="streaming" | "complete"]`. */
  status: ThinkingBlockData['status'];
  /** `[data-state="open" | "closed"]`. */
  open: boolean;
  /** Opens or closes the block, as the trigger does (calls `onOpenChange`). */
  setOpen: (open: boolean) => void;
}

interface ThinkingBlockContextValue {
  state: ThinkingBlockRenderState;
  /** The id prefix of the trigger and the content. */
  id: string;
  label: ThinkingBlockProps['label'];
}

const ThinkingBlockContext = /* @__PURE__ */ createContext<ThinkingBlockContextValue | null>(null);

function usePart(part: string): ThinkingBlockContextValue {
  const value = useContext(ThinkingBlockContext);
  if (!value) throw new Error(`\`ThinkingBlock.${part}\` must be used within \`ThinkingBlock\``);
  return value;
}

/** The attributes every element of a block carries. */
const stateAttributes = ({ open, status }: ThinkingBlockRenderState) => ({ 'data-state': open ? 'open' : 'closed', 'data-status': status });

/** Props of {@link ThinkingBlock}. */
export interface ThinkingBlockProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children' | 'id'> {
  /** The id of the thinking block to show; not the element's DOM id. @default the stream's latest block */
  id?: string;
  /** The stream to read. @default the nearest AgentStreamProvider's */
  stream?: AgentStreamHandle;
  /** Whether the block is open (controlled): it then never opens or collapses by itself. */
  open?: boolean;
  /** Whether the block is open at first (uncontrolled). @default true while it streams, false once complete */
  defaultOpen?: boolean;
  /** Called with the new value when the user opens or closes the block (not on the automatic collapse). */
  onOpenChange?: (open: boolean) => void;
  /** The trigger's label, or a function of the block's status. @default "Thinking…" while streaming, "Thought process" when complete */
  label?: ReactNode | ((status: ThinkingBlockData['status']) => ReactNode);
  /** `ThinkingBlock.Trigger` and `ThinkingBlock.Content` laid out yourself, or a function of the state. @default a trigger, then the content */
  children?: ReactNode | ((state: ThinkingBlockRenderState) => ReactNode);
}

const BlockView = /* @__PURE__ */ forwardRef<HTMLDivElement, Omit<ThinkingBlockProps, 'id' | 'stream'> & { block: ThinkingBlockData }>(function BlockView(
  { block, open: controlled, defaultOpen, onOpenChange, label, children, ...rest },
  ref,
) {
  const id = useId();
  const { status } = block;
  // Uncontrolled: the block as first seen, and the user's choice once they toggle (it then wins
  // over the automatic collapse). Until then it is open while streaming, `defaultOpen` at first.
  const [seen, setSeen] = useState<{ block: ThinkingBlockData; choice?: boolean }>({ block });
  // Reset during render for another block (React's pattern for state derived from props): no flash.
  if (seen.block.id !== block.id) setSeen({ block });
  const open = controlled ?? seen.choice ?? (seen.block.status === status ? defaultOpen : undefined) ?? status === 'streaming';
  const setOpen = (next: boolean) => {
    if (controlled === undefined) setSeen((current) => ({ ...current, choice: next }));
    onOpenChange?.(next);
  };
  const state: ThinkingBlockRenderState = { block, status, open, setOpen };
  return (
    <ThinkingBlockContext.Provider value={{ state, id, label }}>
      <div {...stateAttributes(state)} {...rest} ref={ref}>
        {typeof children === 'function' ? children(state) : (children ?? [<ThinkingBlockTrigger key="t" />, <ThinkingBlockContent key="c" />])}
      </div>
    </ThinkingBlockContext.Provider>
  );
});

/** Reads the block (by `id`, else the latest) and renders nothing while there is none. */
const ThinkingBlockRoot = /* @__PURE__ */ forwardRef<HTMLDivElement, ThinkingBlockProps>(function ThinkingBlock({ id, stream, ...rest }, ref) {
  const block = useStreamSlice(
    stream,
    'ThinkingBlock',
    ({ thinking: { ids, byId } }) => {
      const shown = id ?? ids[ids.length - 1];
      return shown === undefined ? undefined : byId[shown];
    },
    [id],
  );
  return block ? <BlockView {...rest} block={block} ref={ref} /> : null;
});

/** Props of `ThinkingBlock.Trigger`. */
export interface ThinkingBlockTriggerProps extends Omit<ComponentPropsWithoutRef<'button'>, 'children'> {
  /** The label, or a function of the state. @default the block's `label` */
  children?: ReactNode | ((state: ThinkingBlockRenderState) => ReactNode);
}

/**
 * The `<button>` that opens and closes the block (`aria-expanded`, `aria-controls`). Your
 * `onClick` runs first; call `event.preventDefault()` to keep the state.
 *
 * Selectors: `[data-state="open" | "closed"]`, `[data-status]`.
 *
 * @example
 * <ThinkingBlock.Trigger>{({ open }) => (open ? 'Hide reasoning' : 'Show reasoning')}</ThinkingBlock.Trigger>
 */
const ThinkingBlockTrigger = /* @__PURE__ */ forwardRef<HTMLButtonElement, ThinkingBlockTriggerProps>(function ThinkingBlockTrigger(
  { children, onClick, ...rest },
  ref,
) {
  const { id, label, state } = usePart('Trigger');
  const { status, open } = state;
  const fallback = typeof label === 'function' ? label(status) : (label ?? (status === 'streaming' ? 'Thinking…' : 'Thought process'));
  return (
    <button
      type="button"
      id={`${id}t`}
      aria-expanded={open}
      aria-controls={`${id}c`}
      {...stateAttributes(state)}
      {...rest}
      ref={ref}
      onClick={(event) => {
        onClick?.(event);
        if (!event.defaultPrevented) state.setOpen(!open);
      }}
    >
      {typeof children === 'function' ? children(state) : (children ?? fallback)}
    </button>
  );
});

/** Props of `ThinkingBlock.Content`. */
export interface ThinkingBlockContentProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** Renders the text yourself (always as text or elements, never as HTML). @default the block's text */
  children?: (state: ThinkingBlockRenderState) => ReactNode;
}

/**
 * The thinking text in a `role="region"` labelled by the trigger. It stays in the DOM when closed,
 * with `hidden`, so the trigger's `aria-controls` always points at an element.
 *
 * Selectors: `[data-state="open" | "closed"]`, `[data-status]`.
 *
 * @example
 * <ThinkingBlock.Content>{({ block }) => <p>{block.text}</p>}</ThinkingBlock.Content>
 */
const ThinkingBlockContent = /* @__PURE__ */ forwardRef<HTMLDivElement, ThinkingBlockContentProps>(function ThinkingBlockContent({ children, ...rest }, ref) {
  const { id, state } = usePart('Content');
  return (
    <div role="region" id={`${id}c`} aria-labelledby={`${id}t`} hidden={!state.open} {...stateAttributes(state)} {...rest} ref={ref}>
      {children ? children(state) : state.block.text}
    </div>
  );
});

/**
 * One thinking block as a disclosure: open while the model thinks, collapsed once the block
 * completes, unless the user toggled it (their choice stays) or `open` controls it. Renders a
 * `<div>`; with no children, a `ThinkingBlock.Trigger` then a `ThinkingBlock.Content`. With no
 * `id` it follows the stream's latest block; it renders nothing while there is no block.
 *
 * Parts: `ThinkingBlock.Trigger` and `ThinkingBlock.Content`, for layouts of your own.
 *
 * Selectors: `[data-state="open" | "closed"]`, `[data-status="streaming" | "complete"]` (also on both parts).
 *
 * @example
 * <ThinkingBlock label={(status) => (status === 'streaming' ? 'Reasoning…' : 'Reasoning')} />
 * <ThinkingBlock id={block.id}>
 *   <ThinkingBlock.Content />
 *   <ThinkingBlock.Trigger>{({ open }) => (open ? 'Hide' : 'Show')}</ThinkingBlock.Trigger>
 * </ThinkingBlock>
 */
export const ThinkingBlock = /* @__PURE__ */ Object.assign(ThinkingBlockRoot, { Trigger: ThinkingBlockTrigger, Content: ThinkingBlockContent });
