import type { DashboardViewer } from '../../../src/index.ts';
import { assetPaths } from '../assets.ts';
import { html, type SafeHtml } from '../html.ts';
import { periods } from '../query.ts';
import { periodName, withQuery } from './format.ts';

export interface LayoutOptions {
  title: string;
  /** Null on pages shown before a session exists (errors, the link page). */
  viewer: DashboardViewer | null;
  body: SafeHtml;
  /** Extra head markup, such as the link page's refresh. */
  head?: SafeHtml;
}

/** Every page's frame: language, viewport, our own CSS and script, a skip link and the navigation. */
export function layout(options: LayoutOptions): string {
  const { viewer } = options;
  const nav = viewer
    ? html`<nav aria-label="Dashboard"><ul>${
        viewer.role === 'member' ? null : html`<li><a href="/">Cohorts</a></li>`
      }<li><a href="/me">My progress</a></li></ul><p class="who">Signed in as ${viewer.user} (${viewer.role})</p></nav>`
    : null;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>${options.title} · starcoach</title>
<link rel="stylesheet" href="${assetPaths.css}">
<script src="${assetPaths.js}" defer></script>
${options.head ?? null}
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site"><p class="brand">starcoach dashboard</p>${nav}</header>
<main id="main" tabindex="-1">
${options.body}
</main>
</body>
</html>
`.value;
}

/** Links to the same page over 7, 30 or 90 days; the current one marked for screen readers too. */
export function periodLinks(
  path: string,
  days: number,
  keep: Record<string, string | undefined> = {},
): SafeHtml {
  const current = periodName(days);
  return html`<nav class="periods" aria-label="Period"><span>Period:</span> ${Object.keys(periods).map(
    (name) =>
      name === current
        ? html`<a href="${withQuery(path, { ...keep, period: name })}" aria-current="page">${name}</a> `
        : html`<a href="${withQuery(path, { ...keep, period: name })}">${name}</a> `,
  )}</nav>`;
}

/** A table in a wrapper that scrolls sideways on a narrow screen and can be scrolled by keyboard. */
export function tableWrap(label: string, table: SafeHtml): SafeHtml {
  return html`<div class="table-wrap" role="region" aria-label="${label}" tabindex="0">${table}</div>`;
}
