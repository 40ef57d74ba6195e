// The key moments come in order: start, detected, mitigated, resolved. Otherwise the durations
// a report prints (time to detect, to mitigate, to resolve) would be negative.
import type { Check } from '../check.js';
import type { Diagnostic } from '../diagnostic.js';
import { deriveMoments, momentNames, type MomentValue } from '../moments.js';

export const checkMomentOrder: Check = (ctx) => {
  const moments = deriveMoments(ctx.incident);
  const diagnostics: Diagnostic[] = [];
  let previous: { name: string; moment: MomentValue } | undefined;
  for (const name of momentNames) {
    const moment = moments[name];
    if (!moment) continue;
    if (previous && moment.epochMs < previous.moment.epochMs) {
      diagnostics.push(
        ctx.at(moment.path, {
          severity: 'error',
          rule: 'moments/out-of-order',
          message: `key moment \`${name}\` (${describe(ctx, moment)}) is before \`${previous.name}\` (${describe(ctx, previous.moment)})`,
          hint: `check both times; or set \`moments.${name}\` / \`moments.${previous.name}\` to the event or time that is meant`,
        }),
      );
    }
    // Compare each moment with the latest one before it, so one misplaced moment is one message.
    if (!previous || moment.epochMs >= previous.moment.epochMs) previous = { name, moment };
  }
  return diagnostics;
};

/** `` `2011-04-21 00:50`, the impact event on line 12 `` */
function describe(ctx: Parameters<Check>[0], m: MomentValue): string {
  const line = ctx.loaded.positionOf(m.path).line;
  const event = m.eventIndex === undefined ? undefined : ctx.incident.timeline[m.eventIndex];
  const time = event ? event.at : String(ctx.loaded.document.getIn(m.path));
  const how = m.source === 'override' ? 'set in `moments`' : `the ${event!.phase} event`;
  return `\`${time}\`, ${how} on line ${line}`;
}
