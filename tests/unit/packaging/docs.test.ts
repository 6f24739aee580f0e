import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type CliDeps } from '../../../electron/cli/main.js';
import { prepareContentCopy } from '../../../electron/core/content/prepare-content.js';
import { validateContentFolder } from '../../../electron/core/content/validate-content.js';
import { describeRejection, formatReceipt } from '../../../electron/core/bundle/index.js';

// Keeps docs/install.md and docs/staff.md true: every `vores-sted …` command line in their code blocks is
// run here, in doc order, in a scratch folder laid out as the docs describe (the content copied to
// indhold/, sticks and the kiosk's config mapped to temporary folders), and must succeed. The example
// outputs and receipts they show must be what the tool and the kiosk really print. `bundle build` of the
// real content (with its picture sizes) is the slow part: about 10 s on one core.

const root = resolve(import.meta.dirname, '../../..');
const DOCS = ['docs/install.md', 'docs/staff.md'] as const;
/** The example key in the docs; the test puts a freshly made one in its place. */
const EXAMPLE_KEY = 'iezJ89O1+EEjosa05PXtEfcwLwWQiiY06rapMde5Q6E=';

interface Block {
  doc: string;
  lang: string;
  lines: string[];
}

async function blocks(doc: string): Promise<Block[]> {
  const text = await readFile(join(root, doc), 'utf8');
  const found: Block[] = [];
  for (const match of text.matchAll(/^( *)```(\w*)\n([\s\S]*?)^\1```$/gm)) {
    const indent = (match[1] as string).length;
    found.push({ doc, lang: match[2] as string, lines: (match[3] as string).split('\n').filter(Boolean).map((line) => line.slice(indent)) });
  }
  return found;
}

const COMMAND = /^(?:sudo -u vores-sted )?(?:npx )?vores-sted(?:\s|$)/;

/** Whitespace-separated words; '…' and "…" group words. Backslashes are kept (Windows paths). */
function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

/** "…" in an example stands for anything; ids, keys and counts differ from run to run. */
function exampleToRegExp(example: string): RegExp {
  const marked = example
    .replace(/[A-Za-z0-9+/]{43}=/g, '\u0001')
    .replace(/\b[0-9a-f]{16}\b/g, '\u0002')
    .replace(/\b\d+ filer\b/g, '\u0003')
    .replace(/…/g, '\u0004');
  const pattern = marked
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replaceAll('\u0001', '[A-Za-z0-9+/]{43}=')
    .replaceAll('\u0002', '[0-9a-f]{16}')
    .replaceAll('\u0003', '\\d+ filer')
    .replaceAll('\u0004', '.*');
  return new RegExp(`^${pattern}$`);
}

