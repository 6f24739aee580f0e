import { defineConfig } from '@playwright/test';
import { SOFTWARE_GL_ARGS } from './electron/kiosk/software-gl';

// End-to-end tests drive the real kiosk server with the system Chromium (never a downloaded browser),
// configured as the kiosk configures it on a machine without a GPU (SOFTWARE_GL_ARGS). One worker: 2 cores and a CPU renderer.
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-output/playwright',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['./tests/e2e/support/summary-reporter.ts']],
  projects: [
    { name: 'chromium-kiosk', testIgnore: /electron\.spec\.ts/ },
    { name: 'electron', testMatch: /electron\.spec\.ts/ },
  ],
  use: {
    viewport: { width: 1920, height: 1080 },
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: [...SOFTWARE_GL_ARGS, '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});
