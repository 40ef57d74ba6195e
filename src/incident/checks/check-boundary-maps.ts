// `boundaryMaps:` each vary two model parameters over a grid and draw where the peak of a
// series crosses a threshold. A map that names no parameter, spans values the model refuses,
// or leaves out the file's own value (the point the map exists to place) is reported at the
// axis that says so, before any of the grid's replays is run.
import type { Check, CheckContext } from '../check.js';
import type { Diagnostic } from '../diagnostic.js';
import { didYouMean, listNames } from '../did-you-mean.js';
import { boundaryAxisRange } from '../boundary-axis-range.js';

export const checkBoundaryMaps: Check = (ctx) => {
  const out: Diagnostic[] = [];
  const maps = ctx.incident.boundaryMaps ?? [];
  if (maps.length === 0) return out;
  const model = ctx.incident.model;
  if (!model) {
    return [
      ctx.at(['boundaryMaps'], {
        severity: 'error',
        rule: 'boundary-map/no-model',
        message: '`boundaryMaps` vary model parameters, but the file has no `model:`',
        hint: 'add a `model:` with its parameters, or remove `boundaryMaps`',
      }, 'key'),
    ];
  }
  const kind = ctx.kinds.status === 'loaded' ? ctx.kinds.kind : undefined;
  const declared = Object.keys(model.parameters);
  maps.forEach((map, i) => {
    for (const axisName of ['x', 'y'] as const) out.push(...checkAxis(ctx, i, axisName, declared, kind));
    if (map.x.parameter === map.y.parameter && Object.hasOwn(model.parameters, map.x.parameter)) {
      out.push(
        ctx.at(['boundaryMaps', i, 'y', 'parameter'], {
          severity: 'error',
          rule: 'boundary-map/same-parameter',
          message: `boundary map \`${map.id}\` has \`${map.y.parameter}\` on both axes`,
          hint: 'a map needs two different parameters: the one the fix changes and the one it is measured against',
        }),
      );
    }
    if (map.scenario !== undefined && !(ctx.incident.scenarios ?? []).some((s) => s.id === map.scenario)) {
      const known = (ctx.incident.scenarios ?? []).map((s) => s.id);
      const suggestion = didYouMean(map.scenario, known);
      out.push(
        ctx.at(['boundaryMaps', i, 'scenario'], {
          severity: 'error',
          rule: 'boundary-map/unknown-scenario',
          message: `boundary map \`${map.id}\` replays scenario \`${map.scenario}\`, which is not in \`scenarios\`` + (suggestion ? `; did you mean \`${suggestion}\`?` : ''),
          hint: known.length > 0 ? `use one of ${listNames(known)}, or leave \`scenario\` out to map what happened` : 'leave `scenario` out to map what happened',
        }),
      );
    }
    if (map.series !== undefined && kind && !Object.hasOwn(kind.series, map.series)) {
      const known = Object.keys(kind.series);
      const suggestion = didYouMean(map.series, known);
      out.push(
        ctx.at(['boundaryMaps', i, 'series'], {
          severity: 'error',
          rule: 'boundary-map/unknown-series',
          message: `boundary map \`${map.id}\` maps series \`${map.series}\`, which the \`${kind.id}\` model does not produce` + (suggestion ? `; did you mean \`${suggestion}\`?` : ''),
          hint: `use one of ${listNames(known)}`,
        }),
      );
    }
  });
  return out;
};

