import { describe, expect, it } from 'vitest';
import { decodePacket, encodeMessage, type OscArg, type OscMessage } from '../osc';
import { argFromJson, argToJson, jsonArgSchema, jsonArgsSchema, type JsonArg } from './args-json';

/** [JSON form, codec form]: each row drives both directions. */
const table: Array<[string, JsonArg, OscArg]> = [
  ['int32', { type: 'i', value: -7 }, { type: 'i', value: -7 }],
  ['float', { type: 'f', value: 0.5 }, { type: 'f', value: 0.5 }],
  ['double', { type: 'd', value: 1e-300 }, { type: 'd', value: 1e-300 }],
  ['string', { type: 's', value: 'tick ♩' }, { type: 's', value: 'tick ♩' }],
  ['symbol', { type: 'S', value: 'sym' }, { type: 'S', value: 'sym' }],
  ['char', { type: 'c', value: 'x' }, { type: 'c', value: 'x' }],
  ['rgba', { type: 'r', value: 0xff00ff80 }, { type: 'r', value: 0xff00ff80 }],
  [
    'int64 beyond 2^53 stays exact',
    { type: 'h', value: '-9007199254740993' },
    { type: 'h', value: -9007199254740993n },
  ],
  [
    'timetag as NTP hex stays exact',
    { type: 't', value: 'e6b1a2c3.00000001' },
    { type: 't', value: 0xe6b1a2c3_00000001n },
  ],
  ['blob as hex', { type: 'b', value: '00ff10' }, { type: 'b', value: Uint8Array.of(0, 255, 16) }],
  [
    'midi',
    { type: 'm', value: [0, 144, 60, 100] },
    { type: 'm', value: Uint8Array.of(0, 144, 60, 100) },
  ],
  ['true', { type: 'T' }, { type: 'T' }],
  ['nil', { type: 'N' }, { type: 'N' }],
  [
    'array',
    {
      type: 'array',
      value: [
        { type: 'i', value: 1 },
        { type: 'array', value: [{ type: 'F' }] },
      ],
    },
    {
      type: 'array',
      value: [
        { type: 'i', value: 1 },
        { type: 'array', value: [{ type: 'F' }] },
      ],
    },
  ],
];

describe('OSC arguments as JSON', () => {
  it.each(table)('%s converts to the codec form and back unchanged', (_name, json, osc) => {
    expect(jsonArgSchema.parse(json)).toEqual(json);
    expect(argFromJson(json)).toEqual(osc);
    expect(argToJson(osc)).toEqual(json);
  });

  it('survives JSON.stringify and encodes to the same bytes as the codec form', () => {
    const json = JSON.parse(JSON.stringify(table.map((row) => row[1]))) as unknown;
    const args = jsonArgsSchema.parse(json).map(argFromJson);
    const bytes = encodeMessage('/all', args);
    expect((decodePacket(bytes) as OscMessage).args).toEqual(table.map((row) => row[2]));
  });

  it.each([
    ['an int outside int32', { type: 'i', value: 2 ** 31 }],
    ['a fractional int', { type: 'i', value: 1.5 }],
    ['an int64 outside its range', { type: 'h', value: '9223372036854775808' }],
    ['an int64 as a number', { type: 'h', value: 5 }],
    ['a timetag that is not NTP hex', { type: 't', value: '1.5' }],
    ['a blob with an odd number of hex digits', { type: 'b', value: 'abc' }],
    ['a MIDI byte above 255', { type: 'm', value: [0, 256, 0, 0] }],
    ['a char of two characters', { type: 'c', value: 'ab' }],
    ['an unknown type', { type: 'q', value: 1 }],
    ['an extra field', { type: 'T', value: true }],
  ])('rejects %s', (_name, bad) => {
    expect(jsonArgSchema.safeParse(bad).success).toBe(false);
  });

  it('rejects arrays nested deeper than the codec allows, without recursing without bound', () => {
    let deep: unknown = { type: 'T' };
    for (let i = 0; i < 40; i++) deep = { type: 'array', value: [deep] };
    expect(jsonArgSchema.safeParse(deep).success).toBe(false);
  });
});
