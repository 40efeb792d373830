import type { DashboardViewer, MemberAnswer, MemberPage } from '../../../src/index.ts';
import { attemptsChart } from '../charts/attempts.ts';
import { competencyBarsChart } from '../charts/competency-bars.ts';
import { one } from '../charts/frame.ts';
import { html, type SafeHtml } from '../html.ts';
import { dateTime, segment } from './format.ts';
import { layout, periodLinks, tableWrap } from './layout.ts';

const dayMs = 86_400_000;

/** One member's path: attempts over time, score per competency, streak, due reviews, their answers. */
export function memberPage(viewer: DashboardViewer, page: MemberPage, now: number): string {
  const own = viewer.user === page.user;
  const heading = own ? 'My progress' : `Progress of ${page.user}`;
  const path = page.cohort === null ? '/me' : `/c/${segment(page.cohort)}/m/${segment(page.user)}`;
  const since = now - page.periodDays * dayMs;
  const body = html`<h1>${heading}</h1>
<p>${page.cohort ? html`Cohort ${page.cohort} · ` : null}last ${page.periodDays} days</p>
${periodLinks(path, page.periodDays)}
<ul class="facts">
<li><strong>${page.streak}</strong> day streak${page.practisedToday ? ' (practised today)' : ''}</li>
<li><strong>${page.attempts.length}</strong> graded attempts</li>
<li><strong>${page.dueReviews.length}</strong> reviews due</li>
</ul>
<section aria-labelledby="attempts-heading"><h2 id="attempts-heading">Attempts over time</h2>
<div class="figure">${attemptsChart('attempts-chart', page.attempts, since, now)}${attemptsTable(page)}</div></section>
<section aria-labelledby="competencies-heading"><h2 id="competencies-heading">Score per competency</h2>
<div class="figure">${competencyBarsChart('competencies-chart', page.competencies)}${competenciesTable(page)}</div></section>
<section aria-labelledby="reviews-heading"><h2 id="reviews-heading">Reviews due</h2>${reviewsTable(page)}</section>
<section aria-labelledby="peer-heading"><h2 id="peer-heading">Peer mock interviews</h2>${peerTable(page)}</section>
<section aria-labelledby="answers-heading"><h2 id="answers-heading">Answers and feedback</h2>
<p class="note">Answers are shown as they were stored, with personal details redacted.</p>${page.answers.length === 0 ? html`<p>No answers in this period.</p>` : page.answers.map(answerBlock)}</section>`;
  return layout({ title: heading, viewer, body });
}

function attemptsTable(page: MemberPage): SafeHtml {
  if (page.attempts.length === 0) return html`<p>No graded attempts in this period.</p>`;
  const rows = page.attempts.map(
    (attempt) =>
      html`<tr><th scope="row">${dateTime(attempt.at)}</th><td>${attempt.questionText}</td><td class="num">${attempt.score}</td><td>${attempt.competencies.join(', ')}</td></tr>`,
  );
  return tableWrap(
    'Attempts, as a table',
    html`<table class="tall"><caption>Attempts, oldest first</caption><thead><tr><th scope="col">When</th><th scope="col">Question</th><th scope="col">Score</th><th scope="col">Competencies</th></tr></thead><tbody>${rows}</tbody></table>`,
  );
}

function competenciesTable(page: MemberPage): SafeHtml {
  if (page.competencies.length === 0) return html`<p>No graded answers in this period.</p>`;
  const rows = page.competencies.map(
    (row) =>
      html`<tr><th scope="row">${row.competency}</th><td class="num">${one(row.average)}</td><td class="num">${row.answers}</td></tr>`,
  );
  return tableWrap(
    'Score per competency, as a table',
    html`<table><caption>Average score out of 5</caption><thead><tr><th scope="col">Competency</th><th scope="col">Average</th><th scope="col">Answers</th></tr></thead><tbody>${rows}</tbody></table>`,
  );
}

function reviewsTable(page: MemberPage): SafeHtml {
  if (page.dueReviews.length === 0) return html`<p>No reviews due.</p>`;
  const rows = page.dueReviews.map(
    (review) => html`<tr><th scope="row">${review.questionText}</th><td>${review.due}</td></tr>`,
  );
  return tableWrap(
    'Reviews due, as a table',
    html`<table><caption>Soonest first</caption><thead><tr><th scope="col">Question</th><th scope="col">Due</th></tr></thead><tbody>${rows}</tbody></table>`,
  );
}

/** Scored by a partner on the scorecard: apart from graded attempts and their averages. */
function peerTable(page: MemberPage): SafeHtml {
  if (page.peer.length === 0) return html`<p>No peer-scored answers in this period.</p>`;
  const rows = page.peer.map(
    (attempt) =>
      html`<tr><th scope="row">${dateTime(attempt.at)}</th><td>${attempt.questionText}</td><td class="num">${attempt.score}</td><td class="num">${attempt.botScore ?? '–'}</td></tr>`,
  );
  return tableWrap(
    'Peer-scored answers, as a table',
    html`<table><caption>Scored by interview partners, oldest first; not in the graded figures</caption><thead><tr><th scope="col">When</th><th scope="col">Question</th><th scope="col">Peer score</th><th scope="col">Bot score</th></tr></thead><tbody>${rows}</tbody></table>`,
  );
}

function answerBlock(answer: MemberAnswer): SafeHtml {
  return html`<article class="answer"><h3>${answer.questionText}</h3>
<p class="meta">${dateTime(answer.at)} · score ${answer.score} of 5</p>
${answer.answers.map((text) => html`<blockquote><p>${text}</p></blockquote>`)}
${answer.feedback === null ? html`<p class="note">No feedback was logged for this answer.</p>` : html`<div class="feedback"><h4>Feedback</h4><p>${answer.feedback}</p></div>`}
</article>`;
}
