import { mkdirSync, writeFileSync } from 'node:fs';
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/** Ends the run with the plain line CI reads: "N passed, N failed, N skipped". */
export default class SummaryReporter implements Reporter {
  #passed = 0;
  #failed = 0;
  #skipped = 0;

  onTestEnd(_test: TestCase, result: TestResult): void {
    if (result.status === 'passed') this.#passed++;
    else if (result.status === 'skipped') this.#skipped++;
    else this.#failed++;
  }

  onEnd(_result: FullResult): void {
    process.stdout.write(`\ne2e: ${this.#passed} passed, ${this.#failed} failed, ${this.#skipped} skipped\n`);
    mkdirSync('test-output', { recursive: true });
    const counts = { passed: this.#passed, failed: this.#failed, skipped: this.#skipped };
    writeFileSync('test-output/e2e-summary.json', JSON.stringify(counts));
  }
}
