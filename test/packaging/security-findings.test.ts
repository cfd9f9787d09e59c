/**
 * The security gate's reading of an Electronegativity report (scripts/security-findings.ts): a
 * sample report as the tool writes it, and which findings fail `npm run security`.
 */
import { describe, expect, it } from 'vitest';
import {
  findMarkers,
  judge,
  markerFor,
  parseCsv,
  parseReport,
  type Finding,
} from '../../scripts/security-findings';

// As Electronegativity 1.10.3 writes it: ", "-separated header, quoted severities, doubled quotes.
const SAMPLE = [
  'issue, severity, confidence, filename, location, sample, description, url',
  'CSP_GLOBAL_CHECK,"LOW","FIRM","renderer/index.html","5:0","default-src \'self\'","One or more CSP directives detected seems to be vulnerable",https://github.com/doyensec/electronegativity/wiki/CSP_GLOBAL_CHECK',
  'OPEN_EXTERNAL_JS_CHECK,"MEDIUM","TENTATIVE","electron/main/window.ts","48:41","if (url.startsWith(""https://"")) shell.openExternal(url);","Review the use of openExternal",https://github.com/doyensec/electronegativity/wiki/OPEN_EXTERNAL_JS_CHECK',
  'CONTEXT_ISOLATION_JS_CHECK,"HIGH","FIRM","electron/main/window.ts","32:14","const win = new BrowserWindow({","Review the use of the contextIsolation option",https://github.com/doyensec/electronegativity/wiki/CONTEXT_ISOLATION_JS_CHECK',
  'CSP_GLOBAL_CHECK,"MEDIUM","CERTAIN","N/A","0:0",N/A,"No CSP has been detected in the target application",https://github.com/doyensec/electronegativity/wiki/CSP_GLOBAL_CHECK',
  '',
].join('\n');

const finding = (over: Partial<Finding>): Finding => ({
  id: 'AUXCLICK_JS_CHECK',
  severity: 'MEDIUM',
  confidence: 'FIRM',
  file: 'electron/main/window.ts',
  line: 3,
  sample: '',
  description: '',
  url: '',
  ...over,
});

describe('parseReport', () => {
  it('reads every row of a real report, quotes and doubled quotes included', () => {
    const findings = parseReport(SAMPLE);
    expect(findings.map((f) => [f.id, f.severity, f.file, f.line])).toEqual([
      ['CSP_GLOBAL_CHECK', 'LOW', 'renderer/index.html', 5],
      ['OPEN_EXTERNAL_JS_CHECK', 'MEDIUM', 'electron/main/window.ts', 48],
      ['CONTEXT_ISOLATION_JS_CHECK', 'HIGH', 'electron/main/window.ts', 32],
      ['CSP_GLOBAL_CHECK', 'MEDIUM', 'N/A', 0],
    ]);
    expect(findings[1]!.sample).toBe('if (url.startsWith("https://")) shell.openExternal(url);');
    expect(findings[3]!.description).toBe('No CSP has been detected in the target application');
  });

  it('reads a report with no findings (the header alone) as none', () => {
    expect(parseReport(SAMPLE.split('\n')[0]!)).toEqual([]);
  });

  it('refuses what is not such a report instead of passing it as clean', () => {
    expect(() => parseReport('')).toThrow(/not an Electronegativity report/);
    expect(() => parseReport('id,level\nX,1')).toThrow(/no issue, severity/);
    expect(() => parseReport(SAMPLE.replace('"HIGH"', '"SEVERE"'))).toThrow(/row 4.*SEVERE/);
    expect(() => parseCsv('a,"b\n')).toThrow(/inside a quoted field/);
  });
});

describe('judge', () => {
  const noSource = new Map<string, string>();

  it('fails on MEDIUM and HIGH, never on LOW or informational', () => {
    const v = judge(parseReport(SAMPLE), [], noSource);
    expect(v.minor.map((f) => f.severity)).toEqual(['LOW']);
    expect(v.failing.map((f) => f.severity)).toEqual(['MEDIUM', 'HIGH', 'MEDIUM']);
    const info = judge([finding({ severity: 'INFORMATIONAL' })], [], noSource);
    expect(info.failing).toEqual([]);
  });

  it('passes a finding listed in the accepted file for that check and file only', () => {
    const reason = 'the only window is ours and it loads a local file';
    const accepted = [{ id: 'CSP_GLOBAL_CHECK', file: 'N/A', reason }];
    const v = judge(parseReport(SAMPLE), accepted, noSource);
    expect(v.justified).toEqual([{ finding: expect.objectContaining({ file: 'N/A' }), reason }]);
    expect(v.failing.map((f) => f.id)).toEqual([
      'OPEN_EXTERNAL_JS_CHECK',
      'CONTEXT_ISOLATION_JS_CHECK',
    ]);
    expect(v.stale).toEqual([]);
  });

  it('fails on an accepted entry that matches no finding, so the list cannot rot', () => {
    const stale = {
      id: 'SANDBOX_JS_CHECK',
      file: 'electron/main/window.ts',
      reason: 'x'.repeat(30),
    };
    expect(judge([], [stale], noSource).stale).toEqual([
      { id: 'SANDBOX_JS_CHECK', file: 'electron/main/window.ts' },
    ]);
  });

  it('passes a finding justified by a marker comment on or just above its line', () => {
    const source = [
      'const a = 1;',
      '// Why: the open handler denies every new window.',
      '// electronegativity-accept AUXCLICK_JS_CHECK: middle clicks end in the denying handler',
      'const win = new BrowserWindow({',
    ].join('\n');
    const sources = new Map([['electron/main/window.ts', source]]);
    const v = judge([finding({ line: 4 })], [], sources);
    expect(v.justified[0]!.reason).toBe('middle clicks end in the denying handler');
    expect(v.failing).toEqual([]);
    expect(v.stale).toEqual([]);
  });

  it('fails on a marker comment that justifies no finding', () => {
    const source = '// electronegativity-accept SANDBOX_JS_CHECK: it was sandboxed back then\nx();';
    const v = judge([], [], new Map([['electron/main/window.ts', source]]));
    expect(v.stale).toEqual([{ id: 'SANDBOX_JS_CHECK', file: 'electron/main/window.ts', line: 1 }]);
  });

  it('ignores a marker for another check, a marker cut off by code, and a reason too short', () => {
    const other = '// electronegativity-accept SANDBOX_JS_CHECK: a reason long enough to count\nx';
    expect(markerFor(finding({ line: 2 }), other)).toBeNull();
    const cutOff =
      '// electronegativity-accept AUXCLICK_JS_CHECK: a reason long enough to count\nfoo();\nx';
    expect(markerFor(finding({ line: 3 }), cutOff)).toBeNull();
    const terse = '// electronegativity-accept AUXCLICK_JS_CHECK: fine\nx';
    expect(markerFor(finding({ line: 2 }), terse)).toBeNull();
    expect(findMarkers(terse)).toEqual([]);
    const sameLine = 'x(); /* electronegativity-accept AUXCLICK_JS_CHECK: a reason long enough */';
    expect(markerFor(finding({ line: 1 }), sameLine)).toEqual({
      id: 'AUXCLICK_JS_CHECK',
      line: 1,
      reason: 'a reason long enough',
    });
  });
});
