// Where a kiosk window may go: only the app's own origin. Everything else (file:, javascript:, data:,
// chrome:, look-alike hosts, other ports) is refused for navigation and for new windows alike.

export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export function isAppUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
}

/** In-page navigation is allowed only within the app; new windows never. */
export function mayNavigate(raw: string): boolean {
  return isAppUrl(raw);
}

export function mayOpenWindow(_raw: string): false {
  return false;
}

/** Every permission (camera, microphone, notifications, geolocation, HID, serial …) is denied. */
export function mayGrantPermission(_permission: string): false {
  return false;
}
