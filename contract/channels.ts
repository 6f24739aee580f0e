// The only IPC channels between the Electron preload and the main process. The preload refuses every
// other channel, and the main process rejects messages on these from any frame but the kiosk's own.
export const IPC_INVOKE_CHANNEL = 'vores-sted:invoke';
export const IPC_EVENT_CHANNEL = 'vores-sted:event';
export const IPC_CHANNELS = [IPC_INVOKE_CHANNEL, IPC_EVENT_CHANNEL] as const;
export type IpcChannel = (typeof IPC_CHANNELS)[number];

/** The name under which the preload exposes its bridge on `window`. */
export const BRIDGE_GLOBAL = 'voresSted';
