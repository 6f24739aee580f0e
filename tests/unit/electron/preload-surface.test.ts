import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BRIDGE_GLOBAL, IPC_CHANNELS } from '../../../contract/channels';

// The preload is transport only. Its source is small enough to check as text: one exposed object, two
// functions, each bound to an allowlisted channel, and no Node module or other Electron API in reach.
const source = readFileSync('electron/shell/preload.ts', 'utf8');

describe('the preload', () => {
  it('exposes one bridge with exactly invoke and onEvent', () => {
    expect(source.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(source).toContain(`exposeInMainWorld(BRIDGE_GLOBAL`);
    expect(BRIDGE_GLOBAL).toBe('voresSted');
    const keys = [...source.matchAll(/^\s{2}(\w+): \(/gm)].map((m) => m[1]).sort();
    expect(keys).toEqual(['invoke', 'onEvent']);
  });

  it('uses only the allowlisted channels and never hands ipcRenderer itself to the page', () => {
    expect(IPC_CHANNELS).toEqual(['vores-sted:invoke', 'vores-sted:event']);
    const channelUses = [...source.matchAll(/ipcRenderer\.(?:invoke|on|removeListener)\((\w+)/g)].map((m) => m[1]);
    expect(new Set(channelUses)).toEqual(new Set(['IPC_INVOKE_CHANNEL', 'IPC_EVENT_CHANNEL']));
    expect(source).not.toMatch(/ipcRenderer\.send|sendSync|exposeInMainWorld\([^)]*ipcRenderer\b\s*\)/);
    expect(source).not.toMatch(/require\(|from 'node:|from 'fs'|from 'child_process'|shell\.|remote/);
  });

  it('passes the listener only the payload, never the IPC event (which carries sender objects)', () => {
    expect(source).toMatch(/\(_event: IpcRendererEvent, payload: unknown\): void => listener\(payload\)/);
  });
});
