/** A target a figure should meet (docs/benchmarks.md). */
export interface Target {
  op: '>=' | '<=';
  value: number;
}

/** The targets of docs/benchmarks.md, keyed by figure id. */
export const TARGETS: Record<string, Target> = {
  'codec.encode_ratio': { op: '>=', value: 10 },
  'codec.decode_ratio': { op: '>=', value: 10 },
  'dispatch.p50_us': { op: '<=', value: 20 },
  'dispatch.p99_us': { op: '<=', value: 500 },
  'dispatch.min_us': { op: '>=', value: -50 },
  'dispatch.cpu_pct': { op: '<=', value: 10 },
  'attenuation.forward_sd_ms': { op: '<=', value: 0.1 },
  'attenuation.forward_late': { op: '<=', value: 0 },
  'clocksync.p95_error_ms': { op: '<=', value: 0.2 },
  'clocksync.drift_error_ppm': { op: '<=', value: 5 },
  'clocksync.peers_p99_ms': { op: '<=', value: 1 },
  'audio.forward_ioi_sd_ms': { op: '<=', value: 0.1 },
  'audio.pair_p99_ms': { op: '<=', value: 1 },
  'audio.cross_pair_p99_ms': { op: '<=', value: 1 },
  'timecode.send_error_p99_us': { op: '<=', value: 200 },
  'timecode.drift_frames_10min': { op: '<=', value: 0 },
  'timecode.forward_display_sd_ms': { op: '<=', value: 0.1 },
  'timecode.two_client_p99_ms': { op: '<=', value: 1 },
  'flood.steady_kernel_dropped': { op: '<=', value: 0 },
  'flood.steady_dispatch_p99_us': { op: '<=', value: 500 },
  'flood.steady_tick_lost': { op: '<=', value: 0 },
  'flood.tick_dispatch_p99_us': { op: '<=', value: 1000 },
  'flood.fair_tick_lost': { op: '<=', value: 0 },
  'flood.fair_tick_early': { op: '<=', value: 0 },
  'flood.peak_rss_mb': { op: '<=', value: 300 },
  'flood.engine_get_p99_ms': { op: '<=', value: 50 },
};

const fmt = (v: number): string =>
  !Number.isFinite(v)
    ? String(v)
    : Math.abs(v) >= 1000
      ? Math.round(v).toLocaleString('en-US')
      : v.toFixed(Math.abs(v) >= 10 ? 1 : 3);

/** A plain-text table: figure, value, target, and whether it is met. */
export function formatTable(
  figures: Record<string, number>,
  targets: Record<string, Target>,
): string {
  const rows = Object.entries(figures).map(([id, v]) => {
    const t = targets[id];
    const met = t ? (t.op === '>=' ? v >= t.value : v <= t.value) : undefined;
    return [
      id,
      fmt(v),
      t ? `${t.op} ${t.value}` : '',
      met === undefined ? '' : met ? 'ok' : 'MISSED',
    ];
  });
  const head = ['figure', 'value', 'target', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string =>
    r
      .map((c, i) => (i === 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), ''].join('\n');
}
