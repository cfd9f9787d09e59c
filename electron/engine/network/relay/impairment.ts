import { z } from 'zod';
import { createRandom, type Random } from '../../../../shared/stats/random';

/** How a relay mistreats packets, like a busy Wi-Fi network. All fields can change live. */
export const impairmentSchema = z.object({
  /** Mean one-way delay added to every packet. */
  delayMs: z.number().min(0, 'delay cannot be negative').max(10_000, 'delay is at most 10 s'),
  /** Spread of the delay (sd for normal, half-width for uniform). */
  jitterMs: z.number().min(0, 'jitter cannot be negative').max(5_000, 'jitter is at most 5 s'),
  jitterDistribution: z.enum(['normal', 'uniform']),
  /** Probability a packet is lost, 0..1. */
  loss: z.number().min(0).max(1, 'loss is a fraction from 0 to 1 (0.01 = 1 %)'),
  /** Probability a packet is held back behind the next ones, 0..1. */
  reorder: z.number().min(0).max(1),
  /** Probability a packet is delivered twice, 0..1. */
  duplicate: z.number().min(0).max(1),
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

/** What happens to one packet: the delays of its deliveries (none = lost). */
export interface Verdict {
  delaysMs: number[];
  isReordered: boolean;
}

/** Decides each packet's fate from the settings and a seeded generator. Pure apart from the PRNG. */
export interface ImpairmentModel {
  decide(): Verdict;
  settings: Impairment;
}

/** Creates the model; the same seed and settings give the same verdicts. */
export function createImpairmentModel(settings: Impairment, seed?: number): ImpairmentModel {
  const rng: Random = createRandom(seed);
  const model: ImpairmentModel = {
    settings,
    decide() {
      const s = model.settings;
      if (s.loss > 0 && rng.next() < s.loss) return { delaysMs: [], isReordered: false };
      const one = (): number => {
        const spread = s.jitterDistribution === 'normal' ? rng.normal() : rng.next() * 2 - 1;
        return Math.max(0, s.delayMs + s.jitterMs * spread);
      };
      let first = one();
      // Held back by a few packet spacings' worth: enough to land behind its successors.
      const isReordered = s.reorder > 0 && rng.next() < s.reorder;
      if (isReordered) first += Math.max(10, 3 * s.jitterMs);
      const delaysMs = [first];
      if (s.duplicate > 0 && rng.next() < s.duplicate) delaysMs.push(one());
      return { delaysMs, isReordered };
    },
  };
  return model;
}