function checkAxis(ctx: CheckContext, i: number, axisName: 'x' | 'y', declared: string[], kind: { parameters: Record<string, { min?: number; max?: number; unit: string; description: string }> } | undefined): Diagnostic[] {
  const map = ctx.incident.boundaryMaps![i]!;
  const axis = map[axisName];
  const at = ['boundaryMaps', i, axisName];
  const parameter = ctx.incident.model!.parameters[axis.parameter];
  if (!Object.hasOwn(ctx.incident.model!.parameters, axis.parameter) || !parameter) {
    const suggestion = didYouMean(axis.parameter, declared);
    return [
      ctx.at([...at, 'parameter'], {
        severity: 'error',
        rule: 'boundary-map/unknown-parameter',
        message: `boundary map \`${map.id}\`: \`${axis.parameter}\` is not a parameter of \`model.parameters\`` + (suggestion ? `; did you mean \`${suggestion}\`?` : ''),
        hint: suggestion ? `rename it to \`${suggestion}\`` : `use one of ${listNames(declared)}`,
      }),
    ];
  }
  const spec = kind && Object.hasOwn(kind.parameters, axis.parameter) ? kind.parameters[axis.parameter] : undefined;
  const span = boundaryAxisRange(axis, parameter, spec);
  if (!span.ok) {
    return [
      ctx.at(at, {
        severity: 'error',
        rule: 'boundary-map/no-range',
        message: `boundary map \`${map.id}\`: the ${axisName} axis (\`${axis.parameter}\`) has no span: no \`range\` here or on the parameter, and the model bounds it on ${spec ? 'at most one side' : 'neither side'}`,
        hint: `give the axis a range, e.g. \`${axisName}: { parameter: ${axis.parameter}, range: [${lowGuess(parameter.value)}, ${highGuess(parameter.value)}] }\``,
      }, 'key'),
    ];
  }
  const [low, high] = span.range;
  // Where a derived span is wrong, the axis is the place to fix it (by giving its own range).
  const rangePath = (end: 0 | 1) => (span.from === 'axis' ? [...at, 'range', end] : at);
  if (!(low < high)) {
    return [
      ctx.at(rangePath(0), {
        severity: 'error',
        rule: 'boundary-map/range-reversed',
        message: `boundary map \`${map.id}\`: the ${axisName} axis spans [${low}, ${high}], ${low === high ? 'a single value' : 'its low end above its high end'}`,
        hint: low === high ? 'give the axis a range wider than one value' : `write \`range: [${high}, ${low}]\``,
      }, span.from === 'axis' ? 'value' : 'key'),
    ];
  }
  const out: Diagnostic[] = [];
  if (spec) {
    for (const [end, e] of [[low, 0], [high, 1]] as const) {
      const below = spec.min !== undefined && end < spec.min;
      const above = spec.max !== undefined && end > spec.max;
      if (!below && !above) continue;
      out.push(
        ctx.at(rangePath(e), {
          severity: 'error',
          rule: 'boundary-map/range-invalid',
          message: `boundary map \`${map.id}\`: the ${axisName} axis ${e === 0 ? 'starts' : 'ends'} at ${end} ${spec.unit}, ${below ? `below the smallest valid value of \`${axis.parameter}\`, ${spec.min}` : `above the largest valid value of \`${axis.parameter}\`, ${spec.max}`} (${spec.description})`,
          hint: `keep the axis within ${[spec.min !== undefined ? `≥ ${spec.min}` : '', spec.max !== undefined ? `≤ ${spec.max}` : ''].filter(Boolean).join(' and ')}`,
        }, span.from === 'axis' ? 'value' : 'key'),
      );
    }
  }
  if (parameter.value < low || parameter.value > high) {
    out.push(
      ctx.at(rangePath(parameter.value < low ? 0 : 1), {
        severity: 'error',
        rule: 'boundary-map/value-outside',
        message: `boundary map \`${map.id}\`: the ${axisName} axis spans [${low}, ${high}] and leaves out the file's \`${axis.parameter}\` of ${parameter.value}: the map could not place the actual system`,
        hint: 'widen the axis to include the file’s value',
      }, span.from === 'axis' ? 'value' : 'key'),
    );
  }
  return out;
}

const lowGuess = (v: number) => (v > 0 ? Number((v / 4).toPrecision(2)) : v - 1);
const highGuess = (v: number) => (v > 0 ? Number((v * 4).toPrecision(2)) : v + 1);
