/**
 * The space bar starts and stops the metronome, as in every audio program, except where space
 * already means something: typing in a field, or pressing a focused button, checkbox or link.
 */
import { useEffect } from 'react';

const TEXT_INPUTS = new Set([
  'text',
  'search',
  'email',
  'url',
  'tel',
  'password',
  'number',
  'date',
  'time',
  'datetime-local',
  'month',
  'week',
]);

/** True when space at this element has a meaning of its own. */
function ownsSpace(el: Element | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable) return true;
  if (el instanceof HTMLInputElement) {
    return (
      TEXT_INPUTS.has(el.type) ||
      el.type === 'checkbox' ||
      el.type === 'radio' ||
      el.type === 'button' ||
      el.type === 'submit'
    );
  }
  return (
    el instanceof HTMLTextAreaElement ||
    el instanceof HTMLSelectElement ||
    el instanceof HTMLButtonElement ||
    el instanceof HTMLAnchorElement ||
    el.tagName === 'SUMMARY' ||
    el.getAttribute('role') === 'button' ||
    el.getAttribute('role') === 'textbox'
  );
}

/** True when this key press should toggle the transport. */
export function isTransportKey(event: KeyboardEvent): boolean {
  if (event.key !== ' ' && event.code !== 'Space') return false;
  if (event.repeat || event.defaultPrevented) return false;
  if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return false;
  return !ownsSpace(event.target instanceof Element ? event.target : null);
}

/** Calls `toggle` when the space bar is pressed outside fields (see the file comment). */
export function useTransportKey(toggle: () => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (!isTransportKey(event)) return;
      event.preventDefault(); // no page scroll
      toggle();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [toggle]);
}
