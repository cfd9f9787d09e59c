// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { message } from '../testing/fixtures';
import { renderWithServices } from '../testing/render-app';
import { MessageLog } from './MessageLog';

afterEach(cleanup);

const lines = () => screen.queryAllByTestId('message-item').map((li) => li.textContent ?? '');

describe('the message log', () => {
  it('lists what arrived newest first, with timetag, lead and sender', () => {
    const h = renderWithServices(<MessageLog />);
    act(() => {
      h.bridge.pushStream('stream:messages', {
        items: [
          message({ address: '/pd', args: ['s:"tick"', 'i:3'], source: '127.0.0.1:4000' }),
          message({
            address: '/tick',
            args: ['s:"tick"'],
            classification: 'future',
            leadMs: 299.5,
            timetag: { ntpHex: 'e7a1b2c3.80000000', iso: '2026-11-20T22:55:01.500000Z', unixMs: 0 },
            source: '127.0.0.1:5000',
          }),
        ],
        dropped: 0,
      });
      h.frames.run(1000);
    });
    expect(lines()[0]).toContain(
      '/tick s:"tick" · future @ 2026-11-20T22:55:01.500000Z · e7a1b2c3.80000000 · lead 299.5 ms · from 127.0.0.1:5000',
    );
    expect(lines()[1]).toContain('/pd s:"tick" i:3 · immediate · from 127.0.0.1:4000');
  });

  it('filters, pauses and clears, and keeps only the newest messages', () => {
    const h = renderWithServices(<MessageLog />);
    const push = (n: number, address = '/py') =>
      act(() => {
        h.bridge.pushStream('stream:messages', {
          items: Array.from({ length: n }, (_, i) => message({ address, args: [`i:${i}`] })),
          dropped: 0,
        });
        h.frames.run(performance.now() + 1000);
      });
    push(150);
    push(1, '/cue/lighting');
    expect(screen.getByTestId('log-count').textContent).toContain('of 100 kept'); // the ring's capacity here
    fireEvent.change(screen.getByTestId('log-filter'), { target: { value: '/cue/*' } });
    expect(lines()).toHaveLength(1);
    fireEvent.change(screen.getByTestId('log-filter'), { target: { value: '' } });

    fireEvent.click(screen.getByTestId('log-pause'));
    push(5, '/later');
    expect(lines()[0]).toContain('/cue/lighting');
    fireEvent.click(screen.getByTestId('log-pause'));
    act(() => void h.frames.run(performance.now() + 2000));
    expect(lines()[0]).toContain('/later');

    fireEvent.click(screen.getByTestId('log-clear'));
    expect(lines()).toHaveLength(0);
  });

  it('shows the selected message in full', () => {
    const h = renderWithServices(<MessageLog />);
    act(() => {
      h.bridge.pushStream('stream:messages', {
        items: [message({ args: ['s:"hello"', 'f:0.5'] })],
        dropped: 0,
      });
      h.frames.run(1000);
    });
    fireEvent.click(screen.getAllByTestId('message-item')[0]!);
    const inspector = screen.getByTestId('inspector');
    expect(inspector.textContent).toContain('s "hello"');
    expect(inspector.textContent).toContain('f 0.5');
    expect(inspector.textContent).toContain('plain message');
  });
});
