/**
 * Timelines on uPlot (canvas, small and fast): bars per hour or day with time axes and ticks in UTC,
 * drag to zoom (double-click zooms back out), "Active window" zooms to where the counts are, and the
 * repost wave on a seconds scale. Sized to their container, so nothing overflows on a phone.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { h, whenMounted } from './dom.js';

export type Bucket = 'hour' | 'day';
const STEP: Record<Bucket, number> = { hour: 3600, day: 86400 };

export interface Series {
  label: string;
  values: number[];
  colour: string;
  /** Drawn behind, on its own right-hand axis, and not counted for the active window. */
  backdrop?: boolean;
}
export interface TimeData {
  /** Bucket starts, Unix seconds, ascending. */
  t: number[];
  series: Series[];
}

/** Bucket start (Unix seconds) of an API time (`2026-10-02`, `2026-10-02T14:00:00Z`). */
export function bucketTime(t: string): number {
  return Date.parse(t.length === 10 ? `${t}T00:00:00Z` : t) / 1000;
}

/** Sum hourly rows into days (the API gives accounts and actors per hour; days are derived here). */
export function toBucket<T extends { t: string }>(rows: T[], bucket: Bucket, add: (into: T | undefined, row: T, t: string) => T): T[] {
  if (bucket === 'hour') return rows;
  const out = new Map<string, T>();
  for (const r of rows) {
    const t = r.t.slice(0, 10);
    out.set(t, add(out.get(t), r, t));
  }
  return [...out.values()];
}

/** Fill empty buckets with zeros so bars stand on a regular time axis (skipped past 20,000 buckets). */
export function fillBuckets(data: TimeData, bucket: Bucket): TimeData {
  const step = STEP[bucket];
  if (data.t.length < 2) return data;
  const n = Math.round((data.t[data.t.length - 1] - data.t[0]) / step) + 1;
  if (n > 20_000 || n <= data.t.length) return data;
  const index = new Map(data.t.map((t, i) => [t, i]));
  const t = Array.from({ length: n }, (_, i) => data.t[0] + i * step);
  return { t, series: data.series.map((s) => ({ ...s, values: t.map((x) => (index.has(x) ? s.values[index.get(x)!] : 0)) })) };
}

/** First and last bucket with a count in a non-backdrop series, padded by one bucket each side. */
export function activeWindow(data: TimeData, bucket: Bucket): { min: number; max: number } | undefined {
  let lo = -1;
  let hi = -1;
  for (let i = 0; i < data.t.length; i++) {
    if (data.series.some((s) => !s.backdrop && s.values[i])) {
      if (lo < 0) lo = i;
      hi = i;
    }
  }
  if (lo < 0) return undefined;
  return { min: data.t[lo] - STEP[bucket], max: data.t[hi] + 2 * STEP[bucket] };
}

/** Tick labels in UTC, 24-hour: times within a day, the date where a day starts or ticks are days apart. */
function utcTicks(_u: uPlot, splits: number[], _axis: number, _space: number, incr: number): string[] {
  return splits.map((s, i) => {
    const iso = new Date(s * 1000).toISOString();
    // Second line: the year on the first tick of a day axis, the date where an hour axis starts a day.
    if (incr >= 86400) return i === 0 || iso.slice(5, 10) === '01-01' ? `${iso.slice(5, 10)}\n${iso.slice(0, 4)}` : iso.slice(5, 10);
    return i === 0 || iso.slice(11, 16) === '00:00' ? `${iso.slice(11, 16)}\n${iso.slice(5, 10)}` : iso.slice(11, 16);
  });
}

const utc = (ts: number) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC');
const widthOf = (el: Element) => Math.max(280, Math.min(1000, Math.floor(el.getBoundingClientRect().width)));

/** Keep a chart as wide as its box (phones, resized windows). */
function track(box: Element, plot: uPlot, height: number): () => void {
  const ro = new ResizeObserver(() => plot.setSize({ width: widthOf(box), height }));
  ro.observe(box);
  return () => {
    ro.disconnect();
    plot.destroy();
  };
}

/**
 * Stacked bars of counts per bucket, with an hour/day toggle (`load` is called again on each change)
 * and zoom buttons. `bucket` is the initial choice; `onBucket` lets the page put it in the URL.
 */
