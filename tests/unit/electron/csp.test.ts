import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KIOSK_CSP, SECURITY_HEADERS } from '../../../electron/core/csp';

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((part) => part.trim().split(/\s+/)).map(([name = '', ...values]) => [name, values]));
}

describe('the Content-Security-Policy', () => {
  const policy = directives(KIOSK_CSP);

  it('allows no inline script or style and no eval', () => {
    expect(KIOSK_CSP).not.toContain('unsafe-inline');
    expect(KIOSK_CSP).not.toContain('unsafe-eval');
    expect(KIOSK_CSP).not.toContain('wasm-unsafe-eval');
  });

  it('denies everything by default and allows only the kiosk itself', () => {
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    for (const [name, values] of policy) {
      for (const value of values) expect(value, `${name} ${value}`).toMatch(/^('self'|'none'|data:|blob:)$/);
    }
  });

  it('is sent with every response, and the page carries the same policy as a meta tag', () => {
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(KIOSK_CSP);
    const html = readFileSync('renderer/index.html', 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    const metaPolicy = directives(meta);
    // frame-ancestors cannot be set from a meta tag; everything else must match the header.
    for (const [name, values] of policy) if (name !== 'frame-ancestors') expect(metaPolicy.get(name), name).toEqual(values);
  });
});

describe('the Electron version', () => {
  it('is within the latest three supported majors (45 is current in November 2026)', () => {
    const version = (JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')) as { version: string }).version;
    const major = Number(version.split('.')[0]);
    expect(major).toBeGreaterThanOrEqual(43);
  });
});
