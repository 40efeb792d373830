import type { DashboardViewer, WorkspacePage } from '../../../src/index.ts';
import { html } from '../html.ts';
import { segment } from './format.ts';
import { layout, tableWrap } from './layout.ts';

/** The landing of admins and instructors: the cohorts their link covers. */
export function workspacePage(viewer: DashboardViewer, page: WorkspacePage): string {
  const rows = page.cohorts.map(
    (cohort) =>
      html`<tr><th scope="row"><a href="/c/${segment(cohort.channel)}">${cohort.channel}</a></th><td>${cohort.packTitle}</td><td class="num">${cohort.members}</td><td>${cohort.timezone}</td><td class="num">${cohort.openAssignments}</td><td><a href="/c/${segment(cohort.channel)}/roster">Roster</a></td></tr>`,
  );
  const table =
    page.cohorts.length === 0
      ? html`<p>No cohort to show. Create one with /coach cohort on Slack or /cohort on Discord.</p>`
      : tableWrap(
          'Cohorts',
          html`<table><caption>Cohorts you can see</caption><thead><tr><th scope="col">Channel</th><th scope="col">Pack</th><th scope="col">Members</th><th scope="col">Timezone</th><th scope="col">Open assignments</th><th scope="col">Roster</th></tr></thead><tbody>${rows}</tbody></table>`,
        );
  return layout({
    title: 'Cohorts',
    viewer,
    body: html`<h1>Cohorts</h1><p>Workspace ${page.tenant} on ${page.platform}.</p>${table}`,
  });
}
