// The shape of a report section: a pure function from the report state and the directive's
// attributes to mdast nodes. `block` sections are leaf directives (`::timeline`), `inline`
// sections are text directives (`:value{name=title}`).
import type { PhrasingContent, RootContent } from 'mdast';
import type { ReportState } from '../report-state.js';

export interface SectionAttribute {
  description: string;
  required?: boolean;
  /** The values allowed, when the attribute is an enumeration. */
  values?: readonly string[];
}

interface SectionBase {
  description: string;
  attributes: Record<string, SectionAttribute>;
  /**
   * The section shows the replay (charts, counterfactuals, the model's parameters): left out of
   * the report of an incident without a `model:`, with the heading above it when nothing else
   * is under that heading (template/without-replay.ts).
   */
  needsReplay?: boolean;
}

export interface BlockSection extends SectionBase {
  kind: 'block';
  render(state: ReportState, attributes: Readonly<Record<string, string>>): RootContent[];
}

export interface InlineSection extends SectionBase {
  kind: 'inline';
  render(state: ReportState, attributes: Readonly<Record<string, string>>): PhrasingContent[];
}

export type Section = BlockSection | InlineSection;

/** Data the template asks for is missing (`::chart{series=nope}`): reported at the directive. */
export class SectionError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'SectionError';
  }
}
