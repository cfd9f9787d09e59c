// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CommandError } from '../bridge';
import { renderWithServices } from '../testing/render-app';
import { ComposerPanel } from './ComposerPanel';

afterEach(cleanup);

const fill = (testId: string, value: string) =>
  fireEvent.change(screen.getByTestId(testId), { target: { value } });

describe('the composer', () => {
  it('sends a typed message and says how many bytes went out', async () => {
    const { bridge } = renderWithServices(<ComposerPanel />);
    fill('send-host', '127.0.0.1');
    fill('send-port', '8000');
    fill('send-address', '/py');
    fill('send-arg', 'hello 42 0.5 s:"two words"');
    expect(screen.getByTestId('args-preview').textContent).toBe('s:"hello"i:42f:0.5s:"two words"');
    fireEvent.click(screen.getByTestId('send-button'));
    await waitFor(() =>
      expect(screen.getByTestId('send-result').textContent).toBe('sent 28 bytes'),
    );
    expect(bridge.callsOf('osc:send')).toEqual([
      {
        host: '127.0.0.1',
        port: 8000,
        address: '/py',
        args: [
          { type: 's', value: 'hello' },
          { type: 'i', value: 42 },
          { type: 'f', value: 0.5 },
          { type: 's', value: 'two words' },
        ],
      },
    ]);
  });

  it('sends a timetagged bundle when "send at +ms" is set', async () => {
    const { bridge } = renderWithServices(<ComposerPanel />);
    fill('send-at', '250');
    fireEvent.click(screen.getByTestId('send-button'));
    await waitFor(() => expect(bridge.callsOf('osc:send')).toHaveLength(1));
    expect(bridge.callsOf('osc:send')[0]).toMatchObject({ atMs: 250 });
  });

  it('puts each problem under its own field and sends nothing', () => {
    const { bridge } = renderWithServices(<ComposerPanel />);
    fill('send-port', '99999');
    fill('send-address', 'py');
    fill('send-arg', 'i:1.5');
    fireEvent.click(screen.getByTestId('send-button'));
    expect(screen.getByTestId('send-port-error').textContent).toContain('1 to 65535');
    expect(screen.getByTestId('send-address-error').textContent).toContain("start with '/'");
    expect(screen.getByTestId('send-arg-error').textContent).toContain('32-bit integer');
    expect(screen.queryByTestId('send-host-error')).toBeNull();
    expect(bridge.callsOf('osc:send')).toHaveLength(0);
    fill('send-port', '8000'); // editing a field clears its error
    expect(screen.queryByTestId('send-port-error')).toBeNull();
  });

  it('places the engine’s refusal beside the field it names, and outlines that field', async () => {
    const { bridge } = renderWithServices(<ComposerPanel />);
    bridge.handle('osc:send', () => {
      throw new CommandError('unknown-host', 'No computer is called "nowhere".', {
        field: ['host'],
      });
    });
    fireEvent.click(screen.getByTestId('send-button'));
    expect((await screen.findByTestId('send-host-error')).textContent).toContain(
      'No computer is called',
    );
    expect(screen.getByTestId('send-host').getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByTestId('send-error')).toBeNull();
  });

  it('puts each of several problems beside its own field', async () => {
    const { bridge } = renderWithServices(<ComposerPanel />);
    bridge.handle('osc:send', () => {
      throw new CommandError('invalid', 'port: too big; args.0.value: not a number', {
        field: ['port'],
        issues: [
          { field: ['port'], message: 'The port is too big.' },
          { field: ['args', 0, 'value'], message: 'That argument is not a number.' },
        ],
      });
    });
    fireEvent.click(screen.getByTestId('send-button'));
    expect((await screen.findByTestId('send-port-error')).textContent).toBe('The port is too big.');
    expect(screen.getByTestId('send-arg-error').textContent).toBe('That argument is not a number.');
    expect(screen.getByTestId('send-arg').getAttribute('aria-invalid')).toBe('true');
  });

  it('says what is wrong with the arguments while they are typed, before Send', () => {
    const { bridge } = renderWithServices(<ComposerPanel />);
    fill('send-arg', 'hello "two words');
    expect(screen.getByTestId('send-arg-error').textContent).toContain('not closed');
    expect(screen.getByTestId('send-arg').getAttribute('aria-invalid')).toBe('true');
    fill('send-arg', 'hello "two words"');
    expect(screen.queryByTestId('send-arg-error')).toBeNull();
    expect(screen.getByTestId('args-preview').textContent).toContain('s:"two words"');
    expect(bridge.callsOf('osc:send')).toHaveLength(0);
  });
});
