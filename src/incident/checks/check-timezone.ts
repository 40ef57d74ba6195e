// `timezone` must be an IANA zone this Node.js knows: every local time depends on it.
import type { Check } from '../check.js';
import { didYouMean } from '../did-you-mean.js';
import { isKnownZone } from '../time.js';

export const checkTimezone: Check = (ctx) => {
  const zone = ctx.incident.timezone;
  if (isKnownZone(zone)) return [];
  const suggestion = didYouMean(zone, Intl.supportedValuesOf('timeZone'));
  return [
    ctx.at(['timezone'], {
      severity: 'error',
      rule: 'time/unknown-zone',
      message: suggestion
        ? `unknown time zone \`${zone}\`; did you mean \`${suggestion}\`?`
        : `unknown time zone \`${zone}\`, expected an IANA zone name such as \`America/Los_Angeles\``,
      hint: suggestion
        ? `write \`timezone: ${suggestion}\``
        : 'use the zone of the place the postmortem\'s times are in (`Region/City`); abbreviations such as PST are not zones',
    }),
  ];
};
