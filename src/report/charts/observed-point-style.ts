// How a figure of the record is drawn: a published number as a filled diamond; anything else (a
// reading of the record's words, a paraphrase, a derived or assumed value) as a hollow one, so a
// chart never makes our interpretation look like the operator's number.
import type { FactProvenance } from '../../incident/provenance.js';
import { observedColour } from './palette.js';

export interface ObservedPointStyle {
  pointStyle: 'rectRot';
  backgroundColor: string;
  borderColor: string;
  borderWidth: number;
}

export function observedPointStyle(provenance: FactProvenance): ObservedPointStyle {
  return provenance === 'published'
    ? { pointStyle: 'rectRot', backgroundColor: observedColour, borderColor: observedColour, borderWidth: 1 }
    : { pointStyle: 'rectRot', backgroundColor: '#ffffff', borderColor: observedColour, borderWidth: 2 };
}

/** The legend entry of the figures: says what filled and hollow mean when both are drawn. */
export function observedLegendLabel(provenances: readonly FactProvenance[]): string {
  const published = provenances.filter((p) => p === 'published').length;
  if (published === provenances.length) return 'Published figures';
  if (published === 0) return 'Figures read from the record (hollow: not published as numbers)';
  return 'Figures of the record (filled: published; hollow: our reading)';
}
