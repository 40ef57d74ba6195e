// The site's one script, bundled with Chart.js and its plugins by esbuild when the package is
// built (tools/bundle-site-assets.mjs). A classic script, not a module: Chromium refuses module
// scripts under file://. It draws the charts of an incident page and makes the index sortable
// and filterable; a page without either is left alone.
import { drawCharts } from './draw-charts.js';
import { enhanceIndexTable } from './index-table.js';

const data = document.getElementById('site-data');
if (data?.textContent) drawCharts(JSON.parse(data.textContent));
const table = document.querySelector<HTMLTableElement>('table.incidents');
if (table) enhanceIndexTable(table);
