import type { CommandErrorCode, FieldPath } from '../../../shared/ipc';

/**
 * What went wrong with a socket, in words a workshop participant understands. A command that
 * fails with it answers `commandCode` and `field` (errorInfo in shared/ipc/validate.ts), the OS
 * code kept as `systemCode`.
 */
export class UdpError extends Error {
  /** The same as `code`: the name a command error gives the OS code. */
  readonly systemCode: string;
  /** The command error code: 'port-in-use', 'unknown-host', 'network', 'invalid' or 'failed'. */
  readonly commandCode: CommandErrorCode;
  /** The request field at fault (`['port']` for a port in use, `['host']` for an unknown host). */
  readonly field?: FieldPath;

  constructor(
    /** The system error code (EADDRINUSE, ENOTFOUND, ...), or 'EUNKNOWN'. */
    readonly code: string,
    /** What we were doing. */
    readonly operation: 'bind' | 'send' | 'receive',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'UdpError';
    this.systemCode = code;
    const { commandCode, field } = classifyUdpError(code, operation);
    this.commandCode = commandCode;
    if (field) this.field = field;
  }
}

/**
 * The command code and request field an OS code stands for. Fields name the request's own keys
 * (receiver:start and osc:send both have `host` and `port`).
 */
export function classifyUdpError(
  code: string,
  operation: UdpErrorContext['operation'],
): { commandCode: CommandErrorCode; field?: FieldPath } {
  const isBind = operation === 'bind';
  switch (code) {
    case 'EADDRINUSE':
      return { commandCode: 'port-in-use', field: ['port'] };
    case 'ENOTFOUND':
    case 'EAI_NONAME':
    case 'EAI_AGAIN':
      return { commandCode: 'unknown-host', field: ['host'] };
    case 'EACCES':
      return { commandCode: 'network', field: isBind ? ['port'] : ['host'] };
    case 'EADDRNOTAVAIL':
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'ECONNREFUSED':
    case 'EPERM':
      return { commandCode: 'network', field: ['host'] };
    case 'ERR_SOCKET_BAD_PORT':
      return { commandCode: 'invalid', field: ['port'] };
    case 'EINVAL':
    case 'EMSGSIZE':
      return { commandCode: 'invalid' };
    case 'ERR_SOCKET_DGRAM_NOT_RUNNING':
      return { commandCode: 'unavailable' };
    default:
      return { commandCode: 'failed' };
  }
}

/** Where the failing operation pointed: the local port for bind, the target for send. */
export interface UdpErrorContext {
  operation: 'bind' | 'send' | 'receive';
  host: string;
  port: number;
}

/** Maps a Node socket error to a {@link UdpError} whose message says what to do about it. */
export function describeUdpError(error: unknown, ctx: UdpErrorContext): UdpError {
  const code = (error as { code?: unknown })?.code;
  const c = typeof code === 'string' ? code : 'EUNKNOWN';
  const where = `${ctx.host}:${ctx.port}`;
  const text =
    messageFor(c, ctx, where) ??
    `${ctx.operation} ${where} failed: ${(error as Error)?.message ?? String(error)}`;
  return new UdpError(c, ctx.operation, text, { cause: error });
}

function messageFor(code: string, ctx: UdpErrorContext, where: string): string | undefined {
  switch (code) {
    case 'EADDRINUSE':
      return `Port ${ctx.port} is already in use by another program (another Syncroscope, Pure Data or a Python server?). Close it or choose another port.`;
    case 'EACCES':
      return ctx.operation === 'bind'
        ? `Permission denied to listen on port ${ctx.port}. Ports below 1024 need administrator rights: choose a port from 1024 to 65535.`
        : `Permission denied sending to ${where}. To send to a broadcast address, turn on broadcast.`;
    case 'EADDRNOTAVAIL':
      return `The address ${ctx.host} does not belong to this computer, so we cannot listen on it. Use 127.0.0.1, 0.0.0.0 or one of this computer's addresses.`;
    case 'ENOTFOUND':
    case 'EAI_NONAME':
      return `Unknown host "${ctx.host}": check the spelling, or use an IP address such as 127.0.0.1.`;
    case 'EAI_AGAIN':
      return `Could not look up "${ctx.host}" right now (no name server answered). Use an IP address.`;
    case 'ECONNREFUSED':
      return `Nothing is listening at ${where} (connection refused). Is the receiver running on that port?`;
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return `${where} cannot be reached from this computer (no route to that network). Check the address and that both machines are on the same network.`;
    case 'EMSGSIZE':
      return `The packet is too large for one UDP datagram to ${where}.`;
    case 'EPERM':
      return `Sending to ${where} was blocked by the system (a firewall rule?).`;
    case 'EINVAL':
      return `Invalid address or port: ${where}.`;
    case 'ERR_SOCKET_BAD_PORT':
      return `Port ${ctx.port} is not a valid UDP port: use a whole number from 1 to 65535.`;
    case 'ERR_SOCKET_DGRAM_NOT_RUNNING':
      return `The socket for ${where} is closed.`;
    default:
      return undefined;
  }
}
