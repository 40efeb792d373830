// starcoach dashboard: sorts the roster in place when a column heading is clicked. Without this script
// the same links sort on the server, so the page works as well without it.
(() => {
  const table = document.getElementById('roster');
  if (!table) return;
  const body = table.tBodies[0];
  const headers = Array.from(table.tHead.rows[0].cells);
  const compare = (a, b) => {
    if (a === '' || b === '') return a === b ? 0 : a === '' ? 1 : -1;
    const x = Number(a);
    const y = Number(b);
    return Number.isNaN(x) || Number.isNaN(y) ? a.localeCompare(b) : x - y;
  };
  for (const [index, header] of headers.entries()) {
    const link = header.querySelector('a[data-sort]');
    if (!link) continue;
    link.addEventListener('click', (event) => {
      event.preventDefault();
      const ascending = header.getAttribute('aria-sort') !== 'ascending';
      const rows = Array.from(body.rows);
      rows.sort((a, b) => {
        const x = a.cells[index].dataset.value ?? '';
        const y = b.cells[index].dataset.value ?? '';
        const order = compare(x, y);
        if (x === '' || y === '') return order;
        return (
          (ascending ? order : -order) || a.cells[0].dataset.value.localeCompare(b.cells[0].dataset.value)
        );
      });
      for (const row of rows) body.appendChild(row);
      for (const other of headers) other.removeAttribute('aria-sort');
      header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      const url = new URL(link.href);
      url.searchParams.set('dir', ascending ? 'asc' : 'desc');
      history.replaceState(null, '', url);
      // The next click on this heading turns the order round, as the server's link would.
      url.searchParams.set('dir', ascending ? 'desc' : 'asc');
      link.href = url.toString();
    });
  }
})();
