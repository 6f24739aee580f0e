import { KIOSK_CSP, SECURITY_HEADERS } from '../core/csp.js';

// What a kiosk page may never do in the Electron shell, besides leaving the app (navigation-policy.ts):
// print, open dialogs or popups, download.
//
// window.print() must do nothing, and Electron 45 has no public switch for it: no webPreferences option;
// `web-printing` in the permission handlers is the Web Printing API, not window.print(); the event Electron
// raises for a print request is private; a preload cannot replace the page's window.print (context
// isolation gives it its own JavaScript world), and patching it from there with the experimental
// contextBridge.executeInMainWorld would be page JavaScript that page JavaScript can undo.
//
// What works is the web platform's own rule, enforced by Blink: in a document whose CSP carries `sandbox`
// without `allow-modals`, print() is ignored (so are alert, confirm, prompt and the leave-page prompt).
// Without `allow-downloads` and `allow-popups` no download or new window starts either, before the
// session's handlers in main.ts even see one. `allow-scripts` and `allow-same-origin` keep the app working:
// its module scripts, media and IPC need its own origin. (Chromium warns that this pair lets an *iframe*
// escape its sandbox attribute; here the sandbox comes from the response header of a top-level page that
// may neither frame anything nor navigate away, so there is nothing to escape to.) A <meta> CSP cannot
// carry `sandbox`, so it goes with every app:// response.
//
// Measured in Chromium 156 (not in Electron: no binary on the development machine): the real renderer
// under this header shows the attract screen and the map, and print() fires no `beforeprint` ("Ignored
// call to 'print()'" in the console); on a test page alert(), window.open() and a download link did
// nothing either, while module scripts, fetch, a worker and localStorage worked.

/** The only sandbox allowances an app:// page gets. */
export const DOCUMENT_SANDBOX_ALLOWS = ['allow-scripts', 'allow-same-origin'] as const;

export const DOCUMENT_SANDBOX = `sandbox ${DOCUMENT_SANDBOX_ALLOWS.join(' ')}`;

/** Headers of every app:// response: the kiosk's security headers, with the sandbox added to its CSP. */
export const APP_RESPONSE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  ...SECURITY_HEADERS,
  'Content-Security-Policy': `${KIOSK_CSP}; ${DOCUMENT_SANDBOX}`,
});

/**
 * Downloads: never, from anywhere (a link on a page, a response the app cannot show, a script). The
 * session's will-download handler cancels what the sandbox did not already stop.
 */
export function mayDownload(_url: string): false {
  return false;
}
