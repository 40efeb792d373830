import type { CohortOverview, DashboardViewer } from '../../../src/index.ts';
import { competencyWeeksChart } from '../charts/competency-weeks.ts';
import { one } from '../charts/frame.ts';
import { participationChart } from '../charts/participation.ts';
import { html, type SafeHtml } from '../html.ts';
import { periodName, segment, withQuery } from './format.ts';
import { layout, periodLinks, tableWrap } from './layout.ts';

/** A cohort at a glance: participation, weekly competency averages, hardest questions, assignments. */
export function overviewPage(viewer: DashboardViewer, overview: CohortOverview): string {
  const { cohort } = overview;
  const base = `/c/${segment(cohort.channel)}`;
  const period = periodName(overview.periodDays);
  const body = html`<h1>Cohort ${cohort.channel}</h1>
<p>${cohort.members} members · pack ${cohort.packTitle} · ${cohort.timezone} · last ${overview.periodDays} days</p>
${periodLinks(base, overview.periodDays)}
<p><a href="${withQuery(`${base}/roster`, { period })}">Roster of this cohort</a></p>
<section aria-labelledby="participation-heading"><h2 id="participation-heading">Participation</h2>
<div class="figure">${participationChart('participation-chart', overview.participation)}${participationTable(overview)}</div></section>
<section aria-labelledby="competency-heading"><h2 id="competency-heading">Weekly average per competency</h2>
<div class="figure">${competencyWeeksChart('competency-chart', overview.competencyWeeks)}${competencyTable(overview)}</div></section>
<section aria-labelledby="hardest-heading"><h2 id="hardest-heading">Hardest questions</h2>${hardestTable(overview)}</section>
<section aria-labelledby="assignments-heading"><h2 id="assignments-heading">Assignment completion</h2>${assignmentsTable(overview)}</section>
<section aria-labelledby="peer-heading"><h2 id="peer-heading">Peer mock interviews</h2>${peerFacts(overview)}</section>`;
  return layout({ title: `Cohort ${cohort.channel}`, viewer, body });
}

/** Scored by partners, so kept out of every graded figure on the page. */
function peerFacts(overview: CohortOverview): SafeHtml {
  const { answers, average, active } = overview.peer;
  if (answers === 0) return html`<p>No peer-scored answers in this period.</p>`;
  return html`<ul class="facts">
<li><strong>${answers}</strong> peer-scored ${answers === 1 ? 'answer' : 'answers'}</li>
<li><strong>${one(average ?? 0)}</strong> average peer score out of 5</li>
<li><strong>${active}</strong> ${active === 1 ? 'member' : 'members'} practised in pairs</li>
</ul>
<p class="note">Scored by interview partners on the scorecard; not part of the graded figures above.</p>`;
}

function participationTable(overview: CohortOverview): SafeHtml {
  const rows = overview.participation.map(
    (day) =>
      html`<tr><th scope="row">${day.date}</th><td class="num">${day.members}</td><td class="num">${day.answers}</td></tr>`,
  );
  return tableWrap(
    'Participation per day, as a table',
    html`<table class="tall"><caption>Participation per day</caption><thead><tr><th scope="col">Date</th><th scope="col">Members</th><th scope="col">Answers</th></tr></thead><tbody>${rows}</tbody></table>`,
  );
}

function competencyTable(overview: CohortOverview): SafeHtml {
  if (overview.competencyWeeks.length === 0) return html`<p>No graded answers in this period.</p>`;
  const rows = overview.competencyWeeks.map(
    (row) =>
      html`<tr><th scope="row">${row.week}</th><td>${row.competency}</td><td class="num">${one(row.average)}</td><td class="num">${row.answers}</td></tr>`,
  );
  return tableWrap(
    'Weekly average per competency, as a table',
    html`<table class="tall"><caption>Weekly average per competency</caption><thead><tr><th scope="col">Week</th><th scope="col">Competency</th><th scope="col">Average</th><th scope="col">Answers</th></tr></thead><tbody>${rows}</tbody></table>`,
  );
}

function hardestTable(overview: CohortOverview): SafeHtml {
  if (overview.hardestQuestions.length === 0) {
    return html`<p>No question was answered at least twice in this period.</p>`;
  }
  const rows = overview.hardestQuestions.map(
    (question) =>
      html`<tr><th scope="row">${question.text}</th><td>${question.questionId}</td><td class="num">${one(question.average)}</td><td class="num">${question.answers}</td></tr>`,
  );
  return tableWrap(
    'Hardest questions, as a table',
    html`<table><caption>Lowest average score first</caption><thead><tr><th scope="col">Question</th><th scope="col">Id</th><th scope="col">Average</th><th scope="col">Answers</th></tr></thead><tbody>${rows}</tbody></table>`,
  );
}

function assignmentsTable(overview: CohortOverview): SafeHtml {
  if (overview.assignments.length === 0) return html`<p>No assignments for this cohort.</p>`;
  const rows = overview.assignments.map(
    (row) =>
      html`<tr><th scope="row">${row.packTitle}</th><td>${row.due}</td><td class="num">${row.questions}</td><td class="num">${row.done}</td><td class="num">${row.inProgress}</td><td class="num">${row.overdue}</td><td class="num">${row.notStarted}</td><td class="num">${row.members}</td></tr>`,
  );
  return tableWrap(
    'Assignment completion, as a table',
    html`<table><caption>Members per status</caption><thead><tr><th scope="col">Pack</th><th scope="col">Due</th><th scope="col">Questions</th><th scope="col">Done</th><th scope="col">In progress</th><th scope="col">Overdue</th><th scope="col">Not started</th><th scope="col">Members</th></tr></thead><tbody>${rows}</tbody></table>`,
  );
}
