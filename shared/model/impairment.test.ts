import { describe, expect, it } from 'vitest';
import { impairmentSchema, NO_IMPAIRMENT } from './impairment';

describe('impairment settings', () => {
  it('accept no impairment at all', () => {
    expect(impairmentSchema.parse(NO_IMPAIRMENT)).toEqual(NO_IMPAIRMENT);
  });

  it('reject impossible settings with a readable reason naming the field', () => {
    const r = impairmentSchema.safeParse({ ...NO_IMPAIRMENT, loss: 5, delayMs: -1 });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path, i.message])).toEqual([
      [['delayMs'], 'the delay must be between 0 and 10000 ms'],
      [['loss'], 'the loss must be a fraction from 0 to 1 (0.01 = 1 %)'],
    ]);
  });
});
