// The files of the static site, in memory, under `site/` of the output directory: the index,
// a page per incident, and the bundled script and stylesheet. Pure: the build writes them with
// the rest of out/ through write-output.ts (staged, then swapped in), so a site is never half
// written. Same reports in, same bytes out: nothing here reads a clock or the locale.
import type { OutputFiles } from '../report/write-output.js';
import type { GeneratedReport } from '../report/generate-report.js';
import type { IncidentReplay } from '../replay/types.js';
import type { IncidentSummary } from '../report/incident-summary.js';
import { htmlDocument } from './html-document.js';
import { incidentPage } from './incident-page.js';
import { siteIndexPage } from './site-index-page.js';
import type { SiteAssets } from './site-assets.js';
import { siteEntry } from './site-entry.js';


export interface SiteIncident {
  report: GeneratedReport;
  /** The replay the report was made from; none for an incident without a model. */
  replay?: IncidentReplay;
}

export function siteFiles(incidents: readonly SiteIncident[], summaries: readonly IncidentSummary[], assets: SiteAssets, generator: string): OutputFiles {
  const files: OutputFiles = new Map();
  files.set(
    `${siteEntry}/index.html`,
    htmlDocument({ title: 'Incident replays', root: '', main: siteIndexPage(summaries), generator }),
  );
  for (const { report, replay } of incidents) files.set(`${siteEntry}/${report.id}/index.html`, incidentPage(report, replay, generator));
  files.set(`${siteEntry}/assets/site.js`, assets['site.js']);
  files.set(`${siteEntry}/assets/site.css`, assets['site.css']);
  // GitHub Pages runs Jekyll over a branch unless told not to (it would hide nothing here, but
  // skipping it publishes the files as they are, and sooner).
  files.set(`${siteEntry}/.nojekyll`, '');
  return files;
}
