import type { Reporter, SerializedError, TestModule } from 'vitest/node';

/**
 * Prints `N passed, N failed, N skipped` as the run's last line, without colour, because CI reads
 * that plain line and vitest's own summary is not in a form it recognises. A test file that fails to
 * load has no tests to count, so it counts as one failure; so does each unhandled error.
 *
 * Above it, one `skipped: …` line per reason a test was skipped with: the tests that need a server are
 * skipped with a test named after the variable that turns them on ("set REDIS_URL … to run …").
 */
export default class PlainSummaryReporter implements Reporter {
  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
  ): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    const reasons = new Map<string, number>();
    for (const testModule of testModules) {
      let failedHere = 0;
      const reasonsHere = new Set<string>();
      for (const test of testModule.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failedHere += 1;
        else {
          skipped += 1;
          if (test.options.mode === 'skip' && test.name.startsWith('set ')) reasonsHere.add(test.name);
        }
      }
      for (const reason of reasonsHere) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      // A file that failed to load, or whose hooks failed, counts once even when every test passed.
      if (failedHere === 0 && testModule.state() === 'failed') failedHere = 1;
      failed += failedHere;
    }
    const skips = [...reasons].map(
      ([reason, count]) => `skipped: ${reason}${count > 1 ? ` (${count} files)` : ''}\n`,
    );
    process.stdout.write(`\n${skips.join('')}${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
