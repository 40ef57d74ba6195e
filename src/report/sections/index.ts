// The sections a template can use, by directive name: one plain object, as
// mdast-util-to-markdown lists its handlers. Add a section by adding a file and a line here.
import type { Section } from './section.js';
import { actionItems } from './action-items.js';
import { boundaryMap } from './boundary-map.js';
import { assumptions } from './assumptions.js';
import { communication } from './communication.js';
import { counterfactualCaveat } from './counterfactual-caveat.js';
import { customerImpact } from './customer-impact.js';
import { detection } from './detection.js';
import { lessons } from './lessons.js';
import { chart } from './chart.js';
import { counterfactuals } from './counterfactuals.js';
import { factors } from './factors.js';
import { impact } from './impact.js';
import { mechanismChart } from './mechanism-chart.js';
import { moments } from './moments.js';
import { observed } from './observed.js';
import { parameters } from './parameters.js';
import { secondaryCharts } from './secondary-charts.js';
import { sensitivity } from './sensitivity.js';
import { sources } from './sources.js';
import { summary } from './summary.js';
import { timeline } from './timeline.js';
import { value } from './value.js';

export const sections: Record<string, Section> = {
  summary,
  impact,
  'customer-impact': customerImpact,
  timeline,
  detection,
  moments,
  factors,
  lessons,
  communication,
  observed,
  chart,
  'secondary-charts': secondaryCharts,
  'mechanism-chart': mechanismChart,
  'counterfactual-caveat': counterfactualCaveat,
  counterfactuals,
  'action-items': actionItems,
  sensitivity,
  'boundary-map': boundaryMap,
  parameters,
  assumptions,
  sources,
  value,
};

export type { Section, BlockSection, InlineSection } from './section.js';
export { SectionError } from './section.js';
