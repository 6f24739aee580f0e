import { describe, expect, it } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../../contract/channels';
import { acceptIpc } from '../../../electron/shell/ipc-policy';
import { isEscapeShortcut } from '../../../electron/shell/keyboard-policy';
import { APP_ORIGIN, mayGrantPermission, mayNavigate, mayOpenWindow } from '../../../electron/shell/navigation-policy';

const HOSTILE_URLS = [
  'file:///etc/passwd',
  'file://C:/Windows/System32/cmd.exe',
  'file:///media/usb/autorun.html',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(document.domain)',
  ' javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'blob:app://kiosk/1234',
  'chrome://settings',
  'chrome://gpu',
  'chrome-extension://abc/page.html',
  'devtools://devtools/bundled/inspector.html',
  'about:blank',
  'view-source:app://kiosk/',
  'https://www.lejre.dk/',
  'http://127.0.0.1:8350/',
  'http://localhost/',
  'app://kiosk.evil.com/',
  'app://evil.com/',
  'app://kiosk@evil.com/',
  'app://user:pass@kiosk/',
  'app://kiosk:8080/',
  'apps://kiosk/',
  'app:kiosk',
  'app://KIOSK.evil/',
  'app://xn--kisk-9qa/',
  'app://kiosk%2eevil.com/',
  'ws://127.0.0.1:8350/',
  'ftp://kiosk/',
  'mailto:someone@lejre.dk',
  'tel:+4546464646',
  'smb://server/share',
  '\\\\server\\share\\x.html',
  'C:\\Users\\Public\\x.html',
  '',
  'not a url',
];

describe('navigation policy', () => {
  it(`blocks ${HOSTILE_URLS.length} hostile URLs for navigation and new windows`, () => {
    expect(HOSTILE_URLS.length).toBeGreaterThanOrEqual(30);
    for (const url of HOSTILE_URLS) {
      expect(mayNavigate(url), url).toBe(false);
      expect(mayOpenWindow(url), url).toBe(false);
    }
  });

  it('allows moving within the app itself', () => {
    expect(mayNavigate(`${APP_ORIGIN}/`)).toBe(true);
    expect(mayNavigate(`${APP_ORIGIN}/index.html`)).toBe(true);
    expect(mayNavigate(`${APP_ORIGIN}/?screen=map#x`)).toBe(true);
    // but never opens a second window, not even of itself
    expect(mayOpenWindow(`${APP_ORIGIN}/`)).toBe(false);
  });

  it('denies every permission a page can ask for', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'midi', 'midiSysex', 'pointerLock', 'fullscreen', 'openExternal', 'clipboard-read', 'clipboard-sanitized-write', 'hid', 'serial', 'usb', 'display-capture', 'idle-detection', 'unknown']) {
      expect(mayGrantPermission(permission), permission).toBe(false);
    }
  });
});

describe('IPC policy', () => {
  it('accepts the invoke channel only from the kiosk main frame', () => {
    expect(acceptIpc({ channel: IPC_INVOKE_CHANNEL, frameUrl: `${APP_ORIGIN}/`, isMainFrame: true })).toBe(true);
  });

  it('rejects foreign frames, sub-frames and unknown channels', () => {
    expect(acceptIpc({ channel: IPC_INVOKE_CHANNEL, frameUrl: 'https://evil.example/', isMainFrame: true })).toBe(false);
    expect(acceptIpc({ channel: IPC_INVOKE_CHANNEL, frameUrl: `${APP_ORIGIN}/`, isMainFrame: false })).toBe(false);
    expect(acceptIpc({ channel: IPC_INVOKE_CHANNEL, frameUrl: undefined, isMainFrame: true })).toBe(false);
    expect(acceptIpc({ channel: IPC_EVENT_CHANNEL, frameUrl: `${APP_ORIGIN}/`, isMainFrame: true })).toBe(false);
    expect(acceptIpc({ channel: 'vores-sted:shell-exec', frameUrl: `${APP_ORIGIN}/`, isMainFrame: true })).toBe(false);
  });
});

describe('kiosk keyboard policy', () => {
  const key = (k: string, mods: Partial<{ control: boolean; alt: boolean; shift: boolean; meta: boolean }> = {}) => ({
    key: k,
    control: false,
    alt: false,
    shift: false,
    meta: false,
    ...mods,
  });

  it('swallows the shortcuts that would leave, reload or inspect the kiosk', () => {
    expect(isEscapeShortcut(key('F4', { alt: true }))).toBe(true);
    expect(isEscapeShortcut(key('w', { control: true }))).toBe(true);
    expect(isEscapeShortcut(key('r', { control: true }))).toBe(true);
    expect(isEscapeShortcut(key('F5'))).toBe(true);
    expect(isEscapeShortcut(key('F11'))).toBe(true);
    expect(isEscapeShortcut(key('I', { control: true, shift: true }))).toBe(true);
    expect(isEscapeShortcut(key('ArrowLeft', { alt: true }))).toBe(true);
    expect(isEscapeShortcut(key('p', { control: true }))).toBe(true);
  });

  it('lets ordinary keys through', () => {
    for (const k of ['a', 'Enter', ' ', 'Tab', 'ArrowLeft', 'Escape', 'æ']) expect(isEscapeShortcut(key(k)), k).toBe(false);
  });
});
