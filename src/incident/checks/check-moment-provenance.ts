// A key moment is a claim about when something happened: when it rests only on our reading of
// vague words (an `approximate` event, a bare time under `moments:`), the durations the reports
// print from it (time to detect, to mitigate) are guesses. Say so: a warning, so the author can
// drop the moment (the report then shows "not published") or mark how it is derived. An event
// the author marked `assumed` is already labelled so in every report, so it is not warned about.
import type { Check } from '../check.js';
import type { Diagnostic } from '../diagnostic.js';
import { deriveMoments, momentNames } from '../moments.js';
import { momentProvenance } from '../moment-provenance.js';

export const checkMomentProvenance: Check = (ctx) => {
  const origins = momentProvenance(ctx.incident);
  const moments = deriveMoments(ctx.incident);
  const diagnostics: Diagnostic[] = [];
  for (const name of momentNames) {
    const origin = origins[name];
    const moment = moments[name];
    // A bare time under `moments:` is the author's explicit choice, shown as a reading in reports;
    // the warning is for a moment that inherits a guessed time from an event without saying so.
    if (!moment || origin.provenance !== 'reading' || origin.event === undefined) continue;
    diagnostics.push(
      ctx.at(moment.path, {
        severity: 'warning',
        rule: 'moments/guessed',
        message: `key moment \`${name}\` rests only on a guess: event \`${origin.event}\` has an approximate time or is our reading`,
        hint: `remove it so reports show it as not published, or mark the event \`provenance: derived\` and say in \`reading\` what it is computed from`,
      }),
    );
  }
  return diagnostics;
};
