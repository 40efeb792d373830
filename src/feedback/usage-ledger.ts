/** Tokens spent per user per day, for the daily LLM budget. The store implements it; tests may use memory. */
export interface UsageLedger {
  /** Tokens the user spent on `day` (YYYY-MM-DD, UTC). */
  spent(userKey: string, day: string): Promise<number>;
  add(userKey: string, day: string, tokens: number): Promise<void>;
}

export function createMemoryUsageLedger(): UsageLedger {
  const totals = new Map<string, number>();
  return {
    async spent(userKey, day) {
      return totals.get(`${userKey}|${day}`) ?? 0;
    },
    async add(userKey, day, tokens) {
      const key = `${userKey}|${day}`;
      totals.set(key, (totals.get(key) ?? 0) + tokens);
    },
  };
}
