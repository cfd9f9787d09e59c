/** The roles' states in words, with the tone the display colours them in. */
import type { ClientLockState, TimecodeSnapshot } from './timecode-types';

/** A state as the display shows it. */
export interface StateWords {
  text: string;
  /** A tone class: 'is-good', 'is-fair', 'is-poor' or '' (idle). */
  tone: string;
  /** One sentence on what it means (the chip's title). */
  detail: string;
}

/** The master's transport. */
export function masterWords(state: TimecodeSnapshot['master']['state']): StateWords {
  switch (state) {
    case 'running':
      return {
        text: 'master running',
        tone: 'is-good',
        detail: 'Sending one /sync/timecode per frame.',
      };
    case 'paused':
      return {
        text: 'master paused',
        tone: 'is-fair',
        detail: 'Holding its label; Start goes on from it.',
      };
    default:
      return {
        text: 'master stopped',
        tone: '',
        detail: 'Start sends frames from the start label.',
      };
  }
}

/** The client's view of the master. */
export function clientWords(state: ClientLockState): StateWords {
  switch (state) {
    case 'locked':
      return {
        text: 'client locked',
        tone: 'is-good',
        detail: 'Received frames agree with its count.',
      };
    case 'freewheel':
      return {
        text: 'client freewheel',
        tone: 'is-fair',
        detail: 'No frame for a moment: it keeps counting on its own clock.',
      };
    case 'lost':
      return {
        text: 'client lost',
        tone: 'is-poor',
        detail: 'Silence too long, or frames that disagree with its count: it waits to lock again.',
      };
    default:
      return { text: 'client stopped', tone: '', detail: 'No timecode heard yet.' };
  }
}
