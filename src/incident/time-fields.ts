// Every time written in an incident file, with the path of its node, so checks can resolve
// them all and point at the one that is wrong.
import { timePattern, type Incident } from './schema.js';

export interface TimeField {
  path: (string | number)[];
  text: string;
}

export function timeFields(incident: Incident): TimeField[] {
  const fields: TimeField[] = [];
  const add = (path: (string | number)[], text: string | undefined) => {
    if (text !== undefined) fields.push({ path, text });
  };
  incident.timeline.forEach((e, i) => {
    add(['timeline', i, 'at'], e.at);
    add(['timeline', i, 'until'], e.until);
  });
  incident.observed?.forEach((o, i) => {
    add(['observed', i, 'at'], o.at);
    add(['observed', i, 'window', 'from'], o.window?.from);
    add(['observed', i, 'window', 'to'], o.window?.to);
  });
  for (const [name, ref] of Object.entries(incident.moments ?? {})) {
    if (ref !== undefined && isTimeRef(ref)) add(['moments', name], ref);
  }
  incident.communication?.forEach((c, i) => add(['communication', i, 'at'], c.at));
  if (incident.model) {
    add(['model', 'start'], incident.model.start);
    add(['model', 'end'], incident.model.end);
  }
  incident.scenarios?.forEach((s, i) =>
    s.timeline?.add?.forEach((e, j) => {
      add(['scenarios', i, 'timeline', 'add', j, 'at'], e.at);
      add(['scenarios', i, 'timeline', 'add', j, 'until'], e.until);
    }),
  );
  return fields;
}

/** A `moments.*` value is a time when it has the shape of one; otherwise it names an event. */
export function isTimeRef(ref: string): boolean {
  return timePattern.test(ref);
}
