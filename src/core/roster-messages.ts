/** What the core says about rosters and exports. Channels are written `<#id>`. */
export const rosterMessages = {
  invalidSince: (value: string) =>
    `"${value}" is not a date to export from. Use YYYY-MM-DD, like 2026-11-01, on or before today.`,
  rosterEmpty: () =>
    'No members yet: members join a cohort by answering its drill or when an instructor adds them.',
  rosterHeading: (channel: string | null, periodDays: number, members: number) =>
    `${channel ? `Roster of <#${channel}>` : 'Workspace roster'} · last ${periodDays} days · ${members} member${members === 1 ? '' : 's'}, least active first`,
  rosterMore: (more: number) => `…and ${more} more. The export has everyone.`,
  exportSent: (rows: number, filename: string) =>
    `Sent you ${filename} (${rows} answer${rows === 1 ? '' : 's'}) in a direct message.`,
  exportAttached: (rows: number) => `The export: ${rows} answer${rows === 1 ? '' : 's'}, attached as CSV.`,
} as const;
