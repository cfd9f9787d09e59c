/** Runs contract commands on a web host from Node, over its WebSocket (as the page does). */
import WebSocket from 'ws';
import type { CommandInput, CommandName, CommandResponse, ServerFrame } from '../../shared/ipc';
import { WS_PATH } from '../../shared/ipc';

/** Invokes one command and resolves with its response (rejects with the host's error). */
export async function invokeOnHost<C extends CommandName>(
  port: number,
  command: C,
  request: CommandInput<C>,
): Promise<CommandResponse<C>> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}${WS_PATH}`);
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const answer = new Promise<CommandResponse<C>>((resolve, reject) => {
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data)) as ServerFrame;
        if (frame.kind !== 'result' || frame.id !== 1) return;
        if (frame.result.ok) resolve(frame.result.value as CommandResponse<C>);
        else reject(new Error(`[audio] ${command}: ${frame.result.error.message}`));
      });
    });
    ws.send(JSON.stringify({ kind: 'invoke', id: 1, command, request }));
    return await answer;
  } finally {
    ws.close();
  }
}
