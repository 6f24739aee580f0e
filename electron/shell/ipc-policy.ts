import { IPC_INVOKE_CHANNEL } from '../../contract/channels.js';
import { isAppUrl } from './navigation-policy.js';

export interface IpcSenderInfo {
  channel: string;
  /** URL of the frame that sent the message. */
  frameUrl: string | undefined;
  /** True when the sender is the window's main frame (not an iframe). */
  isMainFrame: boolean;
}

/** IPC is accepted only on the invoke channel, from the kiosk's own main frame (after VS Code's ipcMain). */
export function acceptIpc({ channel, frameUrl, isMainFrame }: IpcSenderInfo): boolean {
  return channel === IPC_INVOKE_CHANNEL && isMainFrame && frameUrl !== undefined && isAppUrl(frameUrl);
}
