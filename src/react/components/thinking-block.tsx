import {
  createContext,
  forwardRef,
  useCallback,
  useContext,
  useId,
  useState,
  type ComponentPropsWithoutRef,
  type ReactNode,
} from 'react';
import type { AgentState, ThinkingBlock as ThinkingBlockData } from '../../core/state';
import { useAgentStreamStore, type AgentStreamHandle } from '../context';
import { useAgentSelector } from '../use-agent-selector';

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

interface ThinkingBlockContextValue extends ThinkingBlockRenderState {
  triggerId: string;
  contentId: string;
  label: ThinkingBlockProps['label'];
}

const ThinkingBlockContext = createContext<ThinkingBlockContextValue | null>(null);

function useThinkingBlockPart(part: string): ThinkingBlockContextValue {
  const value = useContext(ThinkingBlockContext);
  if (!value) throw new Error(`\`ThinkingBlock.${part}\` must be used within \`ThinkingBlock\``);
  return value;
}

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

function latestBlock(state: AgentState): ThinkingBlockData | null {
  const id = state.thinking.ids[state.thinking.ids.length - 1];
  return id === undefined ? null : (state.thinking.byId[id] ?? null);
}

/** Uncontrolled open state: follows the block (open while streaming) until the user takes over. */
interface OpenState {
  blockId: string;
  status: ThinkingBlockData['status'];
  open: boolean;
  /** True once the user toggled: their choice then wins over the automatic collapse. */
  chosen: boolean;
}

const BlockView = forwardRef<HTMLDivElement, Omit<ThinkingBlockProps, 'id' | 'stream'> & { block: ThinkingBlockData }>(function BlockView(
  { block, open: controlled, defaultOpen, onOpenChange, label, children, ...rest },
  ref,
) {
  const triggerId = useId();
  const contentId = useId();
  const [auto, setAuto] = useState<OpenState>(() => ({
    blockId: block.id,
    status: block.status,
    open: defaultOpen ?? block.status === 'streaming',
    chosen: false,
  }));
  // Adjusted during render (React's pattern for state derived from props): no flash of the old state.
  if (auto.blockId !== block.id) {
    setAuto({ blockId: block.id, status: block.status, open: defaultOpen ?? block.status === 'streaming', chosen: false });
  } else if (auto.status !== block.status) {
    setAuto({ ...auto, status: block.status, open: auto.chosen ? auto.open : block.status === 'streaming' });
  }
  const open = controlled ?? auto.open;
  const setOpen = (next: boolean) => {
    if (controlled === undefined) setAuto((current) => ({ ...current, open: next, chosen: true }));
    onOpenChange?.(next);
  };
  const state: ThinkingBlockRenderState = { block, status: block.status, open, setOpen };
  const content =
    typeof children === 'function' ? (
      children(state)
    ) : (
      children ?? (
        <>
          <ThinkingBlockTrigger />
          <ThinkingBlockContent />
        </>
      )
    );
  return (
    <ThinkingBlockContext.Provider value={{ ...state, triggerId, contentId, label }}>
      <div data-state={open ? 'open' : 'closed'} data-status={block.status} {...rest} ref={ref}>
        {content}
      </div>
    </ThinkingBlockContext.Provider>
  );
});

/** Reads the block (by `id`, else the latest) and renders nothing while there is none. */
const ThinkingBlockRoot = forwardRef<HTMLDivElement, ThinkingBlockProps>(function ThinkingBlock({ id, stream, ...rest }, ref) {
  const store = useAgentStreamStore(stream, 'ThinkingBlock');
  const select = useCallback((state: AgentState) => (id === undefined ? latestBlock(state) : (state.thinking.byId[id] ?? null)), [id]);
  const block = useAgentSelector(store, select);
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
const ThinkingBlockTrigger = forwardRef<HTMLButtonElement, ThinkingBlockTriggerProps>(function ThinkingBlockTrigger(
  { children, onClick, ...rest },
  ref,
) {
  const { triggerId, contentId, label, ...state } = useThinkingBlockPart('Trigger');
  const fallback = typeof label === 'function' ? label(state.status) : (label ?? (state.status === 'streaming' ? 'Thinking…' : 'Thought process'));
  return (
    <button
      type="button"
      id={triggerId}
      aria-expanded={state.open}
      aria-controls={contentId}
      data-state={state.open ? 'open' : 'closed'}
      data-status={state.status}
      {...rest}
      ref={ref}
      onClick={(event) => {
        onClick?.(event);
        if (!event.defaultPrevented) state.setOpen(!state.open);
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
const ThinkingBlockContent = forwardRef<HTMLDivElement, ThinkingBlockContentProps>(function ThinkingBlockContent({ children, ...rest }, ref) {
  const { triggerId, contentId, label: _label, ...state } = useThinkingBlockPart('Content');
  return (
    <div
      role="region"
      id={contentId}
      aria-labelledby={triggerId}
      hidden={!state.open}
      data-state={state.open ? 'open' : 'closed'}
      data-status={state.status}
      {...rest}
      ref={ref}
    >
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
export const ThinkingBlock = Object.assign(ThinkingBlockRoot, { Trigger: ThinkingBlockTrigger, Content: ThinkingBlockContent });
