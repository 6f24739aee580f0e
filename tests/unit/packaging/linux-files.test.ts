import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The files build/linux/install.sh puts on a Debian 12 / Raspberry Pi OS kiosk, validated as files:
// the systemd units (parsed, and `systemd-analyze verify` where it exists), Chromium's managed policy
// (only documented policy names), the udev rule, the USBGuard policy (evaluated against sample devices),
// the PAM service and the scripts (shellcheck where installed, else bash -n).

const linux = resolve(import.meta.dirname, '../../../build/linux');
const files = join(linux, 'files');
const read = (name: string) => readFile(join(files, name), 'utf8');

function which(command: string): string | null {
  const result = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

type Unit = Map<string, Map<string, string[]>>;

/** systemd's unit file syntax: [Section], Key=value (a key may repeat), comments with # or ;. */
function parseUnit(text: string): Unit {
  const unit: Unit = new Map();
  let section: Map<string, string[]> | null = null;
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[([A-Za-z]+)\]$/.exec(line);
    if (header) {
      section = new Map();
      unit.set(header[1] as string, section);
      continue;
    }
    const pair = /^([A-Za-z]+)=(.*)$/.exec(line);
    if (!pair || section === null) throw new Error(`line ${index + 1} is not Key=value in a section: ${line}`);
    const [, key, value] = pair as unknown as [string, string, string];
    section.set(key, [...(section.get(key) ?? []), value]);
  }
  return unit;
}

const one = (unit: Unit, section: string, key: string): string | undefined => unit.get(section)?.get(key)?.at(-1);

describe('vores-sted.service', async () => {
  const unit = parseUnit(await read('vores-sted.service'));

  it('runs the kiosk as the unprivileged user on tty1 through a logind session', () => {
    expect(one(unit, 'Service', 'User')).toBe('vores-sted');
    expect(one(unit, 'Service', 'Group')).toBe('vores-sted');
    expect(one(unit, 'Service', 'PAMName')).toBe('vores-sted');
    expect(one(unit, 'Service', 'TTYPath')).toBe('/dev/tty1');
    expect(one(unit, 'Unit', 'Conflicts')).toBe('getty@tty1.service');
    expect(one(unit, 'Service', 'ExecStart')).toBe('/opt/vores-sted/libexec/vores-sted-display');
    expect(one(unit, 'Service', 'EnvironmentFile')).toBe('/etc/vores-sted/environment');
    expect(unit.get('Service')?.get('Environment')).toContain('VORES_STED_CONFIG=/etc/vores-sted/config.json');
    expect(one(unit, 'Install', 'WantedBy')).toBe('multi-user.target');
  });

  it('restarts for ever and is watched by the watchdog', () => {
    expect(one(unit, 'Service', 'Restart')).toBe('always');
    expect(one(unit, 'Unit', 'StartLimitIntervalSec')).toBe('0');
    expect(Number(one(unit, 'Service', 'WatchdogSec'))).toBeGreaterThanOrEqual(30);
    // The pings come from the session script, a child of cage/Xorg, not from the main process.
    expect(one(unit, 'Service', 'NotifyAccess')).toBe('all');
  });

  it('is hardened: read-only system except its data and logs, no new privileges, private /tmp, no homes', () => {
    const hardening = {
      ProtectSystem: 'strict', NoNewPrivileges: 'yes', PrivateTmp: 'yes', ProtectHome: 'yes', ProtectKernelTunables: 'yes',
      ProtectKernelModules: 'yes', ProtectKernelLogs: 'yes', ProtectControlGroups: 'yes', RestrictSUIDSGID: 'yes',
      LockPersonality: 'yes', CapabilityBoundingSet: '',
    };
    for (const [key, value] of Object.entries(hardening)) expect(one(unit, 'Service', key), key).toBe(value);
    const writable = (unit.get('Service')?.get('ReadWritePaths') ?? []).flatMap((v) => v.split(/\s+/)).sort();
    expect(writable).toEqual(['/var/lib/vores-sted', '/var/log/vores-sted']);
    expect(one(unit, 'Service', 'StateDirectory')).toBe('vores-sted');
    expect(one(unit, 'Service', 'LogsDirectory')).toBe('vores-sted');
  });

  it('leaves out the settings that would break Chromium or the display (see the comment in the unit)', () => {
    // RestrictNamespaces: Chromium's sandbox; MemoryDenyWriteExecute: V8; the rest close /dev/dri and input.
    for (const key of ['RestrictNamespaces', 'MemoryDenyWriteExecute', 'PrivateDevices', 'DeviceAllow', 'ProtectClock', 'ProcSubset']) {
      expect(unit.get('Service')?.has(key), key).toBe(false);
    }
  });
});

