import { BRIDGE_GLOBAL } from '../../../../contract/channels';
import { ElectronTransport, type PreloadBridge } from './electron-transport';
import { HttpTransport } from './http-transport';
import type { Transport } from './transport';

/** Electron's preload puts its bridge on window; without it we are in the Chromium kiosk. */
export function pickTransport(win: Window): Transport {
  const bridge = (win as unknown as Record<string, PreloadBridge | undefined>)[BRIDGE_GLOBAL];
  return bridge ? new ElectronTransport(bridge) : new HttpTransport();
}
