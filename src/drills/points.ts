/**
 * Weekly leaderboard points: showing up counts most, improving counts next, raw score least, so a
 * member who is learning can beat one who already knew the answers.
 */
export const pointsForAnswer = 10;
export const pointsPerImprovedStep = 5;

export function pointsFor(score: number, previousScore: number | null): number {
  const improvement = previousScore === null ? 0 : Math.max(0, score - previousScore);
  return pointsForAnswer + score + improvement * pointsPerImprovedStep;
}
