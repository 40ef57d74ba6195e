// What a scenario or an action item addresses (`series:`) and the goal of its "how much would
// have been enough" search (`enough:`) must name things the model has: a series it records, a
// parameter the scenario changes (the search moves that number from the file's value towards
// the scenario's), and a goal that can be met (a lower-is-worse series' shortfall is never
// negative). Series are checked only when the kind lists its series.
import type { Check, CheckContext } from '../check.js';
import type { Diagnostic } from '../diagnostic.js';
import { didYouMean, listNames } from '../did-you-mean.js';

export const checkScenarioGoals: Check = (ctx) => {
  const kind = ctx.kinds.status === 'loaded' ? ctx.kinds.kind : undefined;
  const series = Object.keys(kind?.series ?? {});
  const out: Diagnostic[] = [];
  const checkSeries = (path: (string | number)[], name: string | undefined) => {
    if (name === undefined || series.length === 0 || series.includes(name)) return;
    out.push(unknownSeries(ctx, path, name, series, kind!.id));
  };
  ctx.incident.scenarios?.forEach((s, i) => {
    checkSeries(['scenarios', i, 'series'], s.series);
    const goal = s.enough;
    if (goal === undefined || goal === false) return;
    checkSeries(['scenarios', i, 'enough', 'series'], goal.series);
    const changed = Object.keys(s.parameters ?? {});
    if (goal.parameter !== undefined && !changed.includes(goal.parameter)) {
      const suggestion = didYouMean(goal.parameter, changed);
      out.push(
        ctx.at(['scenarios', i, 'enough', 'parameter'], {
          severity: 'error',
          rule: 'scenario/enough-parameter',
          message:
            `\`enough.parameter\` is \`${goal.parameter}\`, which scenario \`${s.id}\` does not change` +
            (suggestion ? `; did you mean \`${suggestion}\`?` : ''),
          hint:
            changed.length > 0
              ? `search one of the parameters it sets: ${listNames(changed)}`
              : 'the search moves a number the scenario sets under `parameters:`; give it one, or write `enough: false`',
        }),
      );
    } else if (goal.parameter === undefined && changed.length !== 1) {
      out.push(
        ctx.at(['scenarios', i, 'enough'], {
          severity: 'error',
          rule: 'scenario/enough-parameter',
          message: `scenario \`${s.id}\` changes ${changed.length === 0 ? 'no parameter' : `${changed.length} parameters`}: \`enough\` must name the one to search`,
          hint: changed.length > 0 ? `add \`parameter:\` (one of ${listNames(changed)})` : 'write `enough: false`, or give the scenario the parameter it changes',
        }, 'key'),
      );
    }
    const on = goal.series ?? s.series ?? kind?.primarySeries;
    const spec = on !== undefined ? kind?.series[on] : undefined;
    if (spec?.worse === 'lower' && goal.peakBelow !== undefined && goal.peakBelow < 0) {
      out.push(
        ctx.at(['scenarios', i, 'enough', 'peakBelow'], {
          severity: 'error',
          rule: 'scenario/enough-unreachable',
          message: `\`${on}\` is worse when lower, so its goal is a shortfall, which is never below ${goal.peakBelow}`,
          hint: 'give the largest shortfall below the healthy level that would be acceptable (≥ 0)',
        }),
      );
    }
  });
  ctx.incident.actionItems?.forEach((item, i) => checkSeries(['actionItems', i, 'series'], item.series));
  return out;
};

function unknownSeries(ctx: CheckContext, path: (string | number)[], name: string, series: string[], kindId: string): Diagnostic {
  const suggestion = didYouMean(name, series);
  return ctx.at(path, {
    severity: 'error',
    rule: 'ref/unknown-series',
    message: `the \`${kindId}\` model records no series \`${name}\`` + (suggestion ? `; did you mean \`${suggestion}\`?` : ''),
    hint: `use one of ${listNames(series)}`,
  });
}
