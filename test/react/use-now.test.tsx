// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { renderToString } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useNow } from '../../src/react/use-now';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
  vi.setSystemTime(1_000);
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function Clock({ active, intervalMs, onRender }: { active: boolean; intervalMs?: number; onRender?: () => void }) {
  onRender?.();
  return <p data-testid="now">{useNow(active, intervalMs)}</p>;
}

describe('useNow', () => {
  it('ticks every intervalMs while active', () => {
    render(<Clock active intervalMs={100} />);
    expect(screen.getByTestId('now').textContent).toBe('1000');
    act(() => vi.advanceTimersByTime(250));
    expect(screen.getByTestId('now').textContent).toBe('1200');
  });

  it('schedules nothing, never re-renders and gives null while inactive', () => {
    const onRender = vi.fn();
    render(<Clock active={false} onRender={onRender} />);
    act(() => vi.advanceTimersByTime(5_000));
    expect(onRender).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
    expect(screen.getByTestId('now').textContent).toBe('');
  });

  it('gives null in a server render, so hydration matches whatever the clock says', () => {
    expect(renderToString(<Clock active />)).toBe('<p data-testid="now"></p>');
  });

  it('reads an injected clock', () => {
    function Injected() {
      return <p data-testid="now">{useNow(true, 100, () => 42)}</p>;
    }
    render(<Injected />);
    expect(screen.getByTestId('now').textContent).toBe('42');
  });

  it('catches up at once when activated and stops when deactivated', () => {
    const { rerender } = render(<Clock active={false} />);
    act(() => vi.advanceTimersByTime(3_000));
    rerender(<Clock active />);
    expect(screen.getByTestId('now').textContent).toBe('4000');
    act(() => vi.advanceTimersByTime(1_000));
    expect(screen.getByTestId('now').textContent).toBe('5000');
    rerender(<Clock active={false} />);
    expect(vi.getTimerCount()).toBe(0);
    expect(screen.getByTestId('now').textContent).toBe('');
  });
});
