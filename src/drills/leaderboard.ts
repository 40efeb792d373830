/** One row of a workspace's weekly leaderboard. */
export interface LeaderboardEntry {
  user: string;
  points: number;
  rank: number;
}

export interface Leaderboard {
  week: string;
  entries: LeaderboardEntry[];
  /** The asking member's own row, when they have opted in (even outside the top rows). */
  you: LeaderboardEntry | null;
  optedIn: boolean;
}

/** Ranks members by points (ties share a rank); only members who opted in are passed in. Pure. */
export function rankLeaderboard(
  week: string,
  members: { user: string; points: number }[],
  asking: string,
  optedIn: boolean,
  top = 10,
): Leaderboard {
  const sorted = [...members]
    .filter((member) => member.points > 0)
    .sort((a, b) => b.points - a.points || a.user.localeCompare(b.user));
  const ranked: LeaderboardEntry[] = [];
  for (const [index, member] of sorted.entries()) {
    const previous = ranked[index - 1];
    const rank = previous && previous.points === member.points ? previous.rank : index + 1;
    ranked.push({ ...member, rank });
  }
  return {
    week,
    entries: ranked.slice(0, top),
    you: ranked.find((entry) => entry.user === asking) ?? null,
    optedIn,
  };
}
