/**
 * User-level scenarios against the web host in Chromium: real host process, real UDP, real peers.
 */
import { argsFromValues, decodePacket, encodeBundle } from '../shared/osc';
import { ntpAddMs, ntpFromUnixMs } from '../shared/osc/timetag';
import { expect, test } from './fixtures';
import { freeUdpPort, hasOscsend, oscsend } from './udp';

const shot = (name: string) => ({ path: test.info().outputPath(`${name}.png`), fullPage: true });

test('the page loads, connects, is cross-origin isolated, and logs no console errors', async ({
  page,
  host,
  consoleErrors,
}) => {
  await page.goto(host.url);
  await expect(page.getByTestId('connection')).toHaveText('open');
  // The receiver starts on the saved port (the Python role's 8000) at launch; where another
  // program holds 8000, the transport says so and offers the fix.
  await expect
    .poll(async () => {
      const status = await page.getByTestId('receiver-status').textContent();
      const notice = page.getByTestId('receiver-notice');
      return (await notice.isVisible()) ? await notice.textContent() : status;
    })
    .toMatch(/^listening on 127\.0\.0\.1:8000$|already in use.*Listen on a free port/);
  // COOP/COEP took effect: performance.now() gets its fine resolution.
  expect(
    await page.evaluate(
      () => (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated,
    ),
  ).toBe(true);
  await page.screenshot(shot('loaded'));
  expect(consoleErrors).toEqual([]);
});

test('a command from the page reaches the engine and a real UDP packet leaves', async ({
  page,
  host,
  udp,
  consoleErrors,
}) => {
  await page.goto(host.url);
  await expect(page.getByTestId('connection')).toHaveText('open');
  await page.getByTestId('send-port').fill(String(udp.port));
  await page.getByTestId('send-address').fill('/py');
  await page.getByTestId('send-arg').fill('tick');
  await page.getByTestId('send-button').click();
  const packet = await udp.next();
  // What the seeds' python-osc server expects: one plain message, one string argument.
  expect(decodePacket(packet)).toEqual({
    kind: 'message',
    address: '/py',
    args: [{ type: 's', value: 'tick' }],
  });
  await expect(page.getByTestId('send-result')).toHaveText(`sent ${packet.length} bytes`);
  await expect(page.getByTestId('counter-sent')).toHaveText('1');
  await page.screenshot(shot('sent'));
  expect(consoleErrors).toEqual([]);
});

test('packets from oscsend and from a timetagging peer show up in the page', async ({
  page,
  host,
  udp,
  consoleErrors,
}) => {
  const mustHaveLiblo = !hasOscsend();
  if (mustHaveLiblo && process.env.CI === 'true') {
    throw new Error('[e2e] oscsend MISSING on this CI machine: apt-get install liblo-tools');
  }
  test.skip(mustHaveLiblo, '[e2e] !!! oscsend missing (apt-get install liblo-tools)');
  const port = await freeUdpPort();
  await page.goto(host.url);
  await page.getByTestId('receiver-port').fill(String(port));
  await page.getByTestId('receiver-start').click();
  await expect(page.getByTestId('receiver-status')).toHaveText(`listening on 127.0.0.1:${port}`);

  oscsend(port, '/pd', 'si', 'tick', '3');
  const items = page.getByTestId('message-item');
  await expect(items.first()).toContainText('/pd s:"tick" i:3 · immediate · from 127.0.0.1:');

  const timetag = ntpAddMs(ntpFromUnixMs(Date.now()), 300);
  await udp.send(
    encodeBundle(timetag, [{ kind: 'message', address: '/tick', args: argsFromValues(['tick']) }]),
    port,
  );
  await expect(items.first()).toContainText(`/tick s:"tick" · future @ `);
  await expect(items.first()).toContainText(`from 127.0.0.1:${udp.port}`);
  await expect(page.getByTestId('counter-packets')).toHaveText('2');
  await page.screenshot(shot('received'));
  expect(consoleErrors).toEqual([]);
});

test('the connection drops when the host stops and recovers when it restarts', async ({
  page,
  host,
  consoleErrors,
}) => {
  await page.goto(host.url);
  await expect(page.getByTestId('connection')).toHaveText('open');
  const port = await freeUdpPort();
  await page.getByTestId('receiver-port').fill(String(port));
  await page.getByTestId('receiver-start').click();
  await expect(page.getByTestId('receiver-status')).toHaveText(/^listening/);

  await host.stop();
  // At once: the banner, the controls that cannot work disabled, the figures marked stale.
  await expect(page.getByTestId('connection-banner')).toContainText('lost', { timeout: 3000 });
  await expect(page.getByTestId('connection')).toHaveText('reconnecting');
  await expect(page.getByTestId('transport-toggle')).toBeDisabled();
  await expect(page.getByTestId('receiver-stop')).toBeDisabled();
  await expect(page.getByTestId('timing-stale')).toBeVisible();
  await page.screenshot(shot('host-down'));

  await host.start();
  await expect(page.getByTestId('connection')).toHaveText('open');
  await expect(page.getByTestId('connection-banner')).toHaveCount(0);
  // A fresh engine listens nowhere: the page starts the receiver again on the port it had.
  await expect(page.getByTestId('receiver-status')).toHaveText(`listening on 127.0.0.1:${port}`);
  await expect(page.getByTestId('transport-toggle')).toBeEnabled();
  await page.screenshot(shot('host-back'));
  // Only the browser's own reports of the refused reconnection attempts are expected here.
  expect(consoleErrors.filter((e) => !/WebSocket connection to .* failed/.test(e))).toEqual([]);
});
