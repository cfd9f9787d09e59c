/**
 * Channel-name rules without zod, for the sandboxed preload (it cannot load packages): it refuses
 * anything that is not shaped like a contract channel before it reaches ipcRenderer.
 */

/** `domain:verb` and not a pushed channel. */
export function isCommandChannel(name: unknown): name is string {
  return (
    typeof name === 'string' &&
    /^[a-z][a-z0-9-]*:[a-z][a-z0-9-]*$/.test(name) &&
    !isEventChannel(name)
  );
}

/** `domain:changed` or `stream:<name>`. */
export function isEventChannel(name: unknown): name is string {
  return (
    typeof name === 'string' &&
    (/^[a-z][a-z0-9-]*:changed$/.test(name) || /^stream:[a-z][a-z0-9-]*$/.test(name))
  );
}

/**
 * The command that reads a pushed state's current value: `domain:changed` -> `domain:get`. The
 * contract table names it explicitly; contract.test.ts checks the two agree, so zod-free code
 * (the renderer's bridge) can use this without loading the table.
 */
export function stateGetter<S extends `${string}:changed`>(
  name: S,
): S extends `${infer D}:changed` ? `${D}:get` : never {
  return name.replace(/:changed$/, ':get') as never;
}

/** The WebSocket path on the web host. */
export const WS_PATH = '/ws';
