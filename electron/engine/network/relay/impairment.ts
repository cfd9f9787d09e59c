/**
 * The relay's impairment model: each packet's fate from the settings (shared/model/impairment.ts)
 * and a seeded generator.
 */
import type { Impairment } from '../../../../shared/model';
import { createRandom, type Random } from '../../../../shared/stats/random';

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
