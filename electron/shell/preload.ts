// Transport only: the renderer gets `window.voresSted` with two functions, each bound to one allowlisted
// channel. No Node, no ipcRenderer, no other channel ever reaches the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_GLOBAL, IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../contract/channels.js';

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, {
  invoke: (method: string, request: unknown): Promise<unknown> => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, method, request),
  onEvent: (listener: (event: unknown) => void): (() => void) => {
    const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(IPC_EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, wrapped);
    };
  },
});
