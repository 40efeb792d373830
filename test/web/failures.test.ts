import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDashboardHarness, teacher } from './dashboard-harness.ts';

describe('an unexpected failure', () => {
  it('gives a 500 page that shows nothing of it, and logs the error without the token or cookie', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'starcoach-web-'));
    const h = await openDashboardHarness({ storeUrl: `sqlite://${join(folder, 'store.sqlite')}` });
    try {
      const cookie = await h.signIn(teacher);
      expect((await h.get('/c/C1', cookie)).status).toBe(200);
      // The store goes away under the running server: a real failure, not a scripted one.
      await h.closeStore();
      const response = await h.get('/c/C1', cookie);
      expect(response.status).toBe(500);
      const page = await response.text();
      expect(page).toContain('Something broke');
      expect(page).not.toMatch(/sqlite|SQLITE|Error|at .*\.ts/);
      const logged = h.logger.lines.filter((line) => line.includes('dashboard-request-failed'));
      expect(logged).toHaveLength(1);
      expect(logged[0]).toContain('"route":"/c/:channel"');
      expect(logged[0]).not.toContain(cookie.split('=')[1]!.slice(0, 30));
    } finally {
      await h.close().catch(() => undefined);
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
