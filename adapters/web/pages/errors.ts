import { html } from '../html.ts';
import { layout } from './layout.ts';

/** How to get a new link, on every page that refuses one. */
const askAgain = 'Ask the bot for a new link: /coach dashboard on Slack, /dashboard on Discord.';

/** A refused or broken link: it says nothing about why, only what to do. */
export function linkRefusedPage(): string {
  return layout({
    title: 'Link not valid',
    viewer: null,
    body: html`<h1>This link does not work</h1><p>The link is not valid, or it has expired.</p><p>${askAgain}</p>`,
  });
}

/** No session: the dashboard is reached through a link from the bot. */
export function signedOutPage(): string {
  return layout({
    title: 'Not signed in',
    viewer: null,
    body: html`<h1>Open the dashboard from your link</h1><p>Your session has ended, or this browser has none.</p><p>${askAgain}</p>`,
  });
}

/** The core refused a read; its sentence is written for users and reveals nothing. */
export function refusedPage(message: string): string {
  return layout({
    title: 'Nothing to show',
    viewer: null,
    body: html`<h1>Nothing to show</h1><p>${message}</p><p><a href="/">Back to the dashboard</a></p>`,
  });
}

export function badRequestPage(problems: readonly string[]): string {
  return layout({
    title: 'Bad request',
    viewer: null,
    body: html`<h1>This address has a mistake in it</h1><ul>${problems.map((problem) => html`<li>${problem}</li>`)}</ul><p><a href="/">Back to the dashboard</a></p>`,
  });
}

export function notFoundPage(): string {
  return layout({
    title: 'Not found',
    viewer: null,
    body: html`<h1>Page not found</h1><p><a href="/">Back to the dashboard</a></p>`,
  });
}

export function tooManyRequestsPage(): string {
  return layout({
    title: 'Too many requests',
    viewer: null,
    body: html`<h1>Too many requests</h1><p>Wait a minute, then try again.</p>`,
  });
}

export function serverErrorPage(): string {
  return layout({
    title: 'Something broke',
    viewer: null,
    body: html`<h1>Something broke</h1><p>The dashboard could not show this page. Try again in a moment.</p>`,
  });
}

/**
 * The answer to a link: the session cookie is set with this page, which then moves on by itself. A
 * redirect would not do: a SameSite=Strict cookie set on a navigation that started on another site (the
 * chat) is not sent on the redirect that follows, but it is on this same-site refresh. No script (CSP).
 */
export function openingPage(target: string): string {
  return layout({
    title: 'Opening your dashboard',
    viewer: null,
    head: html`<meta http-equiv="refresh" content="0;url=${target}">`,
    body: html`<h1>Opening your dashboard…</h1><p><a href="${target}">Continue to your dashboard</a></p>`,
  });
}
