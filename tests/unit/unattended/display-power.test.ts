import { access, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../electron/core/config';
import { startHost } from '../../../electron/core/start-host';
import { DisplayPower, STAFF_AWAKE_MS, type DisplayPowerConfig } from '../../../electron/core/unattended/display-power';
import { OpeningWatch } from '../../../electron/core/unattended/opening-watch';
import { parseSchedule } from '../../../electron/core/unattended/schedule-config';
import { builtInContent, projectRoot } from '../host/support';
import { FakeClock, at, tempDirs } from './support';

// The screen goes off when the kiosk closes and on when it opens, through IT's commands. The commands here
// are stand-ins: Node running a tiny script that appends a word to a marker file.

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

interface Fake {
  dir: string;
  marker: string;
  /** argv that appends `word` to the marker file. */
  command: (word: string) => string[];
  lines: () => Promise<string[]>;
}

async function fakeCommands(): Promise<Fake> {
  const dir = await dirs.make('vores-sted-display-');
  const marker = join(dir, 'marker.txt');
  const script = join(dir, 'mark.cjs');
  await writeFile(script, "require('node:fs').appendFileSync(process.argv[2], process.argv[3] + '\\n');\n");
  return {
    dir,
    marker,
    command: (word) => [process.execPath, script, marker, word],
    lines: async () => (await readFile(marker, 'utf8').catch(() => '')).split('\n').filter(Boolean),
  };
}

const node = (code: string): string[] => [process.execPath, '-e', code];
const config = (off: string[], on: string[], timeoutSeconds = 10): DisplayPowerConfig => ({ off, on, timeoutSeconds });

const weekdays = parseSchedule({ weekly: { monday: ['10:00-17:00'], tuesday: ['10:00-17:00'] } });
if (!weekdays.ok) throw new Error(weekdays.problem.messageEn);

describe('the display follows the opening hours', () => {
  it('turns off at closing and on at opening, each once', async () => {
    const fake = await fakeCommands();
    const power = new DisplayPower(config(fake.command('off'), fake.command('on')));
    const clock = new FakeClock(at('2026-06-01T16:00+02:00')); // Monday, open
    const watch = new OpeningWatch({ schedule: weekdays.schedule, clock, onChange: (state) => power.follow(state) });
    power.follow(watch.start());
    await power.settled;
    expect(await fake.lines()).toEqual(['on']);

    clock.advanceTo(at('2026-06-01T17:00:30+02:00'));
    await power.settled;
    expect(await fake.lines()).toEqual(['on', 'off']);
    // Midnight changes the closed text ("i dag kl. 10"), not the screen: no second "off".
    clock.advanceTo(at('2026-06-02T09:59+02:00'));
    await power.settled;
    expect(await fake.lines()).toEqual(['on', 'off']);

    clock.advanceTo(at('2026-06-02T10:00:30+02:00'));
    await power.settled;
    expect(await fake.lines()).toEqual(['on', 'off', 'on']);
    expect(power.counts).toEqual({ commands: 3, failures: 0, lastFailure: null });
    watch.stop();
  });

  it('runs the commands one after another, in order, when closing and opening come quickly', async () => {
    const fake = await fakeCommands();
    const power = new DisplayPower(config(fake.command('off'), fake.command('on')));
    for (const open of [false, true, false, true]) power.follow({ open });
    await power.settled;
    expect(await fake.lines()).toEqual(['off', 'on', 'off', 'on']);
  });
});

describe('staff at a closed kiosk', () => {
  /** Stand-in commands and a clock to move: the staff timer runs on the clock, not on real time. */
  async function staffPower(): Promise<{ fake: Fake; clock: FakeClock; power: DisplayPower }> {
    const fake = await fakeCommands();
    const clock = new FakeClock('2026-06-01T19:00:00+02:00');
    return { fake, clock, power: new DisplayPower(config(fake.command('off'), fake.command('on')), undefined, clock) };
  }

  it('see the screen come on while the kiosk has something to tell them, and go off a minute after the last notice', async () => {
    const { fake, clock, power } = await staffPower();
    power.follow({ open: false });
    await power.settled;
    expect(await fake.lines()).toEqual(['off']);

    power.wakeForStaff(); // "Nyt indhold fundet … Installerer 0 %"
    await power.settled;
    expect(await fake.lines()).toEqual(['off', 'on']);
    clock.advance(STAFF_AWAKE_MS - 1000);
    power.wakeForStaff(); // "… er installeret": a later notice keeps it on, no second "on"
    clock.advance(STAFF_AWAKE_MS - 1000);
    await power.settled;
    expect(await fake.lines()).toEqual(['off', 'on']);
    clock.advance(1000);
    await power.settled;
    expect(await fake.lines()).toEqual(['off', 'on', 'off']);
  });

  it('during opening hours changes nothing, and opening while staff read keeps the screen on after', async () => {
    const { fake, clock, power } = await staffPower();
    power.follow({ open: true });
    power.wakeForStaff();
    clock.advance(STAFF_AWAKE_MS);
    await power.settled;
    expect(await fake.lines()).toEqual(['on']);

    power.follow({ open: false });
    power.wakeForStaff();
    power.follow({ open: true });
    clock.advance(STAFF_AWAKE_MS);
    await power.settled;
    expect(await fake.lines()).toEqual(['on', 'off', 'on']);
  });

  it('a kiosk that stops leaves no timer behind to turn the screen off later', async () => {
    const { fake, clock, power } = await staffPower();
    power.follow({ open: false });
    power.wakeForStaff();
    power.stop();
    clock.advance(STAFF_AWAKE_MS);
    await power.settled;
    expect(await fake.lines()).toEqual(['off', 'on']);
  });
});

describe('a display command that fails', () => {
  it('is counted with its reason, and the next command still runs', async () => {
    const fake = await fakeCommands();
    const power = new DisplayPower(config(node('process.stderr.write("unable to open display\\n"); process.exit(3)'), fake.command('on')));
    power.follow({ open: false });
    await power.settled;
    expect(power.counts).toEqual({ commands: 1, failures: 1, lastFailure: 'off: exited with code 3: unable to open display' });
    power.follow({ open: true });
    await power.settled;
    expect(await fake.lines()).toEqual(['on']);
    expect(power.counts.failures).toBe(1);
  });

  it('a program that is not installed, or that hangs, never stops the kiosk', async () => {
    const missing = new DisplayPower(config(['/nonexistent/vcgencmd', 'display_power', '0'], ['true']));
    missing.follow({ open: false });
    await missing.settled;
    expect(missing.counts.lastFailure).toBe('off: program not found');

    const hanging = new DisplayPower(config(node('setTimeout(() => {}, 60_000)'), ['true'], 0.3));
    const started = Date.now();
    hanging.follow({ open: false });
    await hanging.settled;
    expect(hanging.counts.lastFailure).toBe('off: timed out after 300 ms');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('is run without a shell: its words are arguments, never commands', async () => {
    const fake = await fakeCommands();
    const power = new DisplayPower(config(fake.command(`off; touch ${join(fake.dir, 'pwned')}`), fake.command('on')));
    power.follow({ open: false });
    await power.settled;
    expect(await fake.lines()).toEqual([`off; touch ${join(fake.dir, 'pwned')}`]);
    expect(await readdir(fake.dir)).not.toContain('pwned');
  });
});

describe('displayPower in the config', () => {
  async function load(section: unknown): Promise<Awaited<ReturnType<typeof loadConfig>>> {
    const dir = await dirs.make('vores-sted-config-');
    await writeFile(join(dir, 'config.json'), JSON.stringify({ displayPower: section }));
    return await loadConfig({ env: { VORES_STED_CONFIG: join(dir, 'config.json') }, projectRoot });
  }

  it('takes argument lists, with a default timeout', async () => {
    const loaded = await load({ off: ['vcgencmd', 'display_power', '0'], on: ['vcgencmd', 'display_power', '1'] });
    expect(loaded.displayPower).toEqual({ off: ['vcgencmd', 'display_power', '0'], on: ['vcgencmd', 'display_power', '1'], timeoutSeconds: 10 });
    expect((await loadConfig({ env: {}, projectRoot })).displayPower).toBeUndefined();
  });

  it('accepts the example in docs/install.md as it stands', async () => {
    const doc = await readFile(join(projectRoot, 'docs', 'install.md'), 'utf8');
    const example = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1] ?? '').find((block) => block.includes('displayPower'));
    expect(example).toBeDefined();
    const dir = await dirs.make('vores-sted-config-');
    await writeFile(join(dir, 'config.json'), example ?? '');
    const loaded = await loadConfig({ env: { VORES_STED_CONFIG: join(dir, 'config.json') }, projectRoot });
    expect(loaded.displayPower?.off).toEqual(['vcgencmd', 'display_power', '0']);
    expect(loaded.logs).toEqual({ dir: '/var/log/vores-sted', maxFileMB: 10, maxFiles: 5, maxAgeDays: 14 });
  });

  it('refuses a command line written as one text (it would need a shell) with a Danish sentence', async () => {
    const error = await load({ off: 'xset dpms force off', on: ['xset', 'dpms', 'force', 'on'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).messageDa).toMatch(/„displayPower\.off“ skal være en liste/);
    const empty = await load({ off: [], on: ['true'] }).catch((e: unknown) => e);
    expect((empty as ConfigError).messageDa).toMatch(/„displayPower\.off“ skal have mindst 1 element/);
  });
});

describe('the kiosk host', () => {
  it('turns the display off at start when it starts outside opening hours, and writes its log files', async () => {
    const fake = await fakeCommands();
    // Open only on the day after tomorrow (Danish time), so now is always closed.
    const weekday = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Copenhagen', weekday: 'long' }).format(new Date(Date.now() + 2 * 86_400_000)).toLowerCase();
    const dataDir = join(fake.dir, 'data');
    await writeFile(
      join(fake.dir, 'config.json'),
      JSON.stringify({ dataDir, openingHours: { weekly: { [weekday]: ['10:00-16:00'] } }, displayPower: { off: fake.command('off'), on: fake.command('on') } }),
    );
    const loaded = await loadConfig({ env: { VORES_STED_CONFIG: join(fake.dir, 'config.json'), VORES_STED_CONTENT: builtInContent }, projectRoot });
    const running = await startHost(loaded);
    try {
      expect(running.host.opening.open).toBe(false);
      await running.displayPower?.settled;
      expect(await fake.lines()).toEqual(['off']);
      await access(join(dataDir, 'logs', 'vores-sted.log'));
      // A notice for staff (here: a stick that could not be read) turns the screen on for them.
      running.host.events.emit({ type: 'staff-notice', level: 'error', messageDa: 'Indholdet på USB-stikket kan ikke bruges.' });
      await running.displayPower?.settled;
      expect(await fake.lines()).toEqual(['off', 'on']);
    } finally {
      await running.stop();
    }
  });
});
