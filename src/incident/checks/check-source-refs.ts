// Every claim cites a source by id; the id must be declared under `sources:`.
import type { Check } from '../check.js';
import type { Diagnostic } from '../diagnostic.js';
import { didYouMean, listNames } from '../did-you-mean.js';
import { formatPath } from '../schema-issue.js';
import { postmortemSourceRefs } from './postmortem-source-refs.js';

export const checkSourceRefs: Check = (ctx) => {
  const { incident } = ctx;
  const declared = incident.sources.map((s) => s.id);
  const known = new Set(declared);
  const refs: { path: (string | number)[]; id: string | undefined }[] = [
    ...incident.timeline.map((e, i) => ({ path: ['timeline', i, 'source'], id: e.source })),
    ...(incident.observed ?? []).map((o, i) => ({ path: ['observed', i, 'source'], id: o.source })),
    ...Object.entries(incident.model?.parameters ?? {}).map(([name, p]) => ({
      path: ['model', 'parameters', name, 'source'],
      id: p.source,
    })),
    ...(incident.scenarios ?? []).flatMap((s, i) => [
      { path: ['scenarios', i, 'source'], id: s.source },
      ...(s.timeline?.add ?? []).map((e, j) => ({ path: ['scenarios', i, 'timeline', 'add', j, 'source'], id: e.source })),
    ]),
    ...(incident.contributingFactors ?? []).map((f, i) => ({ path: ['contributingFactors', i, 'source'], id: f.source })),
    ...(incident.actionItems ?? []).map((a, i) => ({ path: ['actionItems', i, 'source'], id: a.source })),
    ...postmortemSourceRefs(incident),
  ];
  const diagnostics: Diagnostic[] = [];
  for (const { path, id } of refs) {
    if (id === undefined || known.has(id)) continue;
    const suggestion = didYouMean(id, declared);
    diagnostics.push(
      ctx.at(path, {
        severity: 'error',
        rule: 'ref/unknown-source',
        message:
          `\`${formatPath(path)}\` is \`${id}\`, which is not a declared source` +
          (suggestion ? `; did you mean \`${suggestion}\`?` : ''),
        hint: `use the id of an entry of \`sources:\` (${listNames(declared)}), or declare the source there`,
      }),
    );
  }
  return diagnostics;
};
