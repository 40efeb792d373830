/** What the core says about the web dashboard and its links. */
export const dashboardMessages = {
  dashboardOff: () =>
    'The web dashboard is off. To turn it on, set STARCOACH_WEB_SECRET (a long random string) and STARCOACH_PUBLIC_URL (the address the dashboard is reached at), then restart the bot.',
  /** One sentence for a cohort or member that does not exist and one the viewer may not see: it reveals neither. */
  dashboardNotFound: () =>
    'There is nothing to show here for this link. Ask the bot for a new dashboard link.',
  dashboardMembersOwnPage: () =>
    'Your dashboard link shows your own progress page only. Cohort pages are for instructors and admins.',
  /** Beside the link the chat command sends; `hours` until it expires (DashboardLink.expiresAt). */
  dashboardLinkSent: (role: 'admin' | 'instructor' | 'member', hours: number) =>
    role === 'member'
      ? `Here is a private link to your own progress page. It works for ${hours} hours; don't share it.`
      : `Here is your private dashboard link to your cohorts. It works for ${hours} hours; don't share it.`,
} as const;
