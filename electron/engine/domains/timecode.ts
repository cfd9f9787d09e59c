/**
 * The `timecode:*` domain: the SMPTE master and client of electron/engine/timecode on the engine.
 * The master sends through timecode-targets.ts and logs every `/cue/*` and `/trigger/*` the
 * receiver hears (router); the client chases `/sync/timecode` from the same receiver socket and
 * sends cues to `cueTarget`. Role 'pair' runs both, the master's frames going to the engine's
 * own receiver and the client's cues too. Frames go out on `stream:timecode-frames`, the
 * client's per-frame errors on `stream:timecode-errors`, the master's cue log on `stream:cue-log`.
 */
import { argFromJson, type TimecodeSnapshot } from '../../../shared/ipc';
import {
  defaultTimecodeSettings,
  type TimecodeSettings,
} from '../../../shared/ipc/domains/timecode';
import { ntpToHex, ntpToUnixMs } from '../../../shared/osc/timetag';
import {
  CUE_ADDRESS_PATTERNS,
  TIMECODE_ADDRESS,
  TimecodeError,
  parseFrame,
  wrapFrame,
} from '../../../shared/timecode';
import {
  createTimecodeClient,
  createTimecodeMaster,
  describeCue,
  type ClientReceived,
  type MasterSettings,
} from '../timecode';
import { createSerialQueue, invalid, type DomainHandlers, type EngineContext } from './context';
import { createTimecodeTargets, type TimecodeTargetsDeps } from './timecode-targets';
import {
  applyTimecodePatch,
  clientCuesOf,
  hasClient,
  hasMaster,
  startFrameOf,
  timebaseOf,
} from './timecode-settings';

/** The timecode domain. */
export interface TimecodeDomain {
  handlers: DomainHandlers<
    | 'timecode:get'
    | 'timecode:update'
    | 'timecode:start'
    | 'timecode:stop'
    | 'timecode:pause'
    | 'timecode:locate'
    | 'timecode:cue'
  >;
  dispose(): Promise<void>;
}

