/**
 * A random pause growing with the round (at most 20 ms), so members who raced for the same candidates
 * do not race again in lockstep.
 */
export function pauseBriefly(round: number): Promise<void> {
  const ms = Math.random() * Math.min(20, 5 * round);
  return new Promise((resolve) => setTimeout(resolve, ms));
}
