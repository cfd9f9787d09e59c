/**
 * Discovery against an independent mDNS implementation (python3-zeroconf): what it publishes
 * appears in Syncroscope (its browse, `syncroscope peers`, the engine's peers:get), and what
 * Syncroscope advertises (`syncroscope listen`, the engine's receiver) appears to it, with
 * Syncroscope's TXT keys, until the goodbye.
 */
import { afterEach, expect, it } from 'vitest';
import type { PeerView } from '../../shared/ipc';
import {
  createDiscovery,
  defaultInstanceName,
  type Discovery,
} from '../../electron/engine/discovery';
import {
  createLocalEngineService,
  type LocalEngineService,
} from '../../electron/engine/thread/local-service';
import { waitFor } from '../../electron/engine/testing/wait-for';
import { freeUdpPort } from './harness/free-port';
import { jsonLines } from './harness/json-lines';
import type { PeerProcess } from './harness/peer-process';
import { describeWithPeers } from './harness/require-peer';
import { spawnSyncroscope } from './harness/syncroscope-cli';
import {
  browseWithZeroconf,
  publishWithZeroconf,
  waitForZeroconfEvent,
  ZEROCONF_REQUIREMENTS,
} from './zeroconf/zeroconf-peer';

const ZEROCONF_TXT = { app: 'zeroconf-test', role: 'peer' };

describeWithPeers('mDNS discovery with python3-zeroconf', ZEROCONF_REQUIREMENTS, () => {
  const processes: PeerProcess[] = [];
  let discovery: Discovery | undefined;
  let engine: LocalEngineService | undefined;
  afterEach(async () => {
    await engine?.dispose();
    await discovery?.dispose();
    await Promise.all(processes.splice(0).map((p) => p.stop({ signal: 'SIGKILL' })));
    engine = discovery = undefined;
  });
  const track = <P extends PeerProcess>(p: P): P => (processes.push(p), p);

  it("lists a service zeroconf publishes, with its TXT keys, and drops it at zeroconf's goodbye", async () => {
    const port = await freeUdpPort();
    const name = `Zeroconf Peer (${port})`;
    let peers: PeerView[] = [];
    discovery = createDiscovery();
    const browse = discovery.browse((list) => (peers = list));
    const zc = track(await publishWithZeroconf(name, port, ZEROCONF_TXT));
    const find = () => peers.find((p) => p.name === name);
    await waitFor(() => find() !== undefined, {
      timeoutMs: 8000,
      what: `"${name}" in the browse`,
      details: () => JSON.stringify(peers.map((p) => p.name)),
    });
    expect(find()).toMatchObject({
      host: 'zeroconf-peer.local',
      addresses: ['127.0.0.1'],
      address: '127.0.0.1',
      port,
      txt: { app: 'zeroconf-test', role: 'peer', clock: null },
      isSyncroscope: false,
      answersClockSync: false,
      isSelf: false,
    });
    expect(browse.peers()).toEqual(peers);

    await zc.stop({ signal: 'SIGTERM' });
    expect(zc.lines.some((l) => l.text === 'UNPUBLISHED')).toBe(true);
    await waitFor(() => find() === undefined, { timeoutMs: 5000, what: `"${name}" to go` });
  });

  it('`syncroscope peers --json --seconds 3` prints the zeroconf service', async () => {
    const port = await freeUdpPort();
    const name = `Zeroconf Peer (${port})`;
    track(await publishWithZeroconf(name, port, ZEROCONF_TXT));
    const cli = track(spawnSyncroscope('peers', ['peers', '--json', '--seconds', '3']));
    expect(await cli.exited).toEqual({ code: 0, signal: null });
    const found = jsonLines(cli).find((l) => l.value.name === name);
    expect(found?.value, cli.describe()).toMatchObject({
      address: '127.0.0.1',
      port,
      app: 'zeroconf-test',
      role: 'peer',
      answers_clock_sync: false,
      is_syncroscope: false,
    });
  });

  it("zeroconf sees `syncroscope listen --port P` with Syncroscope's TXT keys, and its goodbye on Ctrl-C", async () => {
    const port = await freeUdpPort();
    const name = defaultInstanceName(port);
    const browser = track(await browseWithZeroconf());
    const listen = track(spawnSyncroscope('listen', ['listen', '--port', String(port)]));
    const added = await waitForZeroconfEvent(browser, name, 'Added', 10_000);
    expect(added).toMatchObject({
      port,
      txt: { app: 'syncroscope', v: '1', role: 'listen', clock: '1' }, // listen answers clock pings
    });
    await listen.stop({ signal: 'SIGINT', graceMs: 5000 });
    expect(await listen.exited).toEqual({ code: 0, signal: null });
    await waitForZeroconfEvent(browser, name, 'Removed', 5000);
  });

  it('the engine as the hosts run it advertises its receiver and lists what zeroconf publishes', async () => {
    const [port, zcPort] = [await freeUdpPort(), await freeUdpPort()];
    const zcName = `Zeroconf Peer (${zcPort})`;
    const browser = track(await browseWithZeroconf());
    const zc = track(await publishWithZeroconf(zcName, zcPort, ZEROCONF_TXT));
    engine = createLocalEngineService({ discovery: true });
    const started = await engine.invoke('receiver:start', { port });
    expect(started.ok).toBe(true);

    const added = await waitForZeroconfEvent(browser, defaultInstanceName(port), 'Added', 10_000);
    expect(added).toMatchObject({ port, txt: { app: 'syncroscope', role: 'app', clock: '1' } });

    const peersNow = async () => {
      const r = await engine!.invoke('peers:get', {});
      return r.ok ? r.value : null;
    };
    let snapshot = await peersNow();
    const end = Date.now() + 8000;
    while (!snapshot?.peers.some((p) => p.name === zcName) && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 50));
      snapshot = await peersNow();
    }
    expect(snapshot).toMatchObject({
      isAvailable: true,
      isAdvertisingEnabled: true,
      isAdvertising: true,
      advertisedName: defaultInstanceName(port),
      problem: null,
    });
    expect(snapshot?.peers.find((p) => p.name === zcName)).toMatchObject({ port: zcPort });
    expect(snapshot?.peers.find((p) => p.name === defaultInstanceName(port))).toMatchObject({
      isSelf: true,
      isSyncroscope: true,
      answersClockSync: true, // the engine's receiver answers clock-sync pings
      address: '127.0.0.1',
    });

    await engine.invoke('receiver:stop', {});
    await waitForZeroconfEvent(browser, defaultInstanceName(port), 'Removed', 5000);
    await zc.stop();
  });
});
