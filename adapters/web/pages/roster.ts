import type { DashboardViewer, Roster, RosterRow } from '../../../src/index.ts';
import { html, type SafeHtml } from '../html.ts';
import type { RosterColumn, RosterQuery } from '../query.ts';
import { rosterRows, sortValue } from '../roster-view.ts';
import { average, dateTime, lastActiveText, segment, trend, withQuery } from './format.ts';
import { layout, periodLinks, tableWrap } from './layout.ts';

const headings: [RosterColumn, string][] = [
  ['user', 'Member'],
  ['lastActive', 'Last active'],
  ['answers', 'Answers'],
  ['average', 'Average'],
  ['trend', 'Trend'],
  ['streak', 'Streak'],
  ['assignments', 'Assignments'],
  ['peer', 'Peer-scored'],
];

/**
 * The roster with the figures `/coach roster` gives, sorted and filtered by the server from the query;
 * the page's script sorts in place without a reload when it runs, using the same links.
 */
export function rosterPage(
  viewer: DashboardViewer,
  channel: string,
  roster: Roster,
  query: RosterQuery,
  now: number,
): string {
  const base = `/c/${segment(channel)}/roster`;
  const rows = rosterRows(roster.members, query.q, query.sort, query.dir);
  const keep = { q: query.q, sort: query.sort, dir: query.sort ? query.dir : undefined };
  const shown =
    rows.length === roster.members.length
      ? `${rows.length} members`
      : `${rows.length} of ${roster.members.length} members match “${query.q}”`;
  const body = html`<h1>Roster of ${channel}</h1>
<p><a href="/c/${segment(channel)}?period=${query.period}">Overview of this cohort</a></p>
${periodLinks(base, roster.periodDays, keep)}
<form class="filter" method="get" action="${base}" role="search">
<input type="hidden" name="period" value="${query.period}">
${query.sort ? html`<input type="hidden" name="sort" value="${query.sort}"><input type="hidden" name="dir" value="${query.dir}">` : null}
<label for="roster-filter">Filter by member</label>
<input id="roster-filter" name="q" type="search" maxlength="100" value="${query.q}">
<button type="submit">Filter</button>
</form>
<p><a href="${withQuery(`/c/${segment(channel)}/roster.csv`, { period: query.period })}" download>Download CSV</a> (every member, last ${roster.periodDays} days)</p>
<p id="roster-count" aria-live="polite">${shown}</p>
${tableWrap('Roster table', rosterTable(channel, rows, query, now))}`;
  return layout({ title: `Roster of ${channel}`, viewer, body });
}

function rosterTable(channel: string, rows: readonly RosterRow[], query: RosterQuery, now: number): SafeHtml {
  const base = `/c/${segment(channel)}/roster`;
  const head = headings.map(([column, label]) => {
    const current = query.sort === column;
    const next = current && query.dir === 'asc' ? 'desc' : 'asc';
    const href = withQuery(base, { period: query.period, q: query.q, sort: column, dir: next });
    const sorted = current ? (query.dir === 'asc' ? 'ascending' : 'descending') : null;
    return html`<th scope="col"${sorted ? html` aria-sort="${sorted}"` : null}><a href="${href}" data-sort="${column}">${label}</a></th>`;
  });
  const body = rows.map((row) => rosterRow(channel, row, query.period, now));
  return html`<table id="roster" class="sortable"><caption>Members, ${query.sort ? 'sorted as chosen' : 'least active first'}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function rosterRow(channel: string, row: RosterRow, period: string, now: number): SafeHtml {
  const value = (column: RosterColumn) => {
    const sortable = sortValue(row, column);
    return sortable === null ? '' : String(sortable);
  };
  const assignments = row.assignmentsTotal === 0 ? '–' : `${row.assignmentsDone} of ${row.assignmentsTotal}`;
  const lastActive = row.lastActive === null ? null : dateTime(row.lastActive);
  return html`<tr>
<th scope="row" data-value="${value('user')}"><a href="/c/${segment(channel)}/m/${segment(row.user)}?period=${period}">${row.user}</a></th>
<td data-value="${value('lastActive')}"${lastActive ? html` title="${lastActive}"` : null}>${lastActiveText(row.lastActive, now)}</td>
<td class="num" data-value="${value('answers')}">${row.answers}</td>
<td class="num" data-value="${value('average')}">${average(row.average)}</td>
<td class="num" data-value="${value('trend')}">${trend(row.trend)}</td>
<td class="num" data-value="${value('streak')}">${row.streak}${row.practisedToday ? ' (today)' : ''}</td>
<td class="num" data-value="${value('assignments')}">${assignments}</td>
<td class="num" data-value="${value('peer')}">${row.peerAnswers === 0 ? '–' : `${row.peerAnswers} (avg ${average(row.peerAverage)})`}</td>
</tr>`;
}
