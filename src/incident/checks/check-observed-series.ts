// A published figure is compared with a series of the replay: the model kind must produce that
// series, in the figure's unit (13 percent compared with a count of volumes would be a silent
// calibration error). Checked only when the kind lists its series (a kind still being written
// lists none).
import type { Check } from '../check.js';
import type { Diagnostic } from '../diagnostic.js';
import { didYouMean } from '../did-you-mean.js';
import { isPercentUnit } from './check-percentages.js';

export const checkObservedSeries: Check = (ctx) => {
  const kind = ctx.kinds.status === 'loaded' ? ctx.kinds.kind : undefined;
  const series = Object.keys(kind?.series ?? {});
  if (!kind || series.length === 0) return [];
  const diagnostics: Diagnostic[] = [];
  ctx.incident.observed?.forEach((o, i) => {
    const spec = kind.series[o.series];
    if (!spec) {
      const suggestion = didYouMean(o.series, series);
      diagnostics.push(
        ctx.at(['observed', i, 'series'], {
          severity: 'error',
          rule: 'observed/unknown-series',
          message:
            `the \`${kind.id}\` model produces no series \`${o.series}\`` + (suggestion ? `; did you mean \`${suggestion}\`?` : ''),
          hint: `its series are ${series.map((s) => `\`${s}\` (${kind.series[s]!.unit})`).join(', ')}`,
        }),
      );
    } else if (!sameUnit(o.unit, spec.unit)) {
      diagnostics.push(
        ctx.at(['observed', i, 'unit'], {
          severity: 'error',
          rule: 'observed/unit-mismatch',
          message: `the figure is in \`${o.unit}\`, but the \`${kind.id}\` series \`${o.series}\` is in \`${spec.unit}\``,
          hint: `convert the figure to ${spec.unit} (say how in \`reading\`), or compare it with another series`,
        }),
      );
    }
  });
  return diagnostics;
};

function sameUnit(a: string, b: string): boolean {
  return a === b || (isPercentUnit(a) && isPercentUnit(b));
}
