// `npm test`: every check in order (types, lint, unit, build, end to end, soak), each run even if an earlier
// one failed, so one run shows everything that is wrong. Ends with the line CI reads: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('test-output', { recursive: true });
const unitReport = 'test-output/vitest.json';
const e2eReport = 'test-output/e2e-summary.json';
rmSync(unitReport, { force: true });
rmSync(e2eReport, { force: true });

const stages = [
  ['typecheck', 'npm run --silent typecheck'],
  ['lint', 'npm run --silent lint'],
  ['unit', `npx vitest run --reporter=default --reporter=json --outputFile=${unitReport}`],
  ['build', 'npm run --silent build'],
  ['e2e', 'npx playwright test'],
  // 30 simulated minutes (≈ 3.5 real); the build above is the one it runs, so not `npm run soak` (which builds).
  ['soak', 'node --import tsx tests/soak/run.ts --ci'],
];

const failedStages = [];
for (const [name, command] of stages) {
  process.stdout.write(`\n=== ${name}: ${command}\n`);
  const result = spawnSync(command, { shell: true, stdio: 'inherit' });
  if (result.status !== 0) failedStages.push(name);
}

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(unitReport)) {
  const unit = JSON.parse(readFileSync(unitReport, 'utf8'));
  passed += unit.numPassedTests;
  failed += unit.numFailedTests;
  skipped += unit.numPendingTests + unit.numTodoTests;
}
if (existsSync(e2eReport)) {
  const e2e = JSON.parse(readFileSync(e2eReport, 'utf8'));
  passed += e2e.passed;
  failed += e2e.failed;
  skipped += e2e.skipped;
}
// A stage that failed without failing a test (types, lint, build, soak) still counts as a failure.
for (const stage of ['typecheck', 'lint', 'build', 'soak']) {
  if (failedStages.includes(stage)) failed += 1;
  else passed += 1;
}
if (failedStages.length > 0) process.stdout.write(`\nfailed stages: ${failedStages.join(', ')}\n`);
process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(failedStages.length > 0 ? 1 : 0);
