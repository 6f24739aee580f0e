// The one Content-Security-Policy for every page of the kiosk, in both shells. No inline script or style,
// no eval, nothing from anywhere but the kiosk's own origin: a bundle cannot bring code, and a page cannot
// reach the network. The staff editor uses the same policy, with the one frame it needs for its preview.

export interface CspOptions {
  /** The one origin allowed to show this page in a frame (the editor, for the kiosk's live preview). */
  frameAncestors?: string;
  /** The one origin this page may frame (the preview, for the editor). */
  frameSrc?: string;
}

export function kioskCsp(options: CspOptions = {}): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'self' blob:",
    "worker-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${options.frameAncestors ?? "'none'"}`,
    ...(options.frameSrc ? [`frame-src ${options.frameSrc}`] : []),
    "object-src 'none'",
  ].join('; ');
}

export const KIOSK_CSP = kioskCsp();

export function securityHeaders(options: CspOptions = {}): Readonly<Record<string, string>> {
  return {
    'Content-Security-Policy': kioskCsp(options),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), payment=()',
  };
}

/** Headers sent with every response of the kiosk server. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = securityHeaders();
