// The index table made sortable (a button in each column heading; `aria-sort` says the order)
// and filterable by service, severity, year and model kind (the selects above it); a status
// line says how many incidents are shown. The rows carry their values as data attributes.
export function enhanceIndexTable(table: HTMLTableElement): void {
  const body = table.tBodies[0]!;
  const rows = [...body.rows];
  const selects = [...document.querySelectorAll<HTMLSelectElement>('select[data-filter]')];
  const count = document.getElementById('incident-count');
  const applyFilters = () => {
    let shown = 0;
    for (const row of rows) {
      const visible = selects.every((s) => s.value === '' || row.dataset[s.dataset.filter!] === s.value);
      row.hidden = !visible;
      if (visible) shown++;
    }
    if (count) count.textContent = `${shown} of ${rows.length} incidents shown`;
  };
  for (const s of selects) s.addEventListener('change', applyFilters);

  const headers = [...table.tHead!.rows[0]!.cells];
  for (const button of table.tHead!.querySelectorAll<HTMLButtonElement>('button[data-column]')) {
    button.addEventListener('click', () => {
      const column = Number(button.dataset.column);
      const header = headers[column]!;
      const ascending = header.getAttribute('aria-sort') !== 'ascending';
      for (const h of headers) h.setAttribute('aria-sort', 'none');
      header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      const key = (row: HTMLTableRowElement) => row.cells[column]!.dataset.sort ?? '';
      const numeric = rows.every((r) => key(r) !== '' && Number.isFinite(Number(key(r))));
      rows.sort((a, b) => {
        const order = numeric ? Number(key(a)) - Number(key(b)) : key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
        return ascending ? order : -order;
      });
      body.append(...rows);
    });
  }
}
