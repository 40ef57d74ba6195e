// The replay runs from `model.start` to `model.end` in steps of `model.step`. The window must
// be a forward span; published figures outside it cannot be compared with the replay, and an
// effect outside it does not happen when the file says (before the start it applies at the
// start; after the end, never). Both are warnings: the file is still usable, the comparison
// is not. Events without effects are narrative and may lie anywhere (a change the week before).
import type { Check } from '../check.js';
import type { Diagnostic } from '../diagnostic.js';
import { parseDuration, resolveTime } from '../time.js';

export const checkModelWindow: Check = (ctx) => {
  const { incident } = ctx;
  const model = incident.model;
  if (!model) return [];
  const zone = incident.timezone;
  const start = resolveTime(model.start, zone);
  const end = resolveTime(model.end, zone);
  if (!start.ok || !end.ok) return []; // Reported by the time check.
  const diagnostics: Diagnostic[] = [];
  if (end.epochMs <= start.epochMs) {
    diagnostics.push(
      ctx.at(['model', 'end'], {
        severity: 'error',
        rule: 'model/end-before-start',
        message: `the replay ends (\`end: ${model.end}\`) ${end.epochMs === start.epochMs ? 'when' : 'before'} it starts (\`start: ${model.start}\`)`,
        hint: 'set `end` after `start`; the window should cover the impact and the recovery',
      }),
    );
    return diagnostics;
  }
  const step = model.step === undefined ? 60_000 : parseDuration(model.step);
  if (step !== undefined && (step <= 0 || step > end.epochMs - start.epochMs)) {
    diagnostics.push(
      ctx.at(['model', 'step'], {
        severity: 'error',
        rule: 'model/step',
        message: `\`model.step\` is \`${model.step}\`, expected a positive duration shorter than the replay window`,
        hint: 'use e.g. `1m`, or `5m` for a replay of several days',
      }),
    );
  }

  const instant = (text: string) => {
    const r = resolveTime(text, zone);
    return r.ok ? r.epochMs : undefined;
  };
  const before = (text: string) => (instant(text) ?? start.epochMs) < start.epochMs;
  const after = (text: string) => (instant(text) ?? end.epochMs) > end.epochMs;
  const outside = (text: string) => before(text) || after(text);
  const window = `the replay window (\`model.start\` ${model.start} to \`model.end\` ${model.end})`;
  incident.observed?.forEach((o, i) => {
    const path = o.at !== undefined ? ['observed', i, 'at'] : ['observed', i, 'window'];
    const times = o.at !== undefined ? [o.at] : [o.window!.from, o.window!.to];
    if (!times.some(outside)) return;
    diagnostics.push(
      ctx.at(path, {
        severity: 'warning',
        rule: 'model/observed-outside-window',
        message: `the observed figure${o.id ? ` \`${o.id}\`` : ''} is ${o.at !== undefined ? 'at a time' : 'over a window'} outside ${window}, so the replay cannot be compared with it`,
        hint: 'widen the replay window to cover it, or remove the figure if it is out of the model\'s scope',
      }),
    );
  });
  const checkEvents = (base: (string | number)[], events: readonly { at: string; effects?: unknown[] }[] | undefined) =>
    events?.forEach((e, i) => {
      if (!e.effects?.length || !outside(e.at)) return;
      diagnostics.push(
        ctx.at([...base, i, 'at'], {
          severity: 'warning',
          rule: 'model/effect-outside-window',
          message: `this event has effects but is outside ${window}: ${before(e.at) ? 'they apply at the start instead' : 'they never apply'}`,
          hint: 'widen the replay window to include the event',
        }),
      );
    });
  checkEvents(['timeline'], incident.timeline);
  incident.scenarios?.forEach((s, i) => checkEvents(['scenarios', i, 'timeline', 'add'], s.timeline?.add));
  return diagnostics;
};
