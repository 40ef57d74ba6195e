// Scenarios remove and shift events by id, and key moments may name an event: the id must be
// one of the timeline's (or, in a scenario, one of the events that scenario adds).
import type { Check } from '../check.js';
import type { Diagnostic } from '../diagnostic.js';
import { didYouMean, listNames } from '../did-you-mean.js';
import { formatPath } from '../schema-issue.js';
import { isTimeRef } from '../time-fields.js';

export const checkEventRefs: Check = (ctx) => {
  const { incident } = ctx;
  const timelineIds = incident.timeline.flatMap((e) => (e.id === undefined ? [] : [e.id]));
  const diagnostics: Diagnostic[] = [];
  const report = (path: (string | number)[], id: string, known: string[], what: string) => {
    const suggestion = didYouMean(id, known);
    diagnostics.push(
      ctx.at(path, {
        severity: 'error',
        rule: 'ref/unknown-event',
        message:
          `\`${formatPath(path)}\` is \`${id}\`, which is not the id of ${what}` +
          (suggestion ? `; did you mean \`${suggestion}\`?` : ''),
        hint:
          known.length > 0
            ? `use one of ${listNames(known)}, or give the event an \`id:\``
            : 'give the event an `id:` in the timeline and refer to it by that id',
      }),
    );
  };

  incident.scenarios?.forEach((scenario, i) => {
    const added = (scenario.timeline?.add ?? []).flatMap((e) => (e.id === undefined ? [] : [e.id]));
    const known = [...timelineIds, ...added];
    const ids = new Set(known);
    scenario.timeline?.remove?.forEach((id, j) => {
      if (!ids.has(id)) report(['scenarios', i, 'timeline', 'remove', j], id, known, 'an event');
    });
    scenario.timeline?.shift?.forEach((shift, j) => {
      if (!ids.has(shift.event)) report(['scenarios', i, 'timeline', 'shift', j, 'event'], shift.event, known, 'an event');
    });
  });

  const ids = new Set(timelineIds);
  for (const [name, ref] of Object.entries(incident.moments ?? {})) {
    if (ref === undefined || ids.has(ref) || isTimeRef(ref)) continue;
    report(['moments', name], ref, timelineIds, 'a timeline event, nor a time (`YYYY-MM-DD HH:mm`)');
  }
  return diagnostics;
};
