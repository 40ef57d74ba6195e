// The timeline is read top to bottom, so it should be in time order; and a span must not end
// before it starts.
//
// An event listed before an earlier one is a warning, not an error: the replay orders effects by
// time and the key moments are taken in time, so the results do not depend on the order in the
// file. But it is usually a slip (a wrong date, AM for PM), so it is worth a look. Events at the
// same time are fine: sources often give several things one time.
import type { Check } from '../check.js';
import type { Diagnostic } from '../diagnostic.js';
import { resolveTime } from '../time.js';

export const checkEventOrder: Check = (ctx) => {
  const { timeline, timezone } = ctx.incident;
  const diagnostics: Diagnostic[] = [];
  let latest: { epochMs: number; index: number } | undefined;
  timeline.forEach((event, index) => {
    const at = resolveTime(event.at, timezone);
    if (!at.ok) return;
    if (latest && at.epochMs < latest.epochMs) {
      const previous = timeline[latest.index]!;
      const line = ctx.loaded.positionOf(['timeline', latest.index, 'at']).line;
      diagnostics.push(
        ctx.at(['timeline', index, 'at'], {
          severity: 'warning',
          rule: 'timeline/out-of-order',
          message: `event at \`${event.at}\` is listed after an event at \`${previous.at}\` (line ${line}); the timeline should be in time order`,
          hint: 'move the event to its place in time, or check its date and time (AM/PM, day) against the source',
        }),
      );
    }
    if (!latest || at.epochMs >= latest.epochMs) latest = { epochMs: at.epochMs, index };
    if (event.until !== undefined) {
      const until = resolveTime(event.until, timezone);
      if (until.ok && until.epochMs < at.epochMs) {
        diagnostics.push(
          ctx.at(['timeline', index, 'until'], {
            severity: 'error',
            rule: 'timeline/until-before-at',
            message: `the event ends (\`until: ${event.until}\`) before it starts (\`at: ${event.at}\`)`,
            hint: 'swap the two times, or check the date of `until`',
          }),
        );
      }
    }
  });
  ctx.incident.observed?.forEach((o, index) => {
    if (!o.window) return;
    const from = resolveTime(o.window.from, timezone);
    const to = resolveTime(o.window.to, timezone);
    if (from.ok && to.ok && to.epochMs < from.epochMs) {
      diagnostics.push(
        ctx.at(['observed', index, 'window', 'to'], {
          severity: 'error',
          rule: 'observed/window-reversed',
          message: `the window ends (\`to: ${o.window.to}\`) before it starts (\`from: ${o.window.from}\`)`,
          hint: 'swap `from` and `to`, or check the dates',
        }),
      );
    }
  });
  return diagnostics;
};
