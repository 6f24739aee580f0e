import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// WCAG 2.x contrast from the design tokens themselves, so a colour change that hurts legibility fails here.
const tokens = new Map([...readFileSync('renderer/src/styles/tokens.css', 'utf8').matchAll(/--(colour-[\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1] ?? '', m[2] ?? '']));
const coreTasks = JSON.parse(readFileSync('content/core-tasks.json', 'utf8')) as { id: string; colour: string }[];

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const token = (name: string): string => {
  const value = tokens.get(name);
  if (!value) throw new Error(`token ${name} missing`);
  return value;
};

describe('design tokens', () => {
  it.each([
    ['colour-ink', 'colour-surface'],
    ['colour-ink', 'colour-surface-raised'],
    ['colour-ink', 'colour-surface-sunken'],
    ['colour-ink-muted', 'colour-surface'],
    ['colour-ink-muted', 'colour-surface-sunken'],
    ['colour-accent', 'colour-surface-raised'],
    ['colour-accent-ink', 'colour-accent'],
    ['colour-attract-ink', 'colour-attract-bg'],
    ['colour-attract-muted', 'colour-attract-bg'],
    ['colour-problem', 'colour-surface-raised'],
  ])('%s on %s passes WCAG AA for body text (4.5:1)', (fg, bg) => {
    expect(contrast(token(fg), token(bg))).toBeGreaterThanOrEqual(4.5);
  });

  it.each(coreTasks.map((t) => [t.id, t.colour]))('white text on the %s colour passes AA (4.5:1)', (_id, colour) => {
    expect(contrast('#ffffff', colour)).toBeGreaterThanOrEqual(4.5);
  });

  it('gives each of the five core tasks its own colour', () => {
    expect(new Set(coreTasks.map((t) => t.colour.toLowerCase())).size).toBe(5);
  });
});
