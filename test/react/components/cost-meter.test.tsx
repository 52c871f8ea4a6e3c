// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { createRef, Profiler } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAgentStore, type AgentStore } from '../../../src/core/store';
import { EMPTY_USAGE } from '../../../src/core/usage';
import { AgentStreamProvider } from '../../../src/react/context';
import { CostMeter, createUsageFormatter } from '../../../src/react/components/cost-meter';
import { ev } from '../../helpers/events';

afterEach(cleanup);

const handle = (store: AgentStore) => ({ store, send: vi.fn(), stop: vi.fn(), retry: vi.fn(), reset: vi.fn() });

function figures(dl: HTMLElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const dt of dl.querySelectorAll('dt')) out[dt.textContent ?? ''] = dt.nextElementSibling?.textContent ?? '';
  return out;
}

describe('createUsageFormatter', () => {
  it('formats tokens and cost for the locale, keeping tiny costs readable', () => {
    const format = createUsageFormatter('en-US');
    expect(format({ inputTokens: 12345, outputTokens: 678, totalCostUsd: 0.0031, model: 'm' })).toEqual({
      inputTokens: '12,345',
      outputTokens: '678',
      totalTokens: '13,023',
      cost: '$0.0031',
    });
    expect(format({ ...EMPTY_USAGE, totalCostUsd: 1.5 }).cost).toBe('$1.50');
    expect(format({ ...EMPTY_USAGE, totalCostUsd: 0.25 }).cost).toBe('$0.25');
    expect(format({ ...EMPTY_USAGE, totalCostUsd: 0 }).cost).toBe('$0.00');
    expect(createUsageFormatter('de-DE')({ inputTokens: 12345, outputTokens: null, totalCostUsd: 0.0031, model: null })).toEqual({
      inputTokens: '12.345',
      outputTokens: null,
      totalTokens: null,
      cost: '0,0031\u00a0$',
    });
  });

  it('uses compact notation for tokens when asked', () => {
    expect(createUsageFormatter('en-US', true)({ ...EMPTY_USAGE, inputTokens: 12345, outputTokens: 1_500_000 })).toMatchObject({
      inputTokens: '12.3K',
      outputTokens: '1.5M',
    });
  });

  it('leaves figures no event carried as null, never 0', () => {
    expect(createUsageFormatter('en-US')(EMPTY_USAGE)).toEqual({ inputTokens: null, outputTokens: null, totalTokens: null, cost: null });
  });
});

describe('CostMeter', () => {
  it('renders an empty description list before any usage', () => {
    const store = createAgentStore();
    render(<CostMeter stream={handle(store)} data-testid="meter" />);
    const meter = screen.getByTestId('meter');
    expect(meter.tagName).toBe('DL');
    expect(meter.getAttribute('data-state')).toBe('empty');
    expect(meter.textContent).toBe('');
    expect(meter.textContent).not.toContain('0');
  });

  it('shows the known figures with their labels and leaves the others out', () => {
    const store = createAgentStore();
    render(<CostMeter stream={handle(store)} locale="en-US" data-testid="meter" />);
    act(() => store.dispatch(ev.usage({ outputTokens: 1200 })));
    const meter = screen.getByTestId('meter');
    expect(meter.getAttribute('data-state')).toBe('partial');
    expect(figures(meter)).toEqual({ 'Output tokens': '1,200' });
    expect(meter.querySelector('dd')?.getAttribute('data-figure')).toBe('output-tokens');

    act(() => store.dispatch(ev.usage({ inputTokens: 3000, outputTokens: 1200, totalCostUsd: 0.0031 })));
    expect(meter.getAttribute('data-state')).toBe('complete');
    expect(figures(meter)).toEqual({ 'Input tokens': '3,000', 'Output tokens': '1,200', 'Total tokens': '4,200', Cost: '$0.0031' });
  });

  it("shows one message's usage with messageId", () => {
    const store = createAgentStore();
    store.dispatch([ev.usage({ inputTokens: 10, outputTokens: 5, totalCostUsd: 0.5 }), ev.done({ totalCostUsd: 0.5 })]);
    store.dispatch([ev.usage({ inputTokens: 20, outputTokens: 7, totalCostUsd: 0.25 }), ev.done({ totalCostUsd: 0.25 })]);
    const [first] = store.getSnapshot().messages.ids;
    render(
      <AgentStreamProvider value={handle(store)}>
        <CostMeter locale="en-US" data-testid="total" />
        <CostMeter locale="en-US" messageId={first} data-testid="first" />
        <CostMeter locale="en-US" messageId="nope" data-testid="missing" />
      </AgentStreamProvider>,
    );
    expect(figures(screen.getByTestId('total'))).toMatchObject({ 'Input tokens': '30', Cost: '$0.75' });
    expect(figures(screen.getByTestId('first'))).toMatchObject({ 'Input tokens': '10', Cost: '$0.50' });
    expect(screen.getByTestId('missing').getAttribute('data-state')).toBe('empty');
  });

  it('does not re-render while tokens stream', () => {
    const store = createAgentStore();
    store.dispatch(ev.usage({ inputTokens: 1 }));
    const onRender = vi.fn();
    render(
      <Profiler id="meter" onRender={onRender}>
        <CostMeter stream={handle(store)} />
      </Profiler>,
    );
    const commits = onRender.mock.calls.length;
    for (let i = 0; i < 10; i++) act(() => store.dispatch(ev.token('x')));
    expect(onRender.mock.calls.length).toBe(commits);
    act(() => store.dispatch(ev.usage({ inputTokens: 2 })));
    expect(onRender.mock.calls.length).toBe(commits + 1);
  });

  it('gives its render prop the usage and the formatted figures', () => {
    const store = createAgentStore();
    store.dispatch(ev.usage({ inputTokens: 1500, totalCostUsd: 0.004 }));
    render(
      <CostMeter stream={handle(store)} locale="en-US" compact data-testid="meter">
        {({ usage, formatted, state }) => (
          <>
            <dt>Spent</dt>
            <dd>{`${formatted.cost} for ${formatted.inputTokens} (${usage.inputTokens}, ${formatted.totalTokens ?? '—'}, ${state})`}</dd>
          </>
        )}
      </CostMeter>,
    );
    expect(figures(screen.getByTestId('meter'))).toEqual({ Spent: '$0.004 for 1.5K (1500, —, partial)' });
  });

  it('takes labels, forwards its ref and lets props override its own', () => {
    const store = createAgentStore();
    store.dispatch(ev.usage({ totalCostUsd: 2 }));
    const ref = createRef<HTMLDListElement>();
    render(<CostMeter ref={ref} stream={handle(store)} locale="en-US" labels={{ cost: 'Kosten' }} className="meter" data-state="custom" />);
    expect(ref.current?.tagName).toBe('DL');
    expect(ref.current?.className).toBe('meter');
    expect(ref.current?.getAttribute('data-state')).toBe('custom');
    expect(figures(ref.current as HTMLElement)).toEqual({ Kosten: '$2.00' });
  });

  it('throws a clear error without a stream', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const quiet = (event: ErrorEvent) => event.preventDefault();
    window.addEventListener('error', quiet);
    expect(() => render(<CostMeter />)).toThrow('<CostMeter> needs a stream');
    window.removeEventListener('error', quiet);
  });
});
