// The sources cited by the postmortem sections of an incident file (customer impact, detection,
// lessons, communication), with the path of each reference, for `checkSourceRefs`.
import type { Incident } from '../schema.js';

export interface SourceRefAt {
  path: (string | number)[];
  id: string | undefined;
}

export function postmortemSourceRefs(incident: Incident): SourceRefAt[] {
  const refs: SourceRefAt[] = [];
  incident.customerImpact?.forEach((c, i) => refs.push({ path: ['customerImpact', i, 'source'], id: c.source }));
  if (incident.detection) {
    refs.push({ path: ['detection', 'source'], id: incident.detection.source });
    incident.detection.notAlarmed?.forEach((s, i) => refs.push({ path: ['detection', 'notAlarmed', i, 'source'], id: s.source }));
  }
  for (const key of ['wentWell', 'wentWrong', 'gotLucky'] as const) {
    incident.lessons?.[key]?.forEach((s, i) => refs.push({ path: ['lessons', key, i, 'source'], id: s.source }));
  }
  incident.communication?.forEach((c, i) => refs.push({ path: ['communication', i, 'source'], id: c.source }));
  return refs;
}
