// The action items' benefit over the plausible worlds as a Chart.js configuration (plain data,
// like the series charts): one horizontal bar per ranked item at its median reduction of the
// impact area on the series it addresses, and a thinner floating bar across its 10–90 %
// interval, in the order the report ranks them. Reductions are in % of the actual impact area.
import type { ChartConfiguration } from 'chart.js';
import type { RankedActionItem } from '../rank-action-items.js';
import { actualColour, counterfactualColour, withAlpha } from './palette.js';
import { toTenth } from '../robust-benefit.js';

export type BenefitChartConfiguration = ChartConfiguration<'bar', (number | [number, number])[], string>;

export function benefitChart(ranked: readonly RankedActionItem[], title: string): BenefitChartConfiguration {
  const shown = ranked.filter((r) => r.benefit && r.benefit.areaChangePercent.median !== null);
  const reduction = (x: number | null) => -(toTenth(x) ?? 0) + 0;
  return {
    type: 'bar',
    data: {
      // A tie is marked where it is drawn: equal bars are equal on purpose, not by rounding.
      labels: shown.map((r) => (r.tie ? `${r.item.id} (tie)` : r.item.id)),
      datasets: [
        {
          label: 'Median reduction of the impact area (%)',
          data: shown.map((r) => reduction(r.benefit!.areaChangePercent.median)),
          backgroundColor: withAlpha(actualColour, 0.75),
          borderColor: actualColour,
          borderWidth: 1,
          barPercentage: 0.8,
          grouped: false,
          order: 2,
        },
        {
          label: '10–90 % of the plausible worlds',
          // The interval of the reduction: the 90th percentile of the change is its low end.
          data: shown.map((r): [number, number] => [reduction(r.benefit!.areaChangePercent.p90), reduction(r.benefit!.areaChangePercent.p10)]),
          backgroundColor: withAlpha(counterfactualColour(0), 0.9),
          borderColor: counterfactualColour(0),
          borderWidth: 1,
          barPercentage: 0.25,
          grouped: false,
          order: 1,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      animation: false,
      responsive: false,
      plugins: {
        title: { display: true, text: title },
        legend: { position: 'bottom' },
      },
      scales: {
        x: { title: { display: true, text: 'Reduction of the impact area, % of the actual (series each item addresses)' }, suggestedMin: 0, suggestedMax: 100 },
        y: { title: { display: true, text: 'Action item' } },
      },
    },
  };
}
