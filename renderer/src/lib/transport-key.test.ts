// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { isTransportKey } from './transport-key';

function spaceAt(html: string, init: KeyboardEventInit = {}): boolean {
  document.body.innerHTML = html;
  const target = (document.body.firstElementChild as HTMLElement | null) ?? document.body;
  let result = false;
  target.addEventListener('keydown', (e) => (result = isTransportKey(e)), { once: true });
  target.dispatchEvent(
    new KeyboardEvent('keydown', { key: ' ', code: 'Space', bubbles: true, ...init }),
  );
  return result;
}

describe('the space bar', () => {
  it('drives the transport from the page and from sliders', () => {
    expect(spaceAt('')).toBe(true);
    expect(spaceAt('<div tabindex="0">panel</div>')).toBe(true);
    expect(spaceAt('<input type="range">')).toBe(true);
  });

  it.each([
    ['a text field', '<input type="text">'],
    ['a search field', '<input type="search">'],
    ['a number field', '<input type="number">'],
    ['a text area', '<textarea></textarea>'],
    ['a select', '<select><option>a</option></select>'],
    ['editable text', '<div contenteditable="true">x</div>'],
    ['a button (space presses it)', '<button>Send</button>'],
    ['a checkbox (space ticks it)', '<input type="checkbox">'],
    ['a radio button', '<input type="radio">'],
  ])('is left alone in %s', (_what, html) => {
    expect(spaceAt(html)).toBe(false);
  });

  it('ignores auto-repeat and modified presses', () => {
    expect(spaceAt('', { repeat: true })).toBe(false);
    expect(spaceAt('', { ctrlKey: true })).toBe(false);
    expect(spaceAt('', { shiftKey: true })).toBe(false);
  });

  it('ignores other keys', () => {
    expect(spaceAt('', { key: 'Enter', code: 'Enter' })).toBe(false);
  });
});
