/**
 * The engine thread's entry: runs the engine (UDP receive, scheduling, sending) in a worker so
 * that IPC, HTTP and the UI never delay it, and talks to the host over `parentPort`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createLocalEngineService } from './local-service';
import { currentThreadId, NOT_ASKED, requestRealtime } from './realtime';
import type { ClockSkew } from '../time/skewed-clock';
import type { FromEngineThread, ToEngineThread } from './protocol';

const port = parentPort;
if (!port) throw new Error('[engine] engine-worker must run in a worker thread');

const data = workerData as {
  discovery?: boolean;
  clockSkew?: ClockSkew | null;
  realtime?: boolean;
} | null;
// Asked for before the engine starts, so its first snapshot already says what was granted.
const priority = data?.realtime === true ? await requestRealtime() : NOT_ASKED;
const service = createLocalEngineService({
  discovery: data?.discovery === true,
  clockSkew: data?.clockSkew ?? undefined,
  priority,
});
const post = (message: FromEngineThread): void => port.postMessage(message);

service.onEvent((event) => post({ kind: 'event', event }));
port.on('message', (message: ToEngineThread) => {
  if (message.kind === 'invoke') {
    void service
      .invoke(message.command, message.payload)
      .then((result) => post({ kind: 'result', id: message.id, result }));
  } else if (message.kind === 'dispose') {
    void service.dispose().then(() => {
      post({ kind: 'disposed' });
      port.close(); // lets the thread end on its own
    });
  }
});
post({ kind: 'ready', priority, tid: currentThreadId() });