describe('vores-sted-usb@.service and the udev rule', async () => {
  const unit = parseUnit(await read('vores-sted-usb@.service'));
  const rules = await read('90-vores-sted-usb.rules');

  it('mounts while the stick is there and unmounts when it is pulled', () => {
    expect(one(unit, 'Unit', 'BindsTo')).toBe('dev-%i.device');
    expect(one(unit, 'Service', 'ExecStart')).toBe('/opt/vores-sted/libexec/vores-sted-usb mount %i');
    expect(one(unit, 'Service', 'ExecStop')).toBe('/opt/vores-sted/libexec/vores-sted-usb unmount %i');
    expect(one(unit, 'Service', 'RemainAfterExit')).toBe('yes');
  });

  it('starts it for USB sticks with a FAT, exFAT or NTFS file system only, and keeps udisks2 away', () => {
    const lines = rules.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
    expect(lines).toContain('ENV{ID_BUS}!="usb", GOTO="vores_sted_usb_end"');
    expect(lines).toContain('ENV{ID_FS_TYPE}!="vfat|exfat|ntfs", GOTO="vores_sted_usb_end"');
    expect(lines).toContain('ENV{UDISKS_IGNORE}="1"');
    expect(lines).toContain('TAG+="systemd", ENV{SYSTEMD_WANTS}+="vores-sted-usb@%k.service"');
    expect(lines.at(-1)).toBe('LABEL="vores_sted_usb_end"');
    // Every line is a udev key list or a label: KEY{..}op"value" pairs separated by commas.
    for (const line of lines) expect(line, line).toMatch(/^(?:(?:[A-Z_]+(?:\{[A-Za-z_]+\})?(?:==|!=|\+=|=)"[^"]*")(?:, )?)+$/);
  });

  it('mounts with noexec,nosuid,nodev, owned by the kiosk user, and refuses odd device names', async () => {
    const script = await read('vores-sted-usb');
    expect(script).toContain('mount -t "$type" -o "noexec,nosuid,nodev,noatime,$options"');
    expect(script).toMatch(/uid=\$uid,gid=\$gid,umask=0077/);
    expect(script).toContain('readonly base=/media/vores-sted');
    for (const name of ['../../etc', 'sda1;reboot', '', 'nvme0n1']) {
      const result = spawnSync('bash', [join(files, 'vores-sted-usb'), 'mount', name], { encoding: 'utf8' });
      expect(result.status, name).toBe(2);
      expect(result.stderr).toMatch(/ugyldigt enhedsnavn/);
    }
  });
});

describe('systemd-analyze verify', () => {
  const analyze = which('systemd-analyze');
  it.skipIf(analyze === null)('accepts both units (skips where systemd-analyze is not installed)', async () => {
    // A throw-away root with the system's own units (for sysinit.target & co.) and stand-ins for our programs.
    const root = await mkdtemp(join(tmpdir(), 'vs-systemd-'));
    made.push(root);
    await mkdir(join(root, 'usr/lib/systemd'), { recursive: true });
    await cp('/usr/lib/systemd/system', join(root, 'usr/lib/systemd/system'), { recursive: true });
    await mkdir(join(root, 'etc/systemd/system'), { recursive: true });
    await mkdir(join(root, 'etc/vores-sted'), { recursive: true });
    await mkdir(join(root, 'opt/vores-sted/libexec'), { recursive: true });
    await writeFile(join(root, 'etc/vores-sted/environment'), 'VORES_STED_DISPLAY=cage\n');
    for (const name of ['vores-sted-display', 'vores-sted-usb']) {
      await writeFile(join(root, 'opt/vores-sted/libexec', name), '#!/bin/sh\n');
      await chmod(join(root, 'opt/vores-sted/libexec', name), 0o755);
    }
    for (const name of ['vores-sted.service', 'vores-sted-usb@.service']) await cp(join(files, name), join(root, 'etc/systemd/system', name));
    for (const unitName of [join(root, 'etc/systemd/system/vores-sted.service'), 'vores-sted-usb@sdb1.service']) {
      const result = spawnSync(analyze as string, ['verify', '--man=no', '--generators=no', `--root=${root}`, unitName], { encoding: 'utf8' });
      // verify exits 0 even for an unknown key or a bad value; it only says so on stderr.
      expect(result.stderr, unitName).toBe('');
      expect(result.status, unitName).toBe(0);
    }
  });
});

/**
 * Chromium policy names, as the Chrome Enterprise policy list (chromeenterprise.google/policies) documents
 * them, with the value type each takes. Only these may appear in the policy file.
 */
const DOCUMENTED_POLICIES: Readonly<Record<string, 'boolean' | 'integer' | 'string-list'>> = {
  AllowDinosaurEasterEgg: 'boolean',
  AllowFileSelectionDialogs: 'boolean',
  AudioCaptureAllowed: 'boolean',
  AutofillAddressEnabled: 'boolean',
  AutofillCreditCardEnabled: 'boolean',
  AutoplayAllowed: 'boolean',
  BackgroundModeEnabled: 'boolean',
  BookmarkBarEnabled: 'boolean',
  BrowserAddPersonEnabled: 'boolean',
  BrowserGuestModeEnabled: 'boolean',
  BrowserSignin: 'integer',
  DefaultBrowserSettingEnabled: 'boolean',
  DefaultClipboardSetting: 'integer',
  DefaultGeolocationSetting: 'integer',
  DefaultNotificationsSetting: 'integer',
  DefaultPopupsSetting: 'integer',
  DefaultSerialGuardSetting: 'integer',
  DefaultWebBluetoothGuardSetting: 'integer',
  DefaultWebHidGuardSetting: 'integer',
  DefaultWebUsbGuardSetting: 'integer',
  DeveloperToolsAvailability: 'integer',
  DownloadRestrictions: 'integer',
  EditBookmarksEnabled: 'boolean',
  EnableMediaRouter: 'boolean',
  ExtensionInstallBlocklist: 'string-list',
  IncognitoModeAvailability: 'integer',
  MetricsReportingEnabled: 'boolean',
  NetworkPredictionOptions: 'integer',
  PasswordManagerEnabled: 'boolean',
  PrintingEnabled: 'boolean',
  RemoteDebuggingAllowed: 'boolean',
  SafeBrowsingProtectionLevel: 'integer',
  SavingBrowserHistoryDisabled: 'boolean',
  ScreenCaptureAllowed: 'boolean',
  SearchSuggestEnabled: 'boolean',
  SpellcheckEnabled: 'boolean',
  SyncDisabled: 'boolean',
  TaskManagerEndProcessEnabled: 'boolean',
  TranslateEnabled: 'boolean',
  URLAllowlist: 'string-list',
  URLBlocklist: 'string-list',
  UrlKeyedAnonymizedDataCollectionEnabled: 'boolean',
  VideoCaptureAllowed: 'boolean',
};

describe('Chromium managed policy', async () => {
  const policy = JSON.parse(await read('chromium-policy.json')) as Record<string, unknown>;

  it('uses only documented policy names, each with its documented type', () => {
    for (const [name, value] of Object.entries(policy)) {
      const type = DOCUMENTED_POLICIES[name];
      expect(type, `${name} is not in the list of documented policies`).toBeDefined();
      if (type === 'boolean') expect(typeof value, name).toBe('boolean');
      if (type === 'integer') expect(Number.isInteger(value), name).toBe(true);
      if (type === 'string-list') expect(Array.isArray(value) && value.every((v) => typeof v === 'string'), name).toBe(true);
    }
  });

  it('locks the browser to the kiosk and switches off downloads, printing, devtools, passwords, translation, autofill', () => {
    expect(policy).toMatchObject({
      URLBlocklist: ['*'],
      DownloadRestrictions: 3, // block all downloads
      PrintingEnabled: false,
      DeveloperToolsAvailability: 2, // never
      PasswordManagerEnabled: false,
      TranslateEnabled: false,
      AutofillAddressEnabled: false,
      AutofillCreditCardEnabled: false,
      RemoteDebuggingAllowed: false,
      ExtensionInstallBlocklist: ['*'],
    });
  });

  it('allows exactly the kiosk origin, in the URL filter format (a path is a prefix, so no "/*")', () => {
    // Filter format: [scheme://][.]host[:port][/path][@query]. The path is matched as a literal prefix, so
    // "http://127.0.0.1:8350/*" would allow only paths starting with "/*": leave the path out.
    expect(policy['URLAllowlist']).toEqual(['http://127.0.0.1:8350']);
  });

  it('allows the port the kiosk listens on by default and the installer writes', async () => {
    const installer = await readFile(join(linux, 'install.sh'), 'utf8');
    expect(installer).toContain('readonly KIOSK_PORT=8350');
    const config = await readFile(resolve(linux, '../../electron/core/config.ts'), 'utf8');
    expect(config).toMatch(/port: v\.optional\([^\n]*, 8350\)/);
  });

  const chromiumBinary = ['/usr/lib/chromium/chromium', '/usr/lib/chromium-browser/chromium-browser'].find((path) => existsSync(path)) ?? null;
  it.skipIf(chromiumBinary === null)('names only policies this machine\'s Chromium knows (skips where Chromium is not installed)', async () => {
    const binary = await readFile(chromiumBinary as string);
    const unknown = Object.keys(policy).filter((name) => binary.indexOf(Buffer.from(`"${name}"`)) < 0 && binary.indexOf(Buffer.from(name)) < 0);
    expect(unknown).toEqual([]);
    expect(binary.indexOf(Buffer.from('VoresStedNoSuchPolicy'))).toBe(-1);
  }, 60_000);
});

describe('USBGuard policy', async () => {
  const text = await read('usbguard-rules.conf');
  interface Rule {
    target: 'allow' | 'block' | 'reject';
    mode: 'one-of' | 'all-of';
    interfaces: string[];
  }
  const rules: Rule[] = text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#')).map((line) => {
    const match = /^(allow|block|reject) with-interface (one-of|all-of) \{ ((?:(?:[0-9a-f]{2}|\*):(?:[0-9a-f]{2}|\*):(?:[0-9a-f]{2}|\*) ?)+)\}$/.exec(line);
    if (!match) throw new Error(`not a rule this test understands: ${line}`);
    return { target: match[1] as Rule['target'], mode: match[2] as Rule['mode'], interfaces: (match[3] as string).trim().split(' ') };
  });
  const matches = (pattern: string, iface: string) => pattern.split(':').every((part, i) => part === '*' || part === iface.split(':')[i]);
  /** USBGuard: the first matching rule decides; no match = the implicit policy, block. */
  const decide = (deviceInterfaces: string[]): string => {
    for (const rule of rules) {
      const hit = (iface: string) => rule.interfaces.some((pattern) => matches(pattern, iface));
      const ok = rule.mode === 'one-of' ? deviceInterfaces.some(hit) : deviceInterfaces.every(hit);
      if (ok) return rule.target;
    }
    return 'block';
  };

  it('blocks a device with a keyboard interface, first, even when it is also a stick', () => {
    expect(rules[0]).toEqual({ target: 'block', mode: 'one-of', interfaces: ['03:01:01'] });
    expect(decide(['03:01:01'])).toBe('block');
    expect(decide(['08:06:50', '03:01:01'])).toBe('block'); // a "stick" that types
  });

  it('allows plain USB sticks and hubs', () => {
    expect(decide(['08:06:50'])).toBe('allow');
    expect(decide(['09:00:00'])).toBe('allow');
  });

  it('blocks everything else it was not told about (network adapters, cameras, unknown HID)', () => {
    expect(decide(['02:06:00', '0a:00:00'])).toBe('block');
    expect(decide(['0e:01:00'])).toBe('block');
    expect(decide(['03:00:00'])).toBe('block'); // a touch screen plugged in later: IT allows it by name
  });
});

