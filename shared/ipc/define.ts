/**
 * The building blocks of the contract table. Naming is part of the type: commands `domain:verb`,
 * pushed state `domain:changed` (each with the command that reads its current value), streams
 * `stream:<name>` whose frames are batches coalesced to display rate.
 */
import type { z } from 'zod';

/** A request/response command. */
export interface CommandSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly request: Req;
  readonly response: Res;
}

/** Pushed state: the latest value wins; `get` names the command that returns it on demand. */
export interface StateSpec<V extends z.ZodType = z.ZodType, G extends string = string> {
  readonly value: V;
  readonly get: G;
}

/** A high-rate stream: items batched per display frame, at most `maxPerFrame` (the rest counted). */
export interface StreamSpec<I extends z.ZodType = z.ZodType> {
  readonly item: I;
  readonly maxPerFrame: number;
  /** Items carry `playMs` (their exact play time) and are flushed early when it is near. */
  readonly isTimed: boolean;
}

/** A command entry. */
export function command<Req extends z.ZodType, Res extends z.ZodType>(
  request: Req,
  response: Res,
): CommandSpec<Req, Res> {
  return { request, response };
}

/** A state entry. */
export function state<V extends z.ZodType, G extends string>(value: V, get: G): StateSpec<V, G> {
  return { value, get };
}

/** A stream entry. */
export function stream<I extends z.ZodType>(
  item: I,
  options: { maxPerFrame: number },
): StreamSpec<I> {
  return { item, maxPerFrame: options.maxPerFrame, isTimed: false };
}

/** A stream of events with exact play times (ticks): delivered ahead of time, never "play now". */
export function timedStream<I extends z.ZodType<{ playNtp: string; playMs: number }>>(
  item: I,
  options: { maxPerFrame: number },
): StreamSpec<I> {
  return { item, maxPerFrame: options.maxPerFrame, isTimed: true };
}

/** Checks the table's names and state getters at compile time; returns it unchanged. */
export function defineContract<
  const Commands extends Record<`${string}:${string}`, CommandSpec>,
  const States extends Record<`${string}:changed`, StateSpec<z.ZodType, keyof Commands & string>>,
  const Streams extends Record<`stream:${string}`, StreamSpec>,
>(contract: { commands: Commands; states: States; streams: Streams }) {
  return contract;
}
