import { describe, expect, it } from 'vitest';
import { HARDENED_WEB_PREFERENCES, kioskWindowOptions } from '../../../electron/shell/window-options';

describe('the kiosk window', () => {
  const kiosk = kioskWindowOptions({ preloadPath: '/app/dist/preload/preload.cjs', kioskMode: true });
  const it_ = kioskWindowOptions({ preloadPath: '/app/dist/preload/preload.cjs', kioskMode: false });

  it('gets exactly the hardened web preferences, plus its preload', () => {
    expect(kiosk.webPreferences).toEqual({ ...HARDENED_WEB_PREFERENCES, preload: '/app/dist/preload/preload.cjs', devTools: false });
  });

  it('isolates the page from Node and Electron (Electron security checklist items 2–4, 6, 8, 9, 12)', () => {
    const prefs = kiosk.webPreferences ?? {};
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.enableBlinkFeatures).toBe('');
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
  });

  it('is full screen without frame or devtools in kiosk mode, and a normal window for IT otherwise', () => {
    expect(kiosk).toMatchObject({ kiosk: true, fullscreen: true, frame: false, autoHideMenuBar: true });
    expect(kiosk.webPreferences?.devTools).toBe(false);
    expect(it_).toMatchObject({ kiosk: false, fullscreen: false, frame: true });
    expect(it_.webPreferences?.devTools).toBe(true);
    // The hardening itself never depends on kiosk mode.
    expect({ ...it_.webPreferences, devTools: false }).toEqual(kiosk.webPreferences);
  });
});