describe('PAM service, session scripts, Chromium flags', () => {
  it('opens a logind session and lets nobody authenticate through it', async () => {
    const pam = (await read('pam-vores-sted')).split('\n').filter((line) => line.trim() && !line.startsWith('#')).map((l) => l.split(/\s+/).join(' '));
    expect(pam).toEqual(['auth required pam_deny.so', 'account required pam_unix.so', 'session required pam_unix.so', 'session required pam_systemd.so']);
  });

  it('turns screen blanking off, hides the pointer on X11, and feeds the watchdog only while the kiosk answers', async () => {
    const session = await read('vores-sted-session');
    expect(session).toContain('xset s off -dpms s noblank');
    expect(session).toContain('unclutter -idle 1 -root &');
    expect(session).toMatch(/if curl -fsS -o \/dev\/null --max-time 5 "http:\/\/127\.0\.0\.1:\$\{port\}\/"; then\n\s+systemd-notify WATCHDOG=1/);
    expect(session).toContain('exec "$node" "$app/dist/electron/kiosk/start.js"');
    const display = await read('vores-sted-display');
    expect(display).toContain('exec /usr/bin/cage -d -- "$session"');
    expect(display).toMatch(/xinit "\$session" -- \/usr\/bin\/Xorg :0 vt1 .*-s 0 -dpms/);
  });

  it('makes Chromium a Wayland client only inside the kiosk session', () => {
    const flags = (env: Record<string, string>) => execFileSync('sh', ['-c', `. "${join(files, 'chromium-flags.sh')}"; printf %s "$CHROMIUM_FLAGS"`], {
      encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...env },
    });
    expect(flags({ VORES_STED_KIOSK: '1', WAYLAND_DISPLAY: 'wayland-0' })).toBe(' --ozone-platform=wayland');
    expect(flags({ WAYLAND_DISPLAY: 'wayland-0' })).toBe('');
    expect(flags({ VORES_STED_KIOSK: '1', DISPLAY: ':0' })).toBe('');
  });
});

