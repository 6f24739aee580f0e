export interface KeyInput {
  key: string;
  control: boolean;
  alt: boolean;
  shift: boolean;
  meta: boolean;
}

/**
 * Shortcuts that would close, reload, zoom or inspect the kiosk window. Swallowed in kiosk mode; IT can
 * turn kiosk mode off in the config to get them back.
 */
export function isEscapeShortcut({ key, control, alt, shift, meta }: KeyInput): boolean {
  const k = key.toLowerCase();
  if (alt && k === 'f4') return true;
  if (['f5', 'f11', 'f12', 'browserback', 'browserforward', 'browserrefresh'].includes(k)) return true;
  if (alt && (k === 'arrowleft' || k === 'arrowright' || k === 'home')) return true;
  if ((control || meta) && ['w', 'q', 'r', 'n', 't', 'p', 's', 'o', 'l', 'u', 'f', 'h', 'j', '+', '-', '=', '0'].includes(k)) return true;
  if ((control || meta) && shift && ['i', 'j', 'c', 'delete'].includes(k)) return true;
  return false;
}
