import { parseArgs } from 'node:util';
import type { Lang } from '../core/bundle/index.js';
import {
  EXIT_OK, EXIT_REFUSED, EXIT_USAGE, bundleBuild, bundleToUsb, bundleVerify, keysNew,
  type CliDeps, type CliIo, type CommandContext,
} from './commands.js';
import { checkConfig } from './check-config.js';
import { doctor } from './doctor.js';
import { texts } from './texts.js';

// `vores-sted`: the staff-side tool for keys and bundles, and IT's checks (check-config, doctor). main()
// does everything and returns the exit code (0 done, 1 refused, 2 usage error), so tests call it directly.

export { EXIT_OK, EXIT_REFUSED, EXIT_USAGE, type CliDeps, type CliIo };

const OPTIONS = {
  lang: { type: 'string' },
  out: { type: 'string' },
  key: { type: 'string' },
  version: { type: 'string' },
  pubkey: { type: 'string', multiple: true },
  'installed-version': { type: 'string' },
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const COMMANDS: Record<string, { run: (ctx: CommandContext) => Promise<number>; options: readonly string[] }> = {
  'keys new': { run: keysNew, options: ['out'] },
  'bundle build': { run: bundleBuild, options: ['key', 'version', 'out'] },
  'bundle verify': { run: bundleVerify, options: ['pubkey', 'installed-version'] },
  'bundle to-usb': { run: bundleToUsb, options: [] },
  'check-config': { run: checkConfig, options: ['config'] },
  doctor: { run: doctor, options: ['config'] },
};

// Read before full parsing, so that even a usage error comes in the language asked for.
function requestedLang(argv: readonly string[]): Lang {
  const index = argv.indexOf('--lang');
  return argv.includes('--lang=en') || (index >= 0 && argv[index + 1] === 'en') ? 'en' : 'da';
}

/** `argv` without node and the script, i.e. process.argv.slice(2). */
export async function main(argv: readonly string[], io: CliIo, deps: CliDeps = {}): Promise<number> {
  const lang = requestedLang(argv);
  const t = texts(lang);
  const usage = (problem: string): number => {
    io.stderr(t.usage(problem));
    return EXIT_USAGE;
  };
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs explains in English; staff only need the option it tripped over.
    const option = /'(-[^']*)'/.exec(error instanceof Error ? error.message : '')?.[1];
    return usage(t.badOption(option ?? argv.join(' ')));
  }
  const { values, positionals } = parsed;
  if (values.lang !== undefined && values.lang !== 'da' && values.lang !== 'en') return usage(t.badOption('--lang da|en'));
  if (values.help === true || positionals[0] === 'help') {
    io.stdout(t.help);
    return EXIT_OK;
  }
  if (positionals.length === 0) {
    io.stderr(t.help);
    return EXIT_USAGE;
  }
  // Two-word commands (`bundle build`) first, then one-word ones (`doctor`).
  const words = [2, 1].find((n) => positionals.length >= n && COMMANDS[positionals.slice(0, n).join(' ')] !== undefined);
  const command = words === undefined ? undefined : COMMANDS[positionals.slice(0, words).join(' ')];
  if (command === undefined || words === undefined) return usage(t.unknownCommand);
  const stray = Object.keys(values).find((name) => name !== 'lang' && !command.options.includes(name));
  if (stray !== undefined) return usage(t.badOption(`--${stray}`));
  const ctx: CommandContext = { io, t, lang, values, args: positionals.slice(words), deps, usage };
  try {
    return await command.run(ctx);
  } catch (error) {
    // Unexpected (disk, permissions): still one clear line rather than a stack trace.
    io.stderr(t.unexpected(error instanceof Error ? error.message : String(error)));
    return EXIT_REFUSED;
  }
}
