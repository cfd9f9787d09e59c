/**
 * Polls `isDone` every `pollMs` until it holds or `timeoutMs` passes; rejects with `what` and
 * `details()` then. For real-socket tests and benches: it waits for behaviour, it never asserts
 * timing.
 */
export async function waitFor(
  isDone: () => boolean,
  options: { timeoutMs?: number; pollMs?: number; what?: string; details?: () => string } = {},
): Promise<void> {
  const end = Date.now() + (options.timeoutMs ?? 5000);
  while (!isDone()) {
    if (Date.now() >= end) {
      const details = options.details ? `: ${options.details()}` : '';
      throw new Error(`timed out waiting for ${options.what ?? 'a condition'}${details}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 10));
  }
}
