// From an incident (and optionally one of its scenarios) to a replay plan: resolved times,
// parameter values, and the timeline's effects in time order.
import type { Effect, Incident, Scenario, TimelineEvent } from '../incident/schema.js';
import { parseDuration, resolveTime } from '../incident/time.js';

export interface PlannedEffect {
  /** Minutes since the replay's start. */
  t: number;
  /** Index of the event in the incident timeline, or -1 for an event a scenario added. */
  eventIndex: number;
  eventId?: string;
  effect: Effect;
}

export interface ReplayPlan {
  kind: string;
  zone: string;
  startMs: number;
  endMs: number;
  stepMinutes: number;
  params: Record<string, number>;
  effects: PlannedEffect[];
  scenarioId: string;
}

export const actualScenarioId = 'actual';

export class PlanError extends Error {}

export function instantOf(incident: Incident, time: string): number {
  const r = resolveTime(time, incident.timezone);
  if (!r.ok) throw new PlanError(`cannot resolve time \`${time}\` in ${incident.timezone}: ${r.problem}`);
  return r.epochMs;
}

export function planReplay(
  incident: Incident,
  scenarioId: string = actualScenarioId,
  options: { stepMinutes?: number } = {},
): ReplayPlan {
  const model = incident.model;
  if (!model) throw new PlanError(`incident ${incident.id} has no model to replay`);
  let scenario: Scenario | undefined;
  if (scenarioId !== actualScenarioId) {
    scenario = incident.scenarios?.find((s) => s.id === scenarioId);
    if (!scenario) {
      const known = [actualScenarioId, ...(incident.scenarios ?? []).map((s) => s.id)].join(', ');
      throw new PlanError(`unknown scenario \`${scenarioId}\` for ${incident.id}; known: ${known}`);
    }
  }
  const startMs = instantOf(incident, model.start);
  const endMs = instantOf(incident, model.end);
  const stepMinutes = options.stepMinutes ?? (model.step ? parseDuration(model.step)! / 60_000 : 1);
  const params: Record<string, number> = {};
  for (const [name, p] of Object.entries(model.parameters)) params[name] = p.value;
  Object.assign(params, scenario?.parameters ?? {});

  const removed = new Set(scenario?.timeline?.remove ?? []);
  const shiftMs = new Map<string, number>();
  for (const s of scenario?.timeline?.shift ?? []) shiftMs.set(s.event, parseDuration(s.by)!);

  const effects: PlannedEffect[] = [];
  const addEvent = (event: TimelineEvent | NonNullable<NonNullable<Scenario['timeline']>['add']>[number], eventIndex: number) => {
    if (!event.effects || (event.id && removed.has(event.id))) return;
    const at = instantOf(incident, event.at) + (event.id ? (shiftMs.get(event.id) ?? 0) : 0);
    for (const effect of event.effects) {
      effects.push({ t: (at - startMs) / 60_000, eventIndex, eventId: event.id, effect });
    }
  };
  incident.timeline.forEach((e, i) => addEvent(e, i));
  for (const e of scenario?.timeline?.add ?? []) addEvent(e, -1);
  // Stable: effects at the same minute keep the order of the file.
  effects.sort((a, b) => a.t - b.t);
  return { kind: model.kind ?? incident.id, zone: incident.timezone, startMs, endMs, stepMinutes, params, effects, scenarioId };
}