export function timelineView(opts: { label: string; bucket: Bucket; load: (bucket: Bucket) => Promise<TimeData>; onBucket?: (b: Bucket) => void; empty?: string }): HTMLElement {
  const box = h('div', { class: 'tl-plot', role: 'img', 'aria-label': opts.label });
  const status = h('span', { class: 'muted tl-status', role: 'status' });
  let bucket = opts.bucket;
  let plot: uPlot | undefined;
  let data: TimeData | undefined;
  const toggles = (['hour', 'day'] as Bucket[]).map((b) => h('button', { type: 'button', class: 'toggle', 'data-bucket': b, 'aria-pressed': String(b === bucket) }, b === 'hour' ? 'Hour' : 'Day'));
  const active = h('button', { type: 'button', class: 'toggle' }, 'Active window');
  const all = h('button', { type: 'button', class: 'toggle' }, 'Whole range');
  const wrap = h('div', { class: 'timeline', 'data-bucket': bucket }, h('div', { class: 'tl-bar' }, toggles, ' ', active, all, ' ', status), box);
  let release: (() => void) | undefined;

  const draw = async () => {
    mountStatus('Loading…');
    data = fillBuckets(await opts.load(bucket), bucket);
    release?.();
    release = undefined;
    box.replaceChildren();
    wrap.dataset.bucket = bucket;
    wrap.dataset.points = String(data.t.length);
    if (!data.t.length) {
      mountStatus(opts.empty ?? 'Nothing to show yet.');
      return;
    }
    mountStatus('Drag across the chart to zoom; double-click to zoom out.');
    const height = 220;
    plot = new uPlot(barOptions(data, bucket, widthOf(box), height), toAligned(data), box);
    const w = activeWindow(data, bucket);
    if (w) plot.setScale('x', w);
    release = track(box, plot, height);
  };
  const mountStatus = (s: string) => status.replaceChildren(s);
  for (const b of toggles) {
    b.addEventListener('click', () => {
      bucket = b.dataset.bucket as Bucket;
      for (const x of toggles) x.setAttribute('aria-pressed', String(x === b));
      opts.onBucket?.(bucket);
      void draw();
    });
  }
  active.addEventListener('click', () => {
    const w = data && activeWindow(data, bucket);
    if (plot && w) plot.setScale('x', w);
  });
  all.addEventListener('click', () => {
    if (plot && data?.t.length) plot.setScale('x', { min: data.t[0] - STEP[bucket], max: data.t[data.t.length - 1] + 2 * STEP[bucket] });
  });
  whenMounted(box, () => {
    void draw();
    return () => release?.();
  });
  return wrap;
}

/** Stack: each series drawn from zero to the sum of itself and those below it; the legend shows its own count. */
function toAligned(data: TimeData): uPlot.AlignedData {
  const fore = data.series.filter((s) => !s.backdrop);
  const back = data.series.filter((s) => s.backdrop);
  const sums = fore.map((_, k) => data.t.map((_t, i) => fore.slice(0, k + 1).reduce((a, s) => a + s.values[i], 0)));
  // uPlot draws in order: backdrop first, then the tallest stack so shorter ones paint over it.
  return [data.t, ...back.map((s) => s.values), ...sums.reverse()];
}

function barOptions(data: TimeData, bucket: Bucket, width: number, height: number): uPlot.Options {
  const fore = data.series.filter((s) => !s.backdrop);
  const back = data.series.filter((s) => s.backdrop);
  const bars = uPlot.paths.bars!({ size: [0.8, 60], align: 1 });
  const ordered = [...back, ...[...fore].reverse()];
  return {
    width,
    height,
    tzDate: utc,
    scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] }, m: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
    axes: [
      { space: 56, size: 44, values: utcTicks },
      { label: 'count', size: 44, labelSize: 14 },
      ...(back.length ? [{ scale: 'm', side: 1 as const, label: back.map((s) => s.label).join(', '), grid: { show: false }, size: 48, labelSize: 14 }] : []),
    ],
    cursor: { drag: { x: true, y: false, setScale: true } },
    legend: { live: true },
    series: [
      { label: bucket === 'hour' ? 'Hour (UTC)' : 'Day (UTC)', value: bucket === 'hour' ? '{YYYY}-{MM}-{DD} {HH}:00' : '{YYYY}-{MM}-{DD}' },
      ...ordered.map((s) => {
        const raw = s.values;
        return {
          label: s.label,
          scale: s.backdrop ? 'm' : 'y',
          stroke: s.colour,
          fill: s.colour,
          width: 0,
          paths: bars,
          points: { show: false },
          value: (_u: uPlot, _v: number | null, _si: number, i: number | null) => (i === null ? '–' : String(raw[i] ?? 0)),
        };
      }),
    ],
  };
}

/**
 * The directive → repost wave: cumulative reposts against seconds after the original post, one
 * point per repost. The seconds scale is the evidence of coordination, so it is not rounded away.
 */
export function waveChart(seconds: number[], label: string): HTMLElement {
  const box = h('div', { class: 'tl-plot wave', role: 'img', 'aria-label': label, 'data-points': seconds.length });
  whenMounted(box, () => {
    const xs = [0, ...seconds];
    const ys = xs.map((_x, i) => i);
    const height = 200;
    const plot = new uPlot(
      {
        width: widthOf(box),
        height,
        scales: { x: { time: false, range: (_u, _min, max) => [0, Math.max(10, max * 1.05)] }, y: { range: (_u, _min, max) => [0, Math.max(1, max + 0.5)] } },
        axes: [
          { label: 'seconds after the original post', labelSize: 16, size: 40, values: (_u, v) => v.map((s) => (s >= 120 ? `${Math.round(s / 60)} min` : `${s} s`)) },
          { label: 'reposts so far', size: 40, labelSize: 14 },
        ],
        cursor: { drag: { x: true, y: false, setScale: true } },
        series: [
          { label: 'seconds', value: (_u, v) => (v === null ? '–' : `${v} s`) },
          { label: 'reposts', stroke: '#e8823a', width: 2, paths: uPlot.paths.stepped!({ align: 1 }), points: { show: true, size: 6, fill: '#e8823a' } },
        ],
      },
      [xs, ys],
      box,
    );
    return track(box, plot, height);
  });
  return box;
}
