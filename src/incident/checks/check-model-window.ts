// The replay runs from `model.start` to `model.end` in steps of `model.step`. The window must
// be a forward span. A published figure outside it cannot be compared with the replay, and an
// effect after the end never applies: both are warnings (the file is still usable, that part of
// it is not). An effect before the start applies at the start, which is how a precursor (a
// change the week before) sets the initial conditions, so it is fine; so are events without
// effects anywhere: they are narrative.
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
  const after = (text: string) => (instant(text) ?? end.epochMs) > end.epochMs;
  const outside = (text: string) => (instant(text) ?? start.epochMs) < start.epochMs || after(text);
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
      if (!e.effects?.length || !after(e.at)) return;
      diagnostics.push(
        ctx.at([...base, i, 'at'], {
          severity: 'warning',
          rule: 'model/effect-outside-window',
          message: `this event has effects but is after the end of ${window}: they never apply`,
          hint: 'move `model.end` after the event, or remove the effects',
        }),
      );
    });
  checkEvents(['timeline'], incident.timeline);
  incident.scenarios?.forEach((s, i) => checkEvents(['scenarios', i, 'timeline', 'add'], s.timeline?.add));
  return diagnostics;
};
