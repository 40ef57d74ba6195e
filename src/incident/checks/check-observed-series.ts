// A published figure is compared with a series of the replay; the model kind must produce it.
// Checked only when the kind lists its series (a kind still being written lists none).
import type { Check } from '../check.js';
import type { Diagnostic } from '../diagnostic.js';
import { didYouMean } from '../did-you-mean.js';

export const checkObservedSeries: Check = (ctx) => {
  const kind = ctx.kinds.status === 'loaded' ? ctx.kinds.kind : undefined;
  const series = Object.keys(kind?.series ?? {});
  if (!kind || series.length === 0) return [];
  const diagnostics: Diagnostic[] = [];
  ctx.incident.observed?.forEach((o, i) => {
    if (o.series in kind.series) return;
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
  });
  return diagnostics;
};
