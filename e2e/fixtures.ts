/**
 * Fixtures for the web-host scenarios: a host process on free ports, a UDP sink/peer, and every
 * console error and page error the page produced (a test decides what it tolerates).
 */
import { test as base } from '@playwright/test';
import { createUdpSink, freeTcpPort, type UdpSink } from './udp';
import { createWebHostProcess, type WebHostProcess } from './web-host-process';

interface Fixtures {
  host: WebHostProcess;
  udp: UdpSink;
  consoleErrors: string[];
}

/** `test` with the fixtures above. */
export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
  host: async ({}, use, testInfo) => {
    const host = createWebHostProcess(await freeTcpPort());
    await host.start();
    await use(host);
    await host.stop();
    await testInfo.attach('web-host.log', { body: host.output(), contentType: 'text/plain' });
  },
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
  udp: async ({}, use) => {
    const sink = await createUdpSink();
    await use(sink);
    await sink.close();
  },
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await use(errors);
  },
});

export { expect } from '@playwright/test';
