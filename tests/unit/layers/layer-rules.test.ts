import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layer boundaries are lint rules; these tests prove the rules really fail on a violation, so a
// later config change cannot silently switch them off.
const eslint = new ESLint();

async function refused(filePath: string, code: string): Promise<boolean> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).some((m) => m.ruleId === 'no-restricted-imports');
}

describe('layer rules', () => {
  it('refuse Node and electron in the renderer', async () => {
    expect(await refused('renderer/src/lib/x.ts', "import { readFile } from 'node:fs';\nexport const f = readFile;\n")).toBe(true);
    expect(await refused('renderer/src/lib/x.ts', "import fs from 'fs';\nexport const f = fs;\n")).toBe(true);
    expect(await refused('renderer/src/lib/x.ts', "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n")).toBe(true);
    expect(await refused('renderer/src/lib/x.ts', "import { KioskHost } from '../../../electron/core/kiosk-host';\nexport const k = KioskHost;\n")).toBe(true);
  });

  it('refuse electron and Svelte in the host core, the Chromium kiosk and the CLI', async () => {
    for (const file of ['electron/core/x.ts', 'electron/kiosk/x.ts', 'electron/cli/x.ts']) {
      expect(await refused(file, "import { app } from 'electron';\nexport const a = app;\n"), file).toBe(true);
      expect(await refused(file, "import { mount } from 'svelte';\nexport const m = mount;\n"), file).toBe(true);
    }
  });

  it('refuse Svelte and renderer code in the Electron main process, which may import electron', async () => {
    expect(await refused('electron/shell/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toBe(false);
    expect(await refused('electron/shell/x.ts', "import { mount } from 'svelte';\nexport const m = mount;\n")).toBe(true);
  });

  it('keep the contract free of Node, electron and both sides', async () => {
    expect(await refused('contract/x.ts', "import * as v from 'valibot';\nexport const s = v.string();\n")).toBe(false);
    expect(await refused('contract/x.ts', "import { join } from 'node:path';\nexport const j = join;\n")).toBe(true);
  });

  it('ban sleeping in tests', async () => {
    const [result] = await eslint.lintText('export async function t(page: { waitForTimeout(ms: number): Promise<void> }) {\n  await page.waitForTimeout(500);\n}\n', {
      filePath: 'tests/e2e/x.spec.ts',
    });
    expect(result?.messages.some((m) => m.ruleId === 'no-restricted-properties')).toBe(true);
  });
});