/** Creates the domain: role off, the default settings. */
export function createTimecodeDomain(
  ctx: EngineContext,
  deps: Omit<TimecodeTargetsDeps, 'onChange'>,
): TimecodeDomain {
  const { clock, scheduler, sink, log, router } = ctx;
  const serial = createSerialQueue();
  let settings = defaultTimecodeSettings();
  let cuesReceived = 0;
  let lastReceived: ClientReceived | null = null;
  const cueErrors = new Map<string, string>();
  let offMasterRoute: (() => void) | null = null;
  let offClientRoute: (() => void) | null = null;

  const changed = (): void => sink.state('timecode:changed', snapshot);
  const targets = createTimecodeTargets(ctx, { ...deps, onChange: changed });

  const masterSettings = (s: TimecodeSettings): Omit<MasterSettings, 'targets'> => ({
    timebase: timebaseOf(s),
    sendMode: s.sendMode,
    forwardMs: s.forwardMs,
    wireFormat: s.wireFormat,
    dropFrameSeparator: s.dropFrameSeparator,
    startFrame: startFrameOf(s),
  });

  const master = createTimecodeMaster(
    {
      clock,
      scheduler,
      send: (bytes, host, port) => targets.send(bytes, host, port),
      onFrame: (f) => {
        const playNtp = f.timetag ?? f.instantNtp;
        const frame = wrapFrame(master.settings.timebase, f.frame);
        sink.stream('stream:timecode-frames', () => ({
          playNtp: ntpToHex(playNtp),
          playMs: ntpToUnixMs(playNtp),
          role: 'master',
          frame,
          label: f.label,
          state: 'locked',
        }));
        if (targets.isPairStale()) void serial(syncTargets);
        changed();
      },
      onError: (error, target) => {
        const message = error instanceof Error ? error.message : String(error);
        if (target) targets.onSendFailed(target, message);
        else log('error', `timecode master: ${message}`);
        changed();
      },
    },
    { ...masterSettings(settings), targets: [] },
  );

  const cueTarget = (): { host: string; port: number } | null => {
    if (settings.role !== 'pair') return settings.cueTarget;
    const port = deps.receiverPort();
    return port === null ? null : { host: '127.0.0.1', port };
  };
  const setCueError = (message: string | null): void => {
    if ((cueErrors.get('cueTarget') ?? null) === message) return;
    if (message === null) cueErrors.delete('cueTarget');
    else cueErrors.set('cueTarget', message);
    changed();
  };

  let lastBadLabelLogMs = -Infinity;
  const client = createTimecodeClient(
    {
      clock,
      scheduler,
      send: async (bytes) => {
        const to = cueTarget();
        if (to === null) {
          setCueError('the receiver is not listening, so the master cannot hear cues: start it');
          return;
        }
        try {
          await deps.send(bytes, to.host, to.port);
          setCueError(null);
        } catch (error) {
          setCueError(error instanceof Error ? error.message : String(error));
          throw error;
        }
      },
      onReceived: (r) => {
        lastReceived = r;
        sink.stream('stream:timecode-errors', () => ({
          atMs: ntpToUnixMs(r.instantNtp),
          label: r.text,
          errorFrames: r.errorFrames,
          errorMs: r.errorMs,
          state: r.state,
        }));
        changed();
      },
      onFrame: (f) =>
        sink.stream('stream:timecode-frames', () => ({
          playNtp: ntpToHex(f.instantNtp),
          playMs: ntpToUnixMs(f.instantNtp),
          role: 'client',
          frame: f.frame,
          label: f.label,
          state: f.state,
        })),
      onState: (state) => {
        log('info', `timecode client: ${state}`);
        changed();
      },
      onCue: (c) => log('info', `timecode client sent ${c.address} at ${c.label ?? 'no label'}`),
      onError: (error) => {
        // Bad labels come at the frame rate: one line a second is enough to see them.
        if (clock.nowMs() - lastBadLabelLogMs < 1000) return;
        lastBadLabelLogMs = clock.nowMs();
        log('warn', `timecode client: ${error instanceof Error ? error.message : String(error)}`);
      },
    },
    { timebase: timebaseOf(settings), dropFrameSeparator: false, cueList: [] },
  );

  const snapshot = (): TimecodeSnapshot => {
    const nowMs = clock.nowMs();
    const m = master.counters();
    const c = client.counters();
    const last = master.lastFrame;
    const estimate = client.stateAt(nowMs) === 'stopped' ? null : client.estimateAt(clock.nowNtp());
    return {
      settings,
      master: {
        state: master.state,
        frame: last === null ? null : wrapFrame(master.settings.timebase, last.frame),
        label: last?.label ?? null,
        framesSent: m.framesSent,
        sendErrors: m.sendErrors,
        skippedFrames: m.skippedFrames,
        cuesReceived,
      },
      client: {
        state: client.stateAt(nowMs),
        frame: estimate?.frame ?? null,
        label: estimate?.label ?? null,
        framesReceived: c.framesReceived,
        badLabels: c.badLabels,
        lastErrorFrames: lastReceived?.errorFrames ?? null,
        lastErrorMs: lastReceived?.errorMs ?? null,
        source: lastReceived?.source ?? null,
        cuesSent: c.cuesSent,
      },
      targetErrors: { ...targets.errors(), ...Object.fromEntries(cueErrors) },
    };
  };

  const syncTargets = async (): Promise<void> => {
    master.update({ targets: await targets.sync(settings) });
    changed();
  };

  /** Registers or removes the routes the role needs on the engine's receiver. */
  const routeRole = (): void => {
    if (hasMaster(settings) && offMasterRoute === null) {
      offMasterRoute = router.add(CUE_ADDRESS_PATTERNS, {
        onArrival: (m) => {
          cuesReceived++;
          const tb = master.settings.timebase;
          const record = describeCue(m, tb, master.positionAt, settings.dropFrameSeparator);
          sink.stream('stream:cue-log', () => record);
          changed();
        },
      });
    } else if (!hasMaster(settings) && offMasterRoute !== null) {
      offMasterRoute();
      offMasterRoute = null;
      master.stop();
    }
    if (hasClient(settings) && offClientRoute === null) {
      offClientRoute = router.add(TIMECODE_ADDRESS, {
        onArrival: (m) =>
          void client.receive(
            m.message,
            m.timetag,
            m.arrivalMs,
            `${m.from.address}:${m.from.port}`,
          ),
      });
    } else if (!hasClient(settings) && offClientRoute !== null) {
      offClientRoute();
      offClientRoute = null;
      client.reset();
      lastReceived = null;
    }
  };

  const update = async (patch: Partial<TimecodeSettings>): Promise<TimecodeSnapshot> => {
    const before = settings;
    const next = applyTimecodePatch(settings, patch);
    settings = next;
    const isRebased = next.rate !== before.rate || next.dropFrame !== before.dropFrame;
    const { startFrame, ...rest } = masterSettings(next);
    master.update(
      isRebased || next.startLabel !== before.startLabel ? { ...rest, startFrame } : rest,
    );
    client.update({
      timebase: rest.timebase,
      dropFrameSeparator: next.dropFrameSeparator,
      cueList: clientCuesOf(next),
    });
    if (isRebased) lastReceived = null;
    routeRole();
    await syncTargets();
    return snapshot();
  };

  const needMaster = (verb: string): void => {
    if (hasMaster(settings)) return;
    throw invalid([
      {
        field: ['role'],
        message: `${verb} needs the role master or pair (the role is ${settings.role})`,
      },
    ]);
  };

  const transport = (verb: string, run: () => void | Promise<void>) =>
    serial(async () => {
      needMaster(verb);
      await run();
      changed();
      return snapshot();
    });

  return {
    handlers: {
      'timecode:get': async () => snapshot(),
      'timecode:update': (patch) => serial(() => update(patch)),
      'timecode:start': () =>
        transport('start', async () => {
          if (targets.isPairStale()) await syncTargets();
          master.start();
          const { rate, dropFrame, sendMode, forwardMs } = settings;
          const mode = sendMode === 'forward' ? `forward, F = ${forwardMs} ms` : 'plain';
          log('info', `timecode master started: ${rate}${dropFrame ? ' DF' : ''} fps, ${mode}`);
        }),
      'timecode:stop': () =>
        serial(async () => {
          master.stop();
          changed();
          return snapshot();
        }),
      'timecode:pause': () => transport('pause', () => master.pause()),
      'timecode:locate': ({ label }) =>
        transport('locate', () => {
          try {
            master.locate(parseFrame(master.settings.timebase, label));
          } catch (error) {
            if (!(error instanceof TimecodeError)) throw error;
            throw invalid([{ field: ['label'], message: error.message }]);
          }
        }),
      'timecode:cue': ({ address, args, withTimecode }) =>
        serial(async () => {
          if (!hasClient(settings)) {
            throw invalid([
              {
                field: ['role'],
                message: `a cue needs the role client or pair (the role is ${settings.role})`,
              },
            ]);
          }
          const sent = client.sendCue(address, args.map(argFromJson), withTimecode);
          changed();
          return {
            label: sent.label,
            timetag: sent.timetag === null ? null : ntpToHex(sent.timetag),
          };
        }),
    },
    async dispose() {
      await serial(async () => {
        master.dispose();
        client.dispose();
        offMasterRoute?.();
        offClientRoute?.();
        await targets.dispose();
      });
    },
  };
}