describe('shell scripts', async () => {
  const scripts = [
    ...['install.sh', 'uninstall.sh'].map((name) => join(linux, name)),
    ...['vores-sted-display', 'vores-sted-session', 'vores-sted-usb', 'vores-sted-cli'].map((name) => join(files, name)),
  ];
  const shellcheck = which('shellcheck');

  it('every file in build/linux/files is installed by install.sh and removed by uninstall.sh', async () => {
    const installer = await readFile(join(linux, 'install.sh'), 'utf8');
    const remover = await readFile(join(linux, 'uninstall.sh'), 'utf8');
    const installed = [...installer.matchAll(/put "\$files\/([^"]+)" (\S+) /g)].map((m) => ({ file: m[1] as string, dest: (m[2] as string).replace(/"/g, '') }));
    const libexec = /for script in ([\w -]+); do\n\s+put "\$files\/\$script" "\/opt\/vores-sted\/libexec\/\$script"/.exec(installer)?.[1]?.split(' ') ?? [];
    const names = new Set([...installed.map((i) => i.file).filter((file) => !file.startsWith('$')), ...libexec]);
    names.add('usbguard-rules.conf'); // composed into /etc/usbguard/rules.conf
    expect([...names].sort()).toEqual((await readdir(files)).sort());
    for (const { dest } of installed) {
      const removedItself = remover.includes(`remove ${dest}\n`);
      const removedWithFolder = dest.startsWith('/opt/vores-sted/') && remover.includes('remove /opt/vores-sted\n');
      expect(removedItself || removedWithFolder, dest).toBe(true);
    }
  });

  it.skipIf(shellcheck !== null)('parse with bash -n (runs only where shellcheck is missing: apt-get install -y shellcheck)', () => {
    for (const script of scripts) expect(spawnSync('bash', ['-n', script]).status, script).toBe(0);
    expect(spawnSync('sh', ['-n', join(files, 'chromium-flags.sh')]).status).toBe(0);
  });

  it.skipIf(shellcheck === null)('are shellcheck-clean (skips where shellcheck is not installed)', () => {
    const result = spawnSync(shellcheck as string, ['-x', ...scripts], { encoding: 'utf8' });
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
    const sh = spawnSync(shellcheck as string, ['-s', 'sh', join(files, 'chromium-flags.sh')], { encoding: 'utf8' });
    expect(sh.stdout).toBe('');
    expect(sh.status).toBe(0);
  });

  it('are executable and start with set -euo pipefail (bash) or set -eu (sh)', async () => {
    for (const script of scripts) {
      const text = await readFile(script, 'utf8');
      expect(text.startsWith('#!/'), script).toBe(true);
      expect((await stat(script)).mode & 0o111, script).toBe(0o111);
      expect(text, script).toMatch(text.startsWith('#!/bin/sh') ? /\nset -eu\n/ : /\nset -euo pipefail\n/);
    }
  });
});
