/**
 * Repeats, at the very end of the run, which specs did NOT run and why (the Electron spec on
 * machines without an Electron binary), so a green run cannot hide them.
 */
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/** Collects `did-not-run` annotations and prints them last. */
export default class DidNotRunReporter implements Reporter {
  private readonly notRun: string[] = [];

  onTestEnd(test: TestCase, result: TestResult): void {
    for (const a of [...test.annotations, ...result.annotations]) {
      if (a.type === 'did-not-run') this.notRun.push(`${test.title}: ${a.description ?? ''}`);
    }
  }

  onEnd(): void {
    for (const line of new Set(this.notRun)) console.log(`[e2e] !!! DID NOT RUN: ${line}`);
  }

  printsToStdio(): boolean {
    return false; // the list reporter still prints the run
  }
}