const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('the commands in docs/install.md and docs/staff.md', () => {
  const all: Block[] = [];
  beforeAll(async () => {
    for (const doc of DOCS) all.push(...(await blocks(doc)));
  });

  it('are there to test (the docs show the commands IT and staff type)', () => {
    const commands = all.flatMap((block) => block.lines.filter((line) => COMMAND.test(line)));
    expect(commands.length).toBeGreaterThanOrEqual(9);
    expect(commands).toContain('npx vores-sted keys new --out nøgler');
  });

  it('all run here and succeed, in doc order', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'vs-docs-'));
    made.push(cwd);
    await cp(join(root, 'content'), join(cwd, 'indhold'), { recursive: true });
    const paths: Record<string, string> = {
      '/etc/vores-sted/config.json': join(cwd, 'kiosk', 'etc-vores-sted-config.json'),
      'E:\\': join(cwd, 'sticks', 'windows-E'),
      '/media/medarbejder/USB-STIK': join(cwd, 'sticks', 'linux'),
    };
    await mkdir(join(cwd, 'kiosk'), { recursive: true });
    await mkdir(paths['E:\\'] as string, { recursive: true });
    await mkdir(paths['/media/medarbejder/USB-STIK'] as string, { recursive: true });

    let publicKey: string | null = null;
    /** The configs the docs have IT write, with the freshly made key: the kiosk's and the Windows one. */
    const writeConfigs = async (): Promise<void> => {
      if (publicKey === null) throw new Error('the docs use a config before they make a key');
      const windows = all.find((block) => block.lang === 'json' && block.lines.join('\n').includes('trustedKeys'));
      if (!windows) throw new Error('install.md shows no config with trustedKeys');
      await writeFile(join(cwd, 'config.json'), windows.lines.join('\n').replace(EXAMPLE_KEY, publicKey));
      const kiosk = { bundles: { trustedKeys: [publicKey] }, port: 8350, dataDir: join(cwd, 'kiosk', 'data') };
      await writeFile(paths['/etc/vores-sted/config.json'] as string, JSON.stringify(kiosk));
    };

    const ran: string[] = [];
    for (const block of all) {
      for (const line of block.lines.filter((l) => COMMAND.test(l))) {
        const asKiosk = line.startsWith('sudo -u vores-sted ');
        const argv = words(line).slice(asKiosk ? 4 : line.startsWith('npx ') ? 2 : 1).map((word) => {
          if (word in paths) return paths[word] as string;
          if (/^(\/|[A-Z]:\\)/.test(word)) throw new Error(`${block.doc}: "${line}" uses ${word}, which this test cannot map to a scratch folder`);
          return word;
        });
        if (argv[0] === 'check-config' || argv[0] === 'doctor') await writeConfigs();
        // /usr/local/bin/vores-sted (what `sudo -u vores-sted vores-sted` runs) sets the kiosk's config.
        const env = asKiosk ? { VORES_STED_CONFIG: paths['/etc/vores-sted/config.json'] } : {};
        const deps: CliDeps = { validateContent: validateContentFolder, prepareContent: prepareContentCopy, env, projectRoot: root };
        const out: string[] = [];
        const code = await main(argv, { stdout: (t) => void out.push(t), stderr: (t) => void out.push(t), cwd }, deps);
        const output = out.join('\n');
        // doctor reports this machine, which is no kiosk: it may find things to fix (1), but it must run.
        const expected = argv[0] === 'doctor' ? [0, 1] : [0];
        expect(expected, `${block.doc}: ${line}\n${output}`).toContain(code);
        if (argv[0] === 'keys') publicKey = /\(trustedKeys\): (\S+)$/m.exec(output)?.[1] ?? null;
        ran.push(`${argv.slice(0, argv[0] === 'bundle' || argv[0] === 'keys' ? 2 : 1).join(' ')} → ${code}`);
      }
    }
    expect(ran.filter((entry) => entry.startsWith('bundle build'))).toHaveLength(1);
    expect(ran.filter((entry) => entry.startsWith('bundle to-usb'))).toHaveLength(2);
    expect(await readFile(join(paths['E:\\'] as string, 'vores-sted-2.vsb'))).toEqual(await readFile(join(cwd, 'pakker', 'vores-sted-2.vsb')));
  }, 120_000);

  it('name only commands the tool has, also where they are mentioned in the text', async () => {
    const help: string[] = [];
    await main(['--help'], { stdout: (t) => void help.push(t), stderr: () => undefined, cwd: root });
    const known = [...help.join('\n').matchAll(/^ {2}vores-sted ((?:keys|bundle) [\w-]+|[\w-]+)/gm)].map((m) => m[1] as string);
    expect(known).toEqual(expect.arrayContaining(['keys new', 'bundle build', 'bundle verify', 'bundle to-usb', 'check-config', 'doctor']));
    for (const doc of DOCS) {
      const text = await readFile(join(root, doc), 'utf8');
      for (const match of text.matchAll(/`((?:sudo -u vores-sted )?(?:npx )?vores-sted [^`…]*)`/g)) {
        const argv = words(match[1] as string).filter((w) => !['sudo', '-u', 'npx'].includes(w)).slice(1).filter((w) => w !== 'vores-sted');
        const name = argv[0] === 'keys' || argv[0] === 'bundle' ? argv.slice(0, 2).join(' ') : (argv[0] ?? '');
        expect(known, `${doc}: \`${match[1]}\``).toContain(name);
      }
    }
  });

  it('pass the installer only options it has', async () => {
    for (const [script, file] of [['install.sh', 'build/linux/install.sh'], ['uninstall.sh', 'build/linux/uninstall.sh']] as const) {
      const source = await readFile(join(root, file), 'utf8');
      const options = new Set([...source.matchAll(/^\s+(--[\w-]+)(?: \| [\w-]+)?\)/gm)].map((m) => m[1]));
      for (const block of all) {
        for (const line of block.lines.filter((l) => l.includes(`build/linux/${script}`))) {
          for (const word of words(line).filter((w) => w.startsWith('--'))) expect(options, `${block.doc}: ${line}`).toContain(word);
        }
      }
    }
  });
});

