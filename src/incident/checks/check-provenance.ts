// The provenance an entry claims must agree with what it carries (incident/provenance.ts):
// - `published` needs the quote that publishes it, and an observed figure's number must be in
//   that quote; a reading that says the figure is "not published" contradicts the label;
// - `secondary` is a paraphrase: its words are ours, so it has no `quote:`;
// - `reading` and `derived` say how, in `reading:`;
// - an observed figure whose time the record does not give is compared over the window the text
//   allows (`window:` with `aggregate: any`), not at a time we picked.
import type { Check, CheckContext } from '../check.js';
import type { Diagnostic } from '../diagnostic.js';
import {
  numberIsIn,
  observedProvenance,
  provenanceOf,
  timeNotPublishedPattern,
  valueNotPublishedPattern,
  type FactProvenance,
} from '../provenance.js';

interface Entry {
  path: (string | number)[];
  what: string;
  explicit: FactProvenance | undefined;
  provenance: FactProvenance;
  quote: string | undefined;
  reading: string | undefined;
}

export const checkProvenance: Check = (ctx) => {
  const { incident } = ctx;
  const diagnostics: Diagnostic[] = [];
  const entries: Entry[] = [
    ...incident.timeline.map((e, i) => ({
      path: ['timeline', i],
      what: `event${e.id ? ` \`${e.id}\`` : ''}`,
      explicit: e.provenance,
      provenance: provenanceOf(e),
      quote: e.quote,
      reading: e.reading,
    })),
    ...(incident.observed ?? []).map((o, i) => ({
      path: ['observed', i],
      what: `observed figure${o.id ? ` \`${o.id}\`` : ''}`,
      explicit: o.provenance,
      provenance: observedProvenance(o),
      quote: o.quote,
      reading: o.reading,
    })),
  ];
  for (const e of entries) diagnostics.push(...checkEntry(ctx, e));

  incident.observed?.forEach((o, i) => {
    if (o.provenance === 'published' && o.quote !== undefined && !numberIsIn(o.value, o.quote)) {
      diagnostics.push(
        ctx.at(['observed', i, 'value'], {
          severity: 'warning',
          rule: 'provenance/value-not-in-quote',
          message: `the observed figure${o.id ? ` \`${o.id}\`` : ''} is \`published\` but its value ${o.value} is not in its quote`,
          hint: 'a number the source does not state is our reading of its words: mark it `provenance: reading` and say how in `reading`',
        }),
      );
    }
    if (o.at !== undefined && o.reading !== undefined && timeNotPublishedPattern.test(o.reading)) {
      diagnostics.push(
        ctx.at(['observed', i, 'at'], {
          severity: 'warning',
          rule: 'provenance/time-not-published',
          message: `the observed figure${o.id ? ` \`${o.id}\`` : ''} is compared at a time its reading says the record does not give`,
          hint: 'compare it over the window the text allows: `window: { from: …, to: … }` with `aggregate: any`',
        }),
      );
    }
  });
  return diagnostics;
};

function checkEntry(ctx: CheckContext, e: Entry): Diagnostic[] {
  const out: Diagnostic[] = [];
  const where = e.explicit !== undefined ? [...e.path, 'provenance'] : e.path;
  if (e.provenance === 'published' && e.quote === undefined) {
    out.push(
      ctx.at(where, {
        severity: 'error',
        rule: 'provenance/published-without-quote',
        message: `the ${e.what} is \`published\` but has no \`quote\``,
        hint: 'add the words of the source it rests on, or mark it `secondary` (a paraphrase) or `reading`',
      }),
    );
  }
  if (e.explicit === 'published' && e.reading !== undefined && valueNotPublishedPattern.test(e.reading)) {
    out.push(
      ctx.at(where, {
        severity: 'warning',
        rule: 'provenance/contradiction',
        message: `the ${e.what} is marked \`published\` but its reading says it is not published`,
        hint: 'mark it `provenance: reading` (or `assumed`), so no report labels it published',
      }),
    );
  }
  if (e.provenance === 'secondary' && e.quote !== undefined) {
    out.push(
      ctx.at([...e.path, 'quote'], {
        severity: 'warning',
        rule: 'provenance/quote-on-paraphrase',
        message: `the ${e.what} is a paraphrase (\`secondary\`) but has a \`quote\``,
        hint: 'a paraphrase is not a quote: remove `quote`, and keep the wording in `text` or `reading`',
      }),
    );
  }
  if ((e.provenance === 'derived' || (e.explicit === 'reading' && e.provenance === 'reading')) && e.reading === undefined) {
    out.push(
      ctx.at(where, {
        severity: 'warning',
        rule: 'provenance/missing-reading',
        message: `the ${e.what} is \`${e.provenance}\` but does not say how in \`reading\``,
        hint: e.provenance === 'derived' ? 'say in `reading` what it is computed from' : 'say in `reading` how the source is read',
      }),
    );
  }
  return out;
}

export { numberIsIn };
