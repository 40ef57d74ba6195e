// `timezone` must be an IANA zone this Node.js knows: every local time depends on it. An
// abbreviation that Node.js happens to accept (`PST`, `EST`) is a trap: `PST` is read as
// America/Los_Angeles, which observes daylight saving time, and `EST` as a fixed UTC−5. Either
// may be what the author meant, or not, so it is a warning that names the reading.
import type { Check } from '../check.js';
import { didYouMean } from '../did-you-mean.js';
import { isKnownZone } from '../time.js';
import { quoteUserText } from '../quote-user-text.js';

export const checkTimezone: Check = (ctx) => {
  const zone = ctx.incident.timezone;
  if (isKnownZone(zone)) {
    if (zone.includes('/') || zone === 'UTC') return [];
    const reading = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    return [
      ctx.at(['timezone'], {
        severity: 'warning',
        rule: 'time/zone-abbreviation',
        message: `\`${zone}\` is an abbreviation, not a zone name; Node.js reads it as \`${reading}\``,
        hint:
          reading === 'UTC'
            ? 'write `timezone: UTC`'
            : `write the zone of the place the postmortem's clock is in, e.g. \`timezone: ${reading}\` if that is meant`,
      }),
    ];
  }
  const suggestion = didYouMean(zone, Intl.supportedValuesOf('timeZone'));
  return [
    ctx.at(['timezone'], {
      severity: 'error',
      rule: 'time/unknown-zone',
      message: suggestion
        ? `unknown time zone \`${quoteUserText(zone)}\`; did you mean \`${suggestion}\`?`
        : `unknown time zone \`${quoteUserText(zone)}\`, expected an IANA zone name such as \`America/Los_Angeles\``,
      hint: suggestion
        ? `write \`timezone: ${suggestion}\``
        : 'use the zone of the place the postmortem\'s times are in (`Region/City`); abbreviations such as PDT are not zones',
    }),
  ];
};
