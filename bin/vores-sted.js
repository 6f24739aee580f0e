#!/usr/bin/env node
// The `vores-sted` command (npx vores-sted …): runs the built CLI. Build first with `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/electron/cli/vores-sted.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('vores-sted: kør først "npm run build" / run "npm run build" first\n');
  process.exit(2);
}
await import(entry.href);
