// `incident-replay fit`: tune assumed parameters to the observed points and print the result as
// YAML to paste into the incident file's `model.parameters`.
import { stringify } from 'yaml';
import { UserError, type Io } from '../cli/io.js';
import type { Incident } from '../incident/schema.js';
import { loadValidIncident } from '../replay/load-valid-incident.js';
import { requireModel } from '../replay/require-model.js';
import { kindForIncident, ReplayError } from '../replay/replay-incident.js';
import { parseStep } from '../replay/run-simulate.js';
import { FitError, fitIncident, type FitResult } from './fit.js';
import { roundForOutput } from './round-for-output.js';

export interface FitCommandOptions {
  incident: string;
  params: string[];
  step?: string;
  maxIterations?: number;
}

export async function runFit(options: FitCommandOptions, io: Io): Promise<number> {
  const stepMinutes = parseStep(options.step);
  const valid = await loadValidIncident(options.incident, io);
  if (!valid) return 1;
  requireModel(valid, 'fit');
  let result: FitResult;
  try {
    const kind = await kindForIncident(valid.incident, valid.absolute);
    result = await fitIncident(valid.incident, kind, { params: options.params, stepMinutes, maxIterations: options.maxIterations });
  } catch (error) {
    if (error instanceof FitError || error instanceof ReplayError) throw new UserError(`${valid.file}: ${error.message}`);
    throw error;
  }
  io.stdout.write(formatFitYaml(valid.file, valid.incident, result));
  return 0;
}

const num = (x: number) => roundForOutput(x) ?? x;

/** The fit as YAML: comments with the errors before and after, then the parameter entries. */
export function formatFitYaml(file: string, incident: Incident, fit: FitResult): string {
  const errors = (e: FitResult['before']) =>
    `RMSE ${num(e.rmse)}, max |error| ${num(e.maxAbsError)}, Σ(error/tolerance)² ${num(e.objective)}, ${e.within} of ${fit.points} within tolerance`;
  const improved = fit.after.objective < fit.before.objective;
  const lines = [
    `# incident-replay fit ${file} --params ${fit.parameters.map((p) => p.name).join(',')}`,
    `# against ${fit.points} observed point${fit.points === 1 ? '' : 's'}, ${fit.evaluations} replays; the optimiser minimises Σ(error/tolerance)²`,
    `# before: ${errors(fit.before)}`,
    `# after:  ${errors(fit.after)}`,
    ...fit.parameters.map((p) => `# ${p.name}: ${num(p.before)} → ${num(p.after)} ${p.unit}`),
    '# per point: observed; replayed before → after (tolerance)',
    ...fit.comparisonsBefore.map((b, i) => {
      const a = fit.comparisonsAfter[i]!;
      return `#   ${b.id ?? b.series} at ${b.at}: ${num(b.observed)}; ${num(b.replayed)} → ${num(a.replayed)} (±${num(b.tolerance)})`;
    }),
  ];
  if (!improved) {
    lines.push('# No better values found: the observed points do not depend on these parameters, or they are already at their best. Nothing to change.');
    return `${lines.join('\n')}\n`;
  }
  lines.push('# Replace these entries under model.parameters:');
  const parameters: Record<string, unknown> = {};
  for (const p of fit.parameters) {
    const original = incident.model!.parameters[p.name]!;
    parameters[p.name] = {
      ...original,
      value: num(p.after),
      note: `${original.note.replace(/\s*Fitted by `incident-replay fit`.*$/s, '').replace(/\.?\s*$/, '.')} Fitted by \`incident-replay fit\` to ${fit.points} observed point${fit.points === 1 ? '' : 's'} (RMSE ${num(fit.before.rmse)} → ${num(fit.after.rmse)}; was ${num(p.before)}).`,
    };
  }
  return `${lines.join('\n')}\n${stringify({ model: { parameters } }, { lineWidth: 0 })}`;
}