describe('the example outputs in the docs', () => {
  it('match what the tool prints (keys new, bundle build)', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'vs-docs-out-'));
    made.push(cwd);
    await mkdir(join(cwd, 'indhold', 'geo'), { recursive: true });
    await writeFile(join(cwd, 'indhold', 'manifest.json'), '{"id":"lejre-vores-sted"}');
    const run = async (argv: string[]) => {
      const out: string[] = [];
      expect(await main(argv, { stdout: (t) => void out.push(t), stderr: (t) => void out.push(t), cwd })).toBe(0);
      return out.join('\n');
    };
    const outputs = [
      await run(['keys', 'new', '--out', 'nøgler']),
      await run(['bundle', 'build', 'indhold', '--key', 'nøgler/vores-sted-private.pem', '--version', '2', '--out', 'pakker']),
    ];
    const examples = (await Promise.all(DOCS.map(blocks))).flat().filter((block) => block.lang === 'text');
    const outputExamples = examples.filter((block) => /^(Nøgleparret|Pakken er lavet)/.test(block.lines[0] ?? ''));
    expect(outputExamples).toHaveLength(2);
    for (const example of outputExamples) {
      const pattern = exampleToRegExp(example.lines.join('\n'));
      expect(outputs.some((output) => pattern.test(output)), `${example.doc}:\n${example.lines.join('\n')}\n-- is not what the tool prints:\n${outputs.join('\n--\n')}`).toBe(true);
    }
  });

  it('show receipts exactly as the kiosk writes them', async () => {
    const at = new Date('2026-11-23T09:42:00Z'); // 10:42 in Copenhagen
    const kioskId = 'kiosk-hvalsoe-bibliotek';
    const installed = formatReceipt({
      result: { ok: true, version: 2, previousVersion: 1, dir: '', keyId: '0c4cfb42619652e3', fileCount: 160, bytes: 0, durationMs: 0,
        diff: { added: ['a', 'b', 'c'], changed: ['d'], removed: [] } },
      bundleName: 'vores-sted-2.vsb', kioskId, at,
    });
    const refused = formatReceipt({
      result: { ok: false, reason: { code: 'unknown-key', keyId: '0c4cfb42619652e3' }, previousVersion: 1, durationMs: 0 },
      bundleName: 'vores-sted-2.vsb', kioskId, at,
    });
    const staff = await blocks('docs/staff.md');
    const receipts = staff.filter((block) => block.lang === 'text' && !/^(Nøgleparret|Pakken er lavet)/.test(block.lines[0] ?? '')).map((block) => block.lines.join('\n'));
    expect(receipts).toEqual([installed, refused]);
  });

  it('quote the kiosk\'s and the tool\'s own sentences', async () => {
    const staff = await readFile(join(root, 'docs/staff.md'), 'utf8');
    const sources = (await Promise.all(['electron/core/content-updates.ts', 'electron/cli/texts.ts'].map((f) => readFile(join(root, f), 'utf8')))).join('\n');
    for (const sentence of ['Du kan nu skubbe USB-stikket ud og tage det ud.', 'Nyt indhold fundet på USB … Installerer ', 'vises nu. Du kan tage USB-stikket ud.', 'USB-stikket har ikke nyere indhold end version ']) {
      expect(staff, sentence).toContain(sentence.trim());
      expect(sources, sentence).toContain(sentence);
    }
    const notNewer = describeRejection({ code: 'not-newer', version: 2, installedVersion: 2 }, 'da');
    expect(staff).toContain(`*${notNewer.split('.')[0]}.*`);
    expect(describeRejection({ code: 'truncated', detail: '' }, 'da')).toMatch(/^Pakken er ufuldstændig/);
  });
});
