// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { createRef } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAgentStore, type AgentStore } from '../../../src/core/store';
import { AgentStreamProvider } from '../../../src/react/context';
import { ProgressBar } from '../../../src/react/components/progress-bar';
import { ev } from '../../helpers/events';

afterEach(cleanup);

const handleOf = (store: AgentStore) => ({ store, send: vi.fn(), stop: vi.fn(), retry: vi.fn(), reset: vi.fn() });

describe('ProgressBar', () => {
  it('renders an idle progressbar at 0 before any progress, labelled "Progress"', () => {
    const store = createAgentStore({ throttleMs: 0 });
    render(
      <AgentStreamProvider value={handleOf(store)}>
        <ProgressBar />
      </AgentStreamProvider>,
    );
    const bar = screen.getByRole('progressbar', { name: 'Progress' });
    expect(bar.getAttribute('aria-valuemin')).toBe('0');
    expect(bar.getAttribute('aria-valuemax')).toBe('100');
    expect(bar.getAttribute('aria-valuenow')).toBe('0');
    expect(bar.hasAttribute('aria-valuetext')).toBe(false);
    expect(bar.getAttribute('data-state')).toBe('idle');
    expect(bar.hasAttribute('data-step')).toBe(false);
    expect(bar.getAttribute('style')).toBe('--progress: 0;');
  });

  it('follows progress events: value, value text, step, --progress, and complete at 100', () => {
    const store = createAgentStore({ throttleMs: 0 });
    render(<ProgressBar stream={handleOf(store)} />);
    const bar = screen.getByRole('progressbar');
    act(() => store.dispatch(ev.progress('extract', 42, 'Extracting quotes')));
    expect(bar.getAttribute('aria-valuenow')).toBe('42');
    expect(bar.getAttribute('aria-valuetext')).toBe('Extracting quotes');
    expect(bar.getAttribute('data-step')).toBe('extract');
    expect(bar.getAttribute('data-state')).toBe('active');
    expect(bar.style.getPropertyValue('--progress')).toBe('0.42');
    act(() => store.dispatch(ev.progress('report', 100, 'Done')));
    expect(bar.getAttribute('data-state')).toBe('complete');
    expect(bar.getAttribute('aria-valuenow')).toBe('100');
  });

  it('exposes sub-progress in the value text, data attributes and the render prop', () => {
    const store = createAgentStore({ throttleMs: 0 });
    store.dispatch({ type: 'progress', data: { step: 'interviews', percentage: 30, message: 'Reading', subProgress: { current: 3, total: 10, itemTitle: 'Interview 3' } } });
    const seen = vi.fn(() => null);
    render(<ProgressBar stream={handleOf(store)}>{seen}</ProgressBar>);
    const bar = screen.getByRole('progressbar');
    expect(bar.getAttribute('aria-valuetext')).toBe('Reading, 3 of 10: Interview 3');
    expect(bar.getAttribute('data-sub-current')).toBe('3');
    expect(bar.getAttribute('data-sub-total')).toBe('10');
    expect(seen).toHaveBeenCalledWith(
      expect.objectContaining({
        state: 'active',
        percentage: 30,
        step: 'interviews',
        message: 'Reading',
        subProgress: { current: 3, total: 10, itemTitle: 'Interview 3' },
        valueText: 'Reading, 3 of 10: Interview 3',
      }),
    );
  });

  it('is indeterminate, without aria-valuenow, when the percentage is unknown', () => {
    const store = createAgentStore({ throttleMs: 0 });
    store.dispatch({ type: 'progress', data: { step: 's', percentage: null, message: '', subProgress: { itemTitle: 'Item' } } });
    render(<ProgressBar stream={handleOf(store)} />);
    const bar = screen.getByRole('progressbar');
    expect(bar.hasAttribute('aria-valuenow')).toBe(false);
    expect(bar.hasAttribute('data-indeterminate')).toBe(true);
    expect(bar.getAttribute('data-state')).toBe('active');
    expect(bar.getAttribute('aria-valuetext')).toBe('Item');
    expect(bar.style.getPropertyValue('--progress')).toBe('');
  });

  it('clamps out-of-range percentages', () => {
    const store = createAgentStore({ throttleMs: 0 });
    store.dispatch(ev.progress('s', 140, 'over'));
    render(<ProgressBar stream={handleOf(store)} />);
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
  });

  it('takes aria-labelledby instead of the default label, a value text builder, a ref and overriding props', () => {
    const store = createAgentStore({ throttleMs: 0 });
    store.dispatch(ev.progress('s', 10, 'msg'));
    const ref = createRef<HTMLDivElement>();
    render(
      <>
        <span id="caption">Import</span>
        <ProgressBar
          stream={handleOf(store)}
          ref={ref}
          aria-labelledby="caption"
          getValueText={(p) => `${p.percentage} percent`}
          data-state="custom"
          style={{ color: 'red' }}
        />
      </>,
    );
    const bar = screen.getByRole('progressbar', { name: 'Import' });
    expect(bar).toBe(ref.current);
    expect(bar.hasAttribute('aria-label')).toBe(false);
    expect(bar.getAttribute('aria-valuetext')).toBe('10 percent');
    expect(bar.getAttribute('data-state')).toBe('custom');
    expect(bar.style.color).toBe('red');
    expect(bar.style.getPropertyValue('--progress')).toBe('0.1');
    cleanup();
    render(<ProgressBar stream={handleOf(store)} aria-label="Upload" />);
    expect(screen.getByRole('progressbar', { name: 'Upload' })).toBeTruthy();
  });

  it('does not re-render on tokens', () => {
    const store = createAgentStore({ throttleMs: 0 });
    const seen = vi.fn(() => null);
    render(<ProgressBar stream={handleOf(store)}>{seen}</ProgressBar>);
    const renders = seen.mock.calls.length;
    act(() => {
      for (let i = 0; i < 20; i++) store.dispatch(ev.token('x'));
    });
    expect(seen).toHaveBeenCalledTimes(renders);
  });
});
