// The text `simulate` prints: per series, a table of metrics with one row per scenario, then
// the actual replay against the published figures. Numbers are rounded for reading.
import type { ModelKind } from '../model/types.js';
import type { IncidentReplay } from './types.js';

/** Four significant digits, whole numbers from 1,000 up; `–` for none. */
export function formatNumber(x: number | null | undefined): string {
  if (x === null || x === undefined) return '–';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : x < 0 ? '−∞' : 'NaN';
  // Differences of equal replays come out as 1e-12 noise: that is zero to a reader.
  if (Math.abs(x) < 1e-9) return '0';
  if (Math.abs(x) >= 1000) return String(Math.round(x));
  const r = Number(x.toPrecision(4));
  return String(r === 0 ? 0 : r);
}

function signed(x: number | null | undefined): string {
  if (x === null || x === undefined) return '–';
  const s = formatNumber(x);
  return x > 0 && s !== '0' && Number.isFinite(x) ? `+${s}` : s;
}

/** `2011-04-21T00:47:00-07:00` → `2011-04-21 00:47` (the zone is stated once, in the header). */
function shortTime(iso: string | null | undefined): string {
  if (!iso) return 'never';
  return iso.slice(0, 16).replace('T', ' ');
}

export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function minutesText(m: number | undefined): string {
  if (m === undefined) return '–';
  const h = Math.floor(Math.abs(m) / 60);
  const min = Math.round(Math.abs(m) % 60);
  return `${m < 0 ? '−' : ''}${h > 0 ? `${h} h ` : ''}${min} min`;
}

export function formatReplayTable(replay: IncidentReplay, kind: ModelKind<any>): string {
  const { incident } = replay;
  const actual = replay.scenarios[0]!;
  const mode = replay.seeds > 0 ? `Monte Carlo median of ${replay.seeds} seeds` : 'deterministic';
  const out: string[] = [];
  out.push(`${incident.id}: ${incident.title}`);
  out.push(
    `model ${kind.id}, ${mode}, step ${actual.plan.stepMinutes} min, times in ${incident.timezone} (${actual.metrics[kind.primarySeries]?.peakAt.slice(19) || 'UTC'})`,
  );
  const m = replay.moments;
  out.push(
    // A moment the record does not give is said to be missing, not shown as a dash to be guessed.
    `key moments: ${m.trigger !== undefined && m.trigger !== m.start ? `trigger ${shortTime(m.trigger)}, ` : ''}start ${m.start === undefined ? 'not published' : shortTime(m.start)}; ` +
      [
        ['detected', m.detected, replay.durations.detect],
        ['mitigated', m.mitigated, replay.durations.mitigate],
        ['resolved', m.resolved, replay.durations.resolve],
      ]
        .map(([name, at, minutes]) => (at === undefined ? `${name} not published` : `${name} after ${minutesText(minutes as number | undefined)}`))
        .join(', '),
  );
  const names = [kind.primarySeries, ...Object.keys(kind.series).filter((n) => n !== kind.primarySeries)].filter(
    (n) => n in actual.metrics,
  );
  for (const name of names) {
    const spec = kind.series[name]!;
    const a = actual.metrics[name]!;
    const lower = a.worse === 'lower';
    out.push('');
    out.push(
      lower
        ? `${name} — ${spec.title} (${spec.unit}); lower is worse: impact below ${formatNumber(a.threshold)}, recovered at or above ${formatNumber(a.recoveryLevel)}, shortfall from ${formatNumber(a.baseline)}`
        : `${name} — ${spec.title} (${spec.unit}); impact above ${formatNumber(a.threshold)}, recovered below ${formatNumber(a.recoveryLevel)}`,
    );
    const rows = replay.scenarios.map((s) => {
      const x = s.metrics[name]!;
      const d = s.diff?.[name];
      return [
        s.id,
        formatNumber(x.peak),
        shortTime(x.peakAt),
        formatNumber(x.impactArea),
        formatNumber(x.hoursAbove),
        // Recovered at the very start means the series never went beyond the level.
        x.hoursToRecover === 0 ? 'not impacted' : shortTime(x.recoveredAt),
        d ? signed(d.peak) : '',
        d ? signed(d.impactArea) : '',
      ];
    });
    out.push(
      formatTable(
        lower
          ? ['scenario', 'lowest', 'lowest at', `shortfall (${spec.unit}·h)`, 'h below', 'recovered at', 'Δ lowest', 'Δ shortfall']
          : ['scenario', 'peak', 'peak at', `impact (${spec.unit}·h)`, 'h above', 'recovered at', 'Δ peak', 'Δ impact'],
        rows,
      ),
    );
  }
  out.push('');
  if (replay.observed.length === 0) {
    out.push('observed: the incident has no published figures to compare with');
  } else {
    const within = replay.observed.filter((o) => o.within).length;
    out.push(
      `observed: the actual replay against ${replay.observed.length} figure${replay.observed.length === 1 ? '' : 's'} of the record (${within} within tolerance)`,
    );
    out.push(
      formatTable(
        ['series', 'at', 'observed', 'provenance', 'replayed', 'error', 'tolerance', 'within'],
        replay.observed.map((o) => [
          o.id ? `${o.series} (${o.id})` : o.series,
          // A window says how the replay is read over it: `any` when the record gives no time.
          o.from === undefined ? shortTime(o.at) : `${o.aggregate ?? 'at'} ${shortTime(o.from)} – ${shortTime(o.at)}`,
          formatNumber(o.observed),
          o.provenance,
          formatNumber(o.replayed),
          signed(o.error),
          formatNumber(o.tolerance),
          o.within ? 'yes' : 'NO',
        ]),
      ),
    );
  }
  return `${out.join('\n')}\n`;
}
