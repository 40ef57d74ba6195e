// The sentences that say how close to the edge the system sat, from a boundary map: the side
// of the boundary the actual system was on, how far from it (in units of the map's spans, so
// the two parameters weigh alike), the nearest point on the other side, where the boundary
// crosses the actual system's row, and where each scenario sits. Shared by the report section
// and the `boundary` command, so both say the same thing.
import type { BoundaryMapResult, BoundaryPosition } from '../analysis/boundary-map.js';
import { formatNumber, formatQuantity } from './format/format-number.js';

const percentOfMap = (d: number) => `${formatNumber(100 * d)}%`;

export function describeBoundaryMargin(map: BoundaryMapResult): string[] {
  const { x, y, actual } = map;
  const at = (p: { x: number; y: number }) => `${x.parameter} ${formatQuantity(p.x, x.unit)}, ${y.parameter} ${formatQuantity(p.y, y.unit)}`;
  const what = map.measure === 'end' ? 'value at the end' : 'peak';
  const peak = (p: BoundaryPosition) => `${what} of ${formatQuantity(p.peak, map.unit)}`;
  const side = (p: BoundaryPosition) => (p.beyond ? 'beyond the boundary' : 'inside the boundary');
  const lines: string[] = [];
  // On a map of a scenario's world, the file's values are not what happened.
  const system = map.scenario ? `With scenario \`${map.scenario.id}\`, the file's values` : 'The actual system';
  const threshold = `${map.worse === 'lower' ? 'at or below' : 'at or above'} ${formatQuantity(map.threshold, map.unit)}`;
  const margin = actual.margin;
  if (!margin) {
    const lo = Math.min(...map.peaks);
    const hi = Math.max(...map.peaks);
    lines.push(
      `No boundary crosses this map: ${actual.beyond ? 'every' : 'no'} point of it has a ${map.seriesTitle.toLowerCase()} ${what} ${threshold} (the values run from ${formatQuantity(lo, map.unit)} to ${formatQuantity(hi, map.unit)}). ${system} (${at(actual)}, ${peak(actual)}) sat ${actual.beyond ? 'beyond' : 'inside'} it by more than the map shows.`,
    );
  } else {
    const other = actual.beyond ? 'the nearest point without impact' : 'the nearest point of the boundary';
    const crossings = [
      margin.xAtSameY !== null ? `at the same ${y.parameter}, the boundary lies at ${x.parameter} ${formatQuantity(margin.xAtSameY, x.unit)}` : '',
      margin.yAtSameX !== null ? `at the same ${x.parameter}, at ${y.parameter} ${formatQuantity(margin.yAtSameX, y.unit)}` : '',
    ].filter(Boolean);
    lines.push(
      `${system} (${at(actual)}) sat ${side(actual)}, with a ${peak(actual)} against a boundary at ${formatQuantity(map.threshold, map.unit)}: ` +
        `${percentOfMap(margin.distance)} of the map's span from the edge, ${other} being ${at(margin.nearest)}` +
        (crossings.length > 0 ? `; ${crossings.join('; ')}.` : '.'),
    );
  }
  for (const s of map.scenarios) {
    const caveats = [
      s.alsoChanges.length > 0 ? `it also changes ${s.alsoChanges.join(', ')}, which the map holds at the file's values` : '',
      s.changesTimeline ? 'its timeline changes are not part of the map' : '',
    ].filter(Boolean);
    lines.push(
      `Scenario \`${s.id}\` (${at(s)}) ${s.onMap ? 'sits' : 'lies off the map, and would sit'} ${side(s)}, with a ${peak(s)}` + (caveats.length > 0 ? ` (${caveats.join('; ')}).` : '.'),
    );
  }
  return lines;
}
