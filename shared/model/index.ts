/** The platform-free model: metronome settings, the relay's impairment, tick wire format, beat grid. */
export * from './limits';
export * from './defaults';
export * from './field-issues';
export * from './metronome-fields';
export * from './metronome-settings';
export * from './impairment';
export * from './wire';
export * from './beat-grid';
