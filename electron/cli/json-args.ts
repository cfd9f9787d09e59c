import { argValue, type OscArg } from '../../shared/osc';

/** An OSC argument as a JSON-safe value: int64 as a number when exact else a string, blobs as hex. */
export function jsonArg(arg: OscArg): unknown {
  if (arg.type === 'array') return arg.value.map(jsonArg);
  const v = argValue(arg);
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Uint8Array) return Buffer.from(v).toString('hex');
  if (v === Infinity) return 'Infinity';
  return v;
}
