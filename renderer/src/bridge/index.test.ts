// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectBridge, removeTokenFromAddress, webSocketUrl } from './index';

/** Records the URLs the bridge opens WebSockets to, and never connects. */
class RecordingWebSocket {
  static urls: string[] = [];
  readyState = 0;
  onopen = null;
  onclose = null;
  onerror = null;
  onmessage = null;
  constructor(url: string) {
    RecordingWebSocket.urls.push(url);
  }
  send(): void {}
  close(): void {}
}

const setAddress = (href: string) =>
  (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(href);

afterEach(() => {
  vi.unstubAllGlobals();
  RecordingWebSocket.urls = [];
});

describe('the access token in the page address', () => {
  it('is removed from the address bar, keeping the other parameters and the fragment', () => {
    setAddress('http://192.168.1.5:5180/?token=s3cret&audio=autostart#timing');
    const before = history.length;
    removeTokenFromAddress(location, history);
    expect(location.href).toBe('http://192.168.1.5:5180/?audio=autostart#timing');
    expect(history.length).toBe(before); // replaced, not a new entry to go back to
  });

  it('leaves an address without a token as it is', () => {
    setAddress('http://127.0.0.1:5180/?audio=autostart');
    const replaceState = vi.fn();
    removeTokenFromAddress(location, { replaceState, state: null });
    expect(replaceState).not.toHaveBeenCalled();
  });

  it('is kept for the WebSocket (and its reconnects) while the address bar loses it', () => {
    setAddress('http://192.168.1.5:5180/?token=s3cret');
    vi.stubGlobal('WebSocket', RecordingWebSocket);
    const bridge = connectBridge();
    expect(location.href).toBe('http://192.168.1.5:5180/');
    expect(RecordingWebSocket.urls).toEqual(['ws://192.168.1.5:5180/ws?token=s3cret']);
    bridge.dispose();
  });

  it('puts the token in the WebSocket URL it came with', () => {
    expect(
      webSocketUrl({
        href: 'https://h:1/?token=a%2Bb',
        protocol: 'https:',
        search: '?token=a%2Bb',
      }),
    ).toBe('wss://h:1/ws?token=a%2Bb');
  });
});
