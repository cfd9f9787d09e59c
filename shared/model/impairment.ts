/**
 * How a relay mistreats packets, like a busy Wi-Fi network: the settings, their limits and their
 * words. The relay (electron/engine/network/relay) runs them; a metronome target carries the
 * delay, jitter and loss part.
 */
import { z } from 'zod';
import { rangedNumber } from './metronome-fields';
import { IMPAIRMENT_LIMITS, JITTER_DISTRIBUTIONS } from './limits';

const { delayMs, jitterMs, loss, reorder, duplicate } = IMPAIRMENT_LIMITS;
const fraction = (what: string): string => `${what} must be a fraction from 0 to 1 (0.01 = 1 %)`;

/** The fields a metronome target's impairment has (all zero = sent directly). */
export const targetImpairmentFields = {
  /** Mean added one-way delay. */
  delayMs: rangedNumber(delayMs, `the delay must be between ${delayMs.min} and ${delayMs.max} ms`),
  /** Spread of the delay (sd for normal, half-width for uniform). */
  jitterMs: rangedNumber(
    jitterMs,
    `the jitter must be between ${jitterMs.min} and ${jitterMs.max} ms`,
  ),
  /** Probability a packet is lost. */
  loss: rangedNumber(loss, fraction('the loss')),
};

/** The relay's settings. All fields can change live. */
export const impairmentSchema = z.object({
  ...targetImpairmentFields,
  jitterDistribution: z.enum(JITTER_DISTRIBUTIONS, 'the jitter distribution is normal or uniform'),
  /** Probability a packet is held back behind the next ones. */
  reorder: rangedNumber(reorder, fraction('the reorder probability')),
  /** Probability a packet is delivered twice. */
  duplicate: rangedNumber(duplicate, fraction('the duplicate probability')),
});

/** Validated impairment settings. */
export type Impairment = z.infer<typeof impairmentSchema>;

/** No impairment at all. */
export const NO_IMPAIRMENT: Impairment = {
  delayMs: 0,
  jitterMs: 0,
  jitterDistribution: 'normal',
  loss: 0,
  reorder: 0,
  duplicate: 0,
};
