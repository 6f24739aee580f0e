/**
 * Draws the illustrations of the built-in stories and writes them as WebP to content/media/.
 *
 *   node --import tsx build/content/make-illustrations.ts
 *
 * Everything is drawn here from code: calm, abstract SVG scenes in the core-task colours, and small
 * locator maps made from the sourced geodata in content/geo/ (d3-geo, transverse Mercator). No photo,
 * nothing downloaded. The same input always gives the same pictures (seeded random numbers).
 *
 * For each picture two sizes are written: media/<name>.webp (1920 px wide) and media/<name>-3840.webp.
 * The `media` array of each story named below is then rebuilt in content/stories.json with the true sizes
 * (read back with sharp), the alt texts, captions and credits; every other field of the story is left as
 * staff wrote it. Old .webp files in content/media that this script no longer makes are removed.
 */
import { readFileSync, readdirSync, mkdirSync, unlinkSync, writeFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { geoArea, geoPath, geoTransverseMercator } from 'd3-geo';
import type { GeoPermissibleObjects } from 'd3-geo';
import * as v from 'valibot';
import { StoriesFile } from '../../contract/content.js';
import type {
  CoreTask,
  CoreTaskId,
  FeatureCollection,
  GeoFeature,
  Geometry,
  ImageMedia,
  LocalizedText,
  StoryEntry,
  Village,
} from '../../contract/content.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CONTENT = join(ROOT, 'content');
const MEDIA = join(CONTENT, 'media');

/** Every picture is drawn on a 1920 × 1080 canvas and rendered at these widths. */
const W = 1920;
const H = 1080;
const SIZES = [1920, 3840] as const;
const WEBP_QUALITY = 75;

const CREDIT = 'Illustration: Vores Sted-projektet, CC0 1.0';

// ---------------------------------------------------------------------------------------------------
// Input data

function readJson<T>(relative: string): T {
  return JSON.parse(readFileSync(join(CONTENT, relative), 'utf8')) as T;
}

const coreTasks = readJson<CoreTask[]>('core-tasks.json');
const villages = readJson<{ villages: Village[] }>('geo/villages.json').villages;
const geo = {
  municipality: readJson<FeatureCollection>('geo/municipality.geojson'),
  parishes: readJson<FeatureCollection>('geo/parishes.geojson'),
  water: readJson<FeatureCollection>('geo/water.geojson'),
  context: readJson<FeatureCollection>('geo/context.geojson'),
};

function taskColour(id: CoreTaskId): string {
  const task = coreTasks.find((t) => t.id === id);
  if (!task) throw new Error(`core-tasks.json has no task ${id}`);
  return task.colour;
}

function village(id: number): Village & { lat: number; lon: number } {
  const found = villages.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`villages.json has no village ${id}`);
  if (found.lat === null || found.lon === null) throw new Error(`village ${id} (${found.name}) has no sourced coordinate`);
  return { ...found, lat: found.lat, lon: found.lon };
}

const CORE_TASK_ORDER: readonly CoreTaskId[] = [
  'aktivt-og-selvstaendigt-liv',
  'trivsel-og-laering',
  'uddannelse-og-beskaeftigelse',
  'baeredygtig-vaekst',
  'faellesskab-og-fritid',
];

const MONTH_EN: Record<string, string> = {
  januar: 'January',
  marts: 'March',
  april: 'April',
  maj: 'May',
  juni: 'June',
  midsommer: 'midsummer',
  august: 'August',
  oktober: 'October',
  november: 'November',
  december: 'December',
};

// ---------------------------------------------------------------------------------------------------
// Small helpers: numbers, colours, seeded random numbers

const n = (x: number): string => (Math.round(x * 10) / 10).toString();

type Rgb = [number, number, number];
type Position = [number, number];

function parseHex(hex: string): Rgb {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a colour: ${hex}`);
  return [parseInt(m[1] ?? '0', 16), parseInt(m[2] ?? '0', 16), parseInt(m[3] ?? '0', 16)];
}

function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((c) => Math.round(Math.min(255, Math.max(0, c))).toString(16).padStart(2, '0')).join('')}`;
}

/** Mixes colour a towards b: t = 0 gives a, t = 1 gives b. */
function mix(a: string, b: string, t: number): string {
  const ca = parseHex(a);
  const cb = parseHex(b);
  return toHex([0, 1, 2].map((i) => (ca[i] ?? 0) + ((cb[i] ?? 0) - (ca[i] ?? 0)) * t) as Rgb);
}

type Random = () => number;

/** mulberry32, seeded from a text: the same name always gives the same picture. */
function seeded(text: string): Random {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  let state = h >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const between = (r: Random, lo: number, hi: number): number => lo + (hi - lo) * r();

// ---------------------------------------------------------------------------------------------------
// Palettes

interface Palette {
  skyTop: string;
  skyBottom: string;
  sun: string;
  far: string;
  mid: string;
  near: string;
  water: string;
  wall: string;
  window: string;
  trunk: string;
  crown: string;
  crownDark: string;
  accent: string;
  accentDark: string;
  accentLight: string;
}

function palette(accent: string, overrides: Partial<Palette> = {}): Palette {
  return {
    skyTop: mix('#d9e6ec', accent, 0.1),
    skyBottom: '#f7f2e7',
    sun: '#f2d9a2',
    far: '#c9dbc5',
    mid: '#a9c6a2',
    near: '#86ad80',
    water: '#9dc1d4',
    wall: '#f5efe4',
    window: '#5d6b73',
    trunk: '#6e5a48',
    crown: '#5f8f5d',
    crownDark: '#4b7a4c',
    accent,
    accentDark: mix(accent, '#000000', 0.3),
    accentLight: mix(accent, '#ffffff', 0.55),
    ...overrides,
  };
}

// ---------------------------------------------------------------------------------------------------
// Drawing primitives (all on the 1920 × 1080 canvas; y grows downwards)

interface Ridge {
  svg: string;
  yAt: (x: number) => number;
}

/** A rolling band of land (or water) from baseY down to the bottom edge. */
function ridge(r: Random, baseY: number, amp: number, fill: string, waves = 1): Ridge {
  const f1 = between(r, 0.5, 1.1) * waves;
  const f2 = between(r, 1.6, 2.6) * waves;
  const p1 = between(r, 0, Math.PI * 2);
  const p2 = between(r, 0, Math.PI * 2);
  const yAt = (x: number): number =>
    baseY + amp * (0.72 * Math.sin((x / W) * Math.PI * 2 * f1 + p1) + 0.28 * Math.sin((x / W) * Math.PI * 2 * f2 + p2));
  const points: string[] = [];
  for (let x = 0; x <= W; x += 24) points.push(`${n(x)},${n(yAt(x))}`);
  return { svg: `<path d="M0,${H} L${points.join(' L')} L${W},${H} Z" fill="${fill}"/>`, yAt };
}

function sky(id: string, top: string, bottom: string): string {
  return (
    `<defs><linearGradient id="${id}" x1="0" y1="0" x2="0" y2="1">` +
    `<stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="${bottom}"/></linearGradient></defs>` +
    `<rect width="${W}" height="${H}" fill="url(#${id})"/>`
  );
}

function circle(cx: number, cy: number, radius: number, fill: string, extra = ''): string {
  return `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(radius)}" fill="${fill}"${extra}/>`;
}

function cloud(cx: number, cy: number, s: number, fill = '#ffffff', opacity = 0.75): string {
  return (
    `<g fill="${fill}" opacity="${opacity}">` +
    `<ellipse cx="${n(cx)}" cy="${n(cy)}" rx="${n(s * 1.6)}" ry="${n(s * 0.45)}"/>` +
    `<ellipse cx="${n(cx - s * 0.45)}" cy="${n(cy - s * 0.25)}" rx="${n(s * 0.6)}" ry="${n(s * 0.45)}"/>` +
    `<ellipse cx="${n(cx + s * 0.35)}" cy="${n(cy - s * 0.35)}" rx="${n(s * 0.75)}" ry="${n(s * 0.55)}"/></g>`
  );
}

interface HouseStyle {
  wall: string;
  roof: string;
  window: string;
  door?: string;
}

function house(x: number, ground: number, w: number, h: number, style: HouseStyle, chimney = false): string {
  const top = ground - h;
  const roofH = h * 0.62;
  const parts = [
    `<rect x="${n(x)}" y="${n(top)}" width="${n(w)}" height="${n(h + 2)}" fill="${style.wall}"/>`,
    `<polygon points="${n(x - w * 0.07)},${n(top + 1)} ${n(x + w / 2)},${n(top - roofH)} ${n(x + w * 1.07)},${n(top + 1)}" fill="${style.roof}"/>`,
  ];
  if (chimney) parts.push(`<rect x="${n(x + w * 0.68)}" y="${n(top - roofH * 0.75)}" width="${n(w * 0.1)}" height="${n(roofH * 0.5)}" fill="${style.roof}"/>`);
  const win = Math.max(8, w * 0.16);
  parts.push(`<rect x="${n(x + w * 0.14)}" y="${n(top + h * 0.25)}" width="${n(win)}" height="${n(win)}" fill="${style.window}"/>`);
  parts.push(`<rect x="${n(x + w * 0.86 - win)}" y="${n(top + h * 0.25)}" width="${n(win)}" height="${n(win)}" fill="${style.window}"/>`);
  parts.push(`<rect x="${n(x + w * 0.42)}" y="${n(top + h * 0.42)}" width="${n(w * 0.16)}" height="${n(h * 0.58 + 2)}" fill="${style.door ?? style.roof}"/>`);
  return parts.join('');
}

type TreeKind = 'round' | 'cone' | 'bare' | 'blossom';

function tree(x: number, ground: number, s: number, p: Palette, kind: TreeKind = 'round', crown?: string): string {
  const trunkW = s * 0.1;
  const trunk = `<rect x="${n(x - trunkW / 2)}" y="${n(ground - s * 0.62)}" width="${n(trunkW)}" height="${n(s * 0.62 + 2)}" fill="${p.trunk}"/>`;
  const fill = crown ?? p.crown;
  switch (kind) {
    case 'cone':
      return `${trunk}<polygon points="${n(x - s * 0.3)},${n(ground - s * 0.3)} ${n(x)},${n(ground - s * 1.15)} ${n(x + s * 0.3)},${n(ground - s * 0.3)}" fill="${fill}"/>`;
    case 'bare': {
      const lines = [
        [x, ground - s * 0.55, x - s * 0.28, ground - s * 0.95],
        [x, ground - s * 0.45, x + s * 0.3, ground - s * 0.88],
        [x, ground - s * 0.6, x + s * 0.05, ground - s * 1.05],
        [x - s * 0.12, ground - s * 0.74, x - s * 0.32, ground - s * 0.78],
      ];
      const branches = lines
        .map(([x1, y1, x2, y2]) => `<line x1="${n(x1 ?? 0)}" y1="${n(y1 ?? 0)}" x2="${n(x2 ?? 0)}" y2="${n(y2 ?? 0)}"/>`)
        .join('');
      return `${trunk}<g stroke="${p.trunk}" stroke-width="${n(s * 0.045)}" stroke-linecap="round">${branches}</g>`;
    }
    case 'blossom':
      return (
        `${trunk}${circle(x, ground - s * 0.78, s * 0.34, fill)}` +
        `${circle(x - s * 0.12, ground - s * 0.88, s * 0.06, '#ffffff', ' opacity="0.8"')}` +
        `${circle(x + s * 0.14, ground - s * 0.74, s * 0.05, '#ffffff', ' opacity="0.8"')}` +
        `${circle(x + s * 0.02, ground - s * 0.98, s * 0.05, '#ffffff', ' opacity="0.8"')}`
      );
    default:
      return `${trunk}${circle(x, ground - s * 0.8, s * 0.34, fill)}`;
  }
}

/** A figure: a rounded body and a round head, standing with its feet at ground. */
function person(x: number, ground: number, h: number, body: string, head = '#e9d3bd'): string {
  const w = h * 0.34;
  const bodyH = h * 0.7;
  const shoulder = ground - bodyH + w / 2;
  return (
    `<path d="M${n(x - w / 2)},${n(ground)} L${n(x - w / 2)},${n(shoulder)} A${n(w / 2)},${n(w / 2)} 0 0 1 ${n(x + w / 2)},${n(shoulder)} L${n(x + w / 2)},${n(ground)} Z" fill="${body}"/>` +
    circle(x, ground - h * 0.86, h * 0.13, head)
  );
}

function scatter(r: Random, count: number, draw: (x: number, i: number) => string, x0 = 40, x1 = W - 40): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(draw(between(r, x0, x1), i));
  return parts.join('');
}

/** A smooth curve through the points (Catmull-Rom turned into cubic Béziers). */
function smoothPath(points: Position[]): string {
  const at = (i: number): Position => points[Math.min(points.length - 1, Math.max(0, i))] ?? [0, 0];
  let d = `M${n(at(0)[0])},${n(at(0)[1])}`;
  for (let i = 0; i < points.length - 1; i++) {
    const [p0, p1, p2, p3] = [at(i - 1), at(i), at(i + 1), at(i + 2)];
    const c1: Position = [p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6];
    const c2: Position = [p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6];
    d += ` C${n(c1[0])},${n(c1[1])} ${n(c2[0])},${n(c2[1])} ${n(p2[0])},${n(p2[1])}`;
  }
  return d;
}

function svgDocument(body: string, width: number): string {
  const height = Math.round((width * H) / W);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${W} ${H}">${body}</svg>`;
}

// ---------------------------------------------------------------------------------------------------
// Scenes

type Scene = (p: Palette, r: Random) => string;

/** Sky, sun, far hills and (optionally) a band of water: the calm backdrop most scenes share. */
function backdrop(p: Palette, r: Random, opts: { water?: boolean; sun?: [number, number]; clouds?: number } = {}): string {
  const parts = [sky(`sky${Math.floor(r() * 1e6)}`, p.skyTop, p.skyBottom)];
  const [sx, sy] = opts.sun ?? [between(r, 1300, 1700), between(r, 170, 260)];
  parts.push(circle(sx, sy, 90, p.sun));
  for (let i = 0; i < (opts.clouds ?? 2); i++) parts.push(cloud(between(r, 150, 1750), between(r, 120, 300), between(r, 50, 90)));
  parts.push(ridge(r, 560, 40, p.far).svg);
  if (opts.water) parts.push(ridge(r, 640, 18, p.water, 0.6).svg);
  return parts.join('');
}

const scenes = {
  /** Neighbours walking along a winding path through the hills. */
  walk: (p, r) => {
    const parts = [backdrop(p, r)];
    const mid = ridge(r, 690, 35, p.mid);
    parts.push(mid.svg);
    parts.push(scatter(r, 6, (x) => tree(x, mid.yAt(x) + 6, between(r, 70, 110), p), 60, 1860));
    const near = ridge(r, 840, 25, p.near);
    parts.push(near.svg);
    // The path: a smooth curve through these points, from the bottom edge up into the hills.
    const way: Position[] = [
      [700, 1100],
      [860, 990],
      [1060, 900],
      [1150, 820],
      [1080, 760],
      [1160, 705],
    ];
    parts.push(`<path d="${smoothPath(way)}" fill="none" stroke="${mix(p.skyBottom, '#c9b38e', 0.5)}" stroke-width="60" stroke-linecap="round" stroke-linejoin="round"/>`);
    parts.push(person(1135, 815, 92, p.accentLight), person(1085, 772, 84, p.accent));
    parts.push(person(820, 1015, 150, p.accent), person(905, 985, 140, p.accentDark));
    parts.push(tree(300, near.yAt(300) + 40, 230, p), tree(1650, near.yAt(1650) + 50, 260, p, 'round', p.crownDark));
    return parts.join('');
  },

  /** A house with a lit window; two figures at the door, a garden. */
  home: (p, r) => {
    const parts = [backdrop(p, r, { clouds: 1 })];
    const mid = ridge(r, 720, 20, p.mid);
    parts.push(mid.svg);
    parts.push(house(720, 900, 480, 260, { wall: p.wall, roof: p.accent, window: '#f3c969', door: p.accentDark }, true));
    parts.push(`<rect x="0" y="890" width="${W}" height="${H - 890}" fill="${p.near}"/>`);
    parts.push(`<path d="M930,${H} L960,900 L1000,900 L1080,${H} Z" fill="${mix(p.skyBottom, '#c9b38e', 0.5)}"/>`);
    parts.push(person(1300, 960, 170, p.accentDark), person(1400, 965, 160, p.accentLight));
    parts.push(`<line x1="1345" y1="965" x2="1352" y2="880" stroke="${p.trunk}" stroke-width="7" stroke-linecap="round"/>`);
    parts.push(tree(380, 900, 250, p), tree(560, 900, 170, p, 'round', p.crownDark), tree(1640, 900, 280, p));
    parts.push(scatter(r, 14, (x) => circle(x, between(r, 930, 1060), between(r, 6, 11), p.accentLight), 100, 700));
    return parts.join('');
  },

  /** Children and adults at the edge of a wood, leaves in the air. */
  natureKids: (p, r) => {
    const parts = [backdrop(p, r, { clouds: 1 })];
    const mid = ridge(r, 640, 30, p.mid);
    parts.push(mid.svg);
    parts.push(scatter(r, 16, (x) => tree(x, mid.yAt(x) + 20, between(r, 140, 220), p, r() > 0.5 ? 'cone' : 'round', r() > 0.5 ? p.crown : p.crownDark), 40, 1880));
    const near = ridge(r, 860, 18, p.near);
    parts.push(near.svg);
    const xs = [620, 720, 830, 1010, 1110, 1240];
    xs.forEach((x, i) => parts.push(person(x, near.yAt(x) + 90, i === 2 ? 170 : between(r, 95, 115), i % 2 === 0 ? p.accent : p.accentLight)));
    parts.push(scatter(r, 18, (x) => `<ellipse cx="${n(x)}" cy="${n(between(r, 380, 700))}" rx="11" ry="6" fill="${r() > 0.5 ? '#d9a441' : p.accentLight}" transform="rotate(${n(between(r, -40, 40))} ${n(x)} 500)"/>`, 300, 1600));
    parts.push(circle(930, near.yAt(930) + 100, 40, mix(p.near, '#6b5a3f', 0.5)));
    return parts.join('');
  },

  /** A long low building and a yard with children and play shapes. */
  schoolyard: (p, r) => {
    const parts = [backdrop(p, r)];
    const mid = ridge(r, 650, 20, p.mid);
    parts.push(mid.svg);
    parts.push(`<rect x="260" y="470" width="1400" height="250" fill="${p.wall}"/>`);
    parts.push(`<rect x="240" y="440" width="1440" height="40" fill="${p.accent}"/>`);
    for (let i = 0; i < 10; i++) parts.push(`<rect x="${310 + i * 134}" y="530" width="80" height="90" fill="${p.window}"/>`);
    parts.push(`<rect x="0" y="720" width="${W}" height="${H - 720}" fill="${mix(p.near, p.skyBottom, 0.35)}"/>`);
    parts.push(`<circle cx="560" cy="900" r="110" fill="none" stroke="${p.accentLight}" stroke-width="16"/>`);
    for (let i = 0; i < 5; i++) parts.push(`<rect x="${1150 + i * 90}" y="860" width="70" height="70" fill="none" stroke="${p.accentLight}" stroke-width="12"/>`);
    parts.push(scatter(r, 9, (x, i) => person(x, between(r, 860, 1040), between(r, 95, 125), i % 3 === 0 ? p.accentDark : i % 3 === 1 ? p.accent : p.accentLight), 200, 1800));
    parts.push(tree(1800, 760, 300, p), tree(110, 770, 240, p, 'round', p.crownDark));
    return parts.join('');
  },

  /** A workshop with a saw-tooth roof and open door; an older and a younger figure. */
  workshop: (p, r) => {
    const parts = [backdrop(p, r)];
    const mid = ridge(r, 700, 24, p.mid);
    parts.push(mid.svg);
    const x0 = 560;
    parts.push(`<rect x="${x0}" y="500" width="800" height="330" fill="${p.wall}"/>`);
    const teeth: string[] = [];
    for (let i = 0; i < 4; i++) teeth.push(`${x0 + i * 200},500 ${x0 + i * 200 + 200},400 ${x0 + i * 200 + 200},500`);
    parts.push(teeth.map((t) => `<polygon points="${t}" fill="${p.accent}"/>`).join(''));
    parts.push(`<rect x="${x0 + 300}" y="600" width="220" height="232" fill="${p.accentDark}"/>`);
    parts.push(`<rect x="${x0 + 60}" y="590" width="150" height="110" fill="${p.window}"/><rect x="${x0 + 590}" y="590" width="150" height="110" fill="${p.window}"/>`);
    parts.push(`<rect x="0" y="826" width="${W}" height="${H - 826}" fill="${p.near}"/>`);
    for (let i = 0; i < 5; i++) parts.push(`<rect x="${1440 + (i % 2) * 20}" y="${960 - i * 24}" width="300" height="20" fill="${mix('#c9a26b', '#ffffff', i * 0.08)}"/>`);
    parts.push(person(900, 990, 190, p.accentDark), person(1010, 995, 150, p.accentLight));
    parts.push(tree(300, 830, 280, p), tree(150, 835, 200, p, 'cone', p.crownDark));
    return parts.join('');
  },

  /** Dusk: a hall with warm windows, figures walking towards it. */
  eveningHall: (p, r) => {
    const night = palette(p.accent, { skyTop: mix('#23304a', p.accent, 0.25), skyBottom: '#e7b98f', far: '#5d6f7e', mid: '#4f6470', near: '#3f5560', sun: '#f6e3b5' });
    const parts = [backdrop(night, r, { sun: [1650, 300], clouds: 0 })];
    const mid = ridge(r, 700, 20, night.mid);
    parts.push(mid.svg);
    parts.push(house(600, 860, 720, 260, { wall: mix(p.wall, '#5d6f7e', 0.35), roof: mix(p.accent, '#000000', 0.35), window: '#f3c969', door: '#f3c969' }));
    parts.push(`<rect x="0" y="850" width="${W}" height="${H - 850}" fill="${night.near}"/>`);
    parts.push(`<path d="M920,${H} L935,860 L985,860 L1060,${H} Z" fill="#f3c969" opacity="0.35"/>`);
    parts.push(person(1290, 990, 170, p.accentLight), person(1395, 1000, 180, p.accent), person(1500, 985, 120, mix(p.accentLight, '#ffffff', 0.3)));
    parts.push(person(520, 1000, 175, p.accent), person(420, 995, 160, p.accentLight));
    parts.push(scatter(r, 40, (x) => circle(x, between(r, 30, 380), between(r, 1.5, 3.5), '#ffffff', ' opacity="0.8"'), 20, 1900));
    return parts.join('');
  },

  /** Steps rising towards a building: small steps back into working life. */
  steps: (p, r) => {
    const parts = [backdrop(p, r, { clouds: 3 })];
    const mid = ridge(r, 720, 26, p.mid);
    parts.push(mid.svg);
    parts.push(house(1380, mid.yAt(1500) + 30, 360, 230, { wall: p.wall, roof: p.accent, window: p.window, door: p.accentDark }));
    parts.push(`<rect x="0" y="900" width="${W}" height="${H - 900}" fill="${p.near}"/>`);
    for (let i = 0; i < 5; i++) {
      const tone = mix(p.accentLight, p.accent, i / 4);
      parts.push(`<rect x="${300 + i * 190}" y="${900 - (i + 1) * 60}" width="190" height="${(i + 1) * 60 + 2}" fill="${tone}"/>`);
    }
    parts.push(person(1155, 600, 160, p.accentDark));
    parts.push(tree(150, 905, 260, p), tree(1800, 905, 220, p, 'round', p.crownDark));
    return parts.join('');
  },

  /** A hedge and a flower strip being planted along a field. */
  planting: (p, r) => {
    const parts = [backdrop(p, r)];
    const mid = ridge(r, 640, 20, p.mid);
    parts.push(mid.svg);
    for (let i = 0; i < 9; i++) {
      const y = 700 + i * 38;
      parts.push(`<rect x="0" y="${y}" width="${W}" height="20" fill="${mix(p.mid, '#c7b187', 0.45)}" opacity="${n(0.35 + i * 0.05)}"/>`);
    }
    parts.push(scatter(r, 22, (x) => circle(x, 720 + between(r, -10, 10), between(r, 40, 70), r() > 0.5 ? p.crown : p.crownDark), 40, 1880));
    parts.push(`<rect x="0" y="930" width="${W}" height="${H - 930}" fill="${p.near}"/>`);
    parts.push(scatter(r, 70, (x) => circle(x, between(r, 950, 1070), between(r, 5, 10), [p.accentLight, '#f1d36b', '#ffffff', '#c98bb9'][Math.floor(r() * 4)] ?? '#ffffff'), 20, 1900));
    for (let i = 0; i < 6; i++) parts.push(tree(520 + i * 170, 935, 70 + (i % 2) * 12, p, 'round', p.crownDark));
    parts.push(person(700, 1010, 170, p.accent), person(1280, 1020, 180, p.accentDark), person(1420, 1015, 120, p.accentLight));
    return parts.join('');
  },

  /** Seen from above: people around a round table with a town plan in the middle. */
  meeting: (p, r) => {
    const parts = [`<rect width="${W}" height="${H}" fill="${mix(p.skyBottom, p.accentLight, 0.25)}"/>`];
    parts.push(circle(960, 540, 330, mix(p.wall, '#c9a26b', 0.35)));
    parts.push(`<rect x="790" y="420" width="340" height="240" fill="#fbf8f1"/>`);
    parts.push(`<path d="M800,600 C880,560 940,620 1020,560 S1100,470 1120,480" fill="none" stroke="${p.water}" stroke-width="14"/>`);
    for (let i = 0; i < 5; i++) parts.push(`<rect x="${820 + i * 55}" y="${450 + (i % 2) * 40}" width="36" height="30" fill="${p.accentLight}"/>`);
    parts.push(circle(1040, 620, 18, p.crown), circle(880, 640, 14, p.crown));
    const seats = 10;
    for (let i = 0; i < seats; i++) {
      const a = (i / seats) * Math.PI * 2 + 0.2;
      const x = 960 + Math.cos(a) * 420;
      const y = 540 + Math.sin(a) * 420;
      const body = [p.accent, p.accentDark, p.accentLight][i % 3] ?? p.accent;
      parts.push(`<ellipse cx="${n(x)}" cy="${n(y)}" rx="70" ry="46" fill="${body}" transform="rotate(${n((a * 180) / Math.PI + 90)} ${n(x)} ${n(y)})"/>`);
      parts.push(circle(960 + Math.cos(a) * 405, 540 + Math.sin(a) * 405, 30, '#e9d3bd'));
    }
    parts.push(scatter(r, 6, (x) => `<rect x="${n(x)}" y="${n(between(r, 300, 760))}" width="44" height="30" fill="#ffffff" opacity="0.9" transform="rotate(${n(between(r, -30, 30))} ${n(x)} 540)"/>`, 760, 1120));
    return parts.join('');
  },

  /** A long table with people, lamps above, windows behind. */
  dinner: (p, r) => {
    const parts = [`<rect width="${W}" height="${H}" fill="${mix(p.wall, p.accentLight, 0.2)}"/>`];
    for (let i = 0; i < 4; i++) {
      parts.push(`<rect x="${230 + i * 400}" y="180" width="220" height="300" fill="${mix(p.skyTop, '#ffffff', 0.2)}"/>`);
      parts.push(`<rect x="${336 + i * 400}" y="180" width="8" height="300" fill="${p.wall}"/><rect x="${230 + i * 400}" y="326" width="220" height="8" fill="${p.wall}"/>`);
    }
    for (let i = 0; i < 3; i++) {
      const x = 560 + i * 400;
      parts.push(`<line x1="${x}" y1="0" x2="${x}" y2="120" stroke="${p.accentDark}" stroke-width="4"/>`);
      parts.push(`<path d="M${x - 70},190 A70,70 0 0 1 ${x + 70},190 Z" fill="${p.accent}"/>`, circle(x, 200, 16, '#f3c969'));
    }
    const seated = [340, 470, 600, 730, 1190, 1320, 1450, 1580];
    seated.forEach((x, i) => parts.push(person(x, 780, between(r, 230, 260), [p.accent, p.accentLight, p.accentDark][i % 3] ?? p.accent)));
    parts.push(person(960, 800, 300, p.accentDark));
    parts.push(`<rect x="200" y="740" width="1520" height="40" fill="${mix('#c9a26b', '#000000', 0.1)}"/>`);
    parts.push(`<rect x="200" y="720" width="1520" height="26" fill="#fbf8f1"/>`);
    parts.push(`<rect x="260" y="780" width="24" height="300" fill="${mix('#c9a26b', '#000000', 0.2)}"/><rect x="1636" y="780" width="24" height="300" fill="${mix('#c9a26b', '#000000', 0.2)}"/>`);
    for (let i = 0; i < 9; i++) parts.push(`<ellipse cx="${330 + i * 160}" cy="716" rx="46" ry="12" fill="#ffffff" stroke="${p.accentLight}" stroke-width="4"/>`);
    parts.push(`<rect x="0" y="1000" width="${W}" height="80" fill="${mix(p.wall, '#6e5a48', 0.25)}"/>`);
    return parts.join('');
  },

  /** A village green on a spring work day: a bench, a wheelbarrow, bulbs being planted. */
  workday: (p, r) => {
    const parts = [backdrop(p, r)];
    const mid = ridge(r, 690, 16, p.mid);
    parts.push(mid.svg);
    const roofs = [p.accent, p.accentDark, mix(p.accent, '#6e5a48', 0.5), p.accentLight];
    for (let i = 0; i < 6; i++) {
      const x = 120 + i * 300 + between(r, -30, 30);
      parts.push(house(x, mid.yAt(x + 80) + 30, between(r, 150, 200), between(r, 110, 140), { wall: p.wall, roof: roofs[i % roofs.length] ?? p.accent, window: p.window }));
    }
    parts.push(`<rect x="0" y="800" width="${W}" height="${H - 800}" fill="${p.near}"/>`);
    parts.push(`<rect x="300" y="860" width="300" height="22" fill="${p.accentDark}"/><rect x="300" y="830" width="300" height="16" fill="${p.accentDark}"/><rect x="320" y="880" width="16" height="60" fill="${p.accentDark}"/><rect x="565" y="880" width="16" height="60" fill="${p.accentDark}"/>`);
    parts.push(`<path d="M1380,930 L1560,930 L1530,990 L1410,990 Z" fill="${p.accent}"/>`, circle(1470, 1010, 26, p.trunk), `<line x1="1560" y1="930" x2="1640" y2="900" stroke="${p.trunk}" stroke-width="10" stroke-linecap="round"/>`);
    parts.push(person(760, 1000, 170, p.accentDark), person(1180, 1010, 180, p.accent), person(1290, 1000, 120, p.accentLight));
    parts.push(scatter(r, 30, (x) => circle(x, between(r, 1030, 1070), 7, r() > 0.5 ? '#f1d36b' : '#ffffff'), 700, 1300));
    parts.push(tree(1780, 810, 320, p), tree(120, 810, 240, p, 'round', p.crownDark));
    return parts.join('');
  },

  /** A light summer evening by the water: a small fire, a string of lights, figures. */
  summerEvening: (p, r) => {
    const eve = palette(p.accent, { skyTop: '#7f8fb8', skyBottom: '#f4c58f', sun: '#fbe3a6', far: '#7d8fa0', mid: '#6f8a7a', near: '#5f7a66', water: '#c3b6c4' });
    const parts = [backdrop(eve, r, { water: true, sun: [1450, 540], clouds: 1 })];
    const near = ridge(r, 800, 16, eve.near);
    parts.push(near.svg);
    parts.push(`<path d="M0,300 Q480,420 960,330 T1920,320" fill="none" stroke="${p.accentDark}" stroke-width="3"/>`);
    for (let i = 0; i < 24; i++) {
      const t = i / 23;
      const x = t * W;
      const y = t < 0.5 ? 300 + Math.sin(t * 2 * Math.PI) * 70 + t * 60 : 330 + Math.sin((t - 0.5) * 2 * Math.PI) * -10;
      parts.push(circle(x, y + 12, 9, i % 2 === 0 ? '#f6dc8c' : '#ffffff'));
    }
    parts.push(`<polygon points="900,960 960,830 1020,960" fill="#e9a24b"/><polygon points="930,960 965,880 995,960" fill="#f6dc8c"/>`);
    parts.push(`<rect x="880" y="955" width="160" height="16" fill="${eve.trunk}"/>`);
    const xs = [560, 680, 1180, 1290, 1400];
    xs.forEach((x, i) => parts.push(person(x, 1010 + (i % 2) * 14, between(r, 150, 190), [p.accent, p.accentDark, p.accentLight][i % 3] ?? p.accent)));
    return parts.join('');
  },

  /** Many small figures in a wide ring on a green landscape: many voices, one conversation. */
  gathering: (p, r) => {
    const parts = [backdrop(p, r, { clouds: 2 })];
    parts.push(ridge(r, 650, 20, p.mid).svg);
    parts.push(`<ellipse cx="960" cy="860" rx="760" ry="180" fill="${p.near}"/>`);
    const colours = CORE_TASK_ORDER.map((id) => taskColour(id));
    const ring = 46;
    const figures: { x: number; y: number; s: number; c: string }[] = [];
    for (let i = 0; i < ring; i++) {
      const a = (i / ring) * Math.PI * 2;
      const y = 860 + Math.sin(a) * 140;
      figures.push({ x: 960 + Math.cos(a) * 640, y, s: 60 + ((y - 720) / 280) * 60, c: colours[i % colours.length] ?? p.accent });
    }
    figures.sort((a, b) => a.y - b.y).forEach((f) => parts.push(person(f.x, f.y, f.s, f.c)));
    parts.push(circle(960, 850, 60, p.sun));
    return parts.join('');
  },

  /** Five soft bands in the five core-task colours that flow together. */
  bands: (p) => {
    const parts = [`<rect width="${W}" height="${H}" fill="${p.skyBottom}"/>`];
    CORE_TASK_ORDER.forEach((id, i) => {
      const y0 = 150 + i * 190;
      const y1 = 470 + i * 35;
      parts.push(
        `<path d="M-20,${y0} C600,${y0} 900,${y1} 1300,${y1} S1800,${y1} 1940,${y1}" fill="none" stroke="${taskColour(id)}" stroke-width="${34}" stroke-linecap="round" opacity="0.9"/>`,
      );
    });
    parts.push(circle(1660, 540, 140, 'none', ` stroke="${p.accentDark}" stroke-width="6" opacity="0.3"`));
    return parts.join('');
  },

  /** A village by the water: houses, trees, people – village, nature and community. */
  village: (p, r) => {
    const parts = [backdrop(p, r, { water: true, clouds: 2 })];
    const mid = ridge(r, 720, 30, p.mid);
    parts.push(mid.svg);
    const roofs = CORE_TASK_ORDER.map((id) => taskColour(id));
    for (let i = 0; i < 7; i++) {
      const x = 520 + i * 140 + between(r, -20, 20);
      parts.push(house(x, mid.yAt(x + 60) + 40, between(r, 100, 130), between(r, 80, 100), { wall: p.wall, roof: roofs[i % roofs.length] ?? p.accent, window: p.window }, i % 3 === 0));
    }
    parts.push(scatter(r, 8, (x) => tree(x, mid.yAt(x) + 40, between(r, 120, 170), p, 'round', r() > 0.5 ? p.crown : p.crownDark), 40, 480));
    parts.push(scatter(r, 6, (x) => tree(x, mid.yAt(x) + 40, between(r, 120, 170), p, 'cone', p.crownDark), 1540, 1880));
    const near = ridge(r, 900, 14, p.near);
    parts.push(near.svg);
    const xs = [760, 850, 930, 1090, 1170];
    xs.forEach((x, i) => parts.push(person(x, near.yAt(x) + 110, i === 2 ? 110 : 160, roofs[i % roofs.length] ?? p.accent)));
    return parts.join('');
  },
} satisfies Record<string, Scene>;


// The same landscape through one year: ten moods for the picture-series example.

interface Season {
  key: string;
  palette: Partial<Palette>;
  tree: TreeKind;
  crowns?: string[];
  field?: string;
  extra?: 'snow' | 'rain' | 'stars' | 'bales' | 'blossom' | 'none';
  litWindows?: boolean;
  sun?: [number, number];
  alt: LocalizedText;
}

const SEASONS: Season[] = [
  {
    key: 'januar',
    palette: { skyTop: '#c9d3db', skyBottom: '#eef1f3', sun: '#f4f1ea', far: '#e3e8ec', mid: '#eef1f3', near: '#f7f8f9', water: '#aebcc6' },
    tree: 'bare',
    extra: 'snow',
    alt: {
      da: 'Vinterlandskab: hvide bakker, bare træer, huse med røde tage og en grå fjord under en lys himmel med snefnug.',
      en: 'Winter landscape: white hills, bare trees, houses with red roofs and a grey fjord under a pale sky with snowflakes.',
    },
  },
  {
    key: 'marts',
    palette: { skyTop: '#c6d6de', skyBottom: '#f0efe6', far: '#c8d2bf', mid: '#b3c4a4', near: '#9db38c', water: '#9fb8c6' },
    tree: 'bare',
    extra: 'none',
    alt: {
      da: 'Tidligt forår: gråt og lysegrønt landskab med bare træer, huse og en fjord under let skyet himmel.',
      en: 'Early spring: grey and pale green landscape with bare trees, houses and a fjord under a lightly clouded sky.',
    },
  },
  {
    key: 'april',
    palette: { skyTop: '#bcd8e8', skyBottom: '#f6f3e9', far: '#cfe2c4', mid: '#b6d6a3', near: '#98c485' },
    tree: 'blossom',
    crowns: ['#f0c9d6', '#f5dfe6', '#b6d6a3'],
    extra: 'blossom',
    alt: {
      da: 'Forår: lysegrønne bakker, blomstrende træer i lyserødt og hvidt, huse og en blå fjord.',
      en: 'Spring: light green hills, blossoming trees in pink and white, houses and a blue fjord.',
    },
  },
  {
    key: 'maj',
    palette: { skyTop: '#b2d4ea', skyBottom: '#f7f4e6', far: '#c7dfb9', mid: '#f0d95a', near: '#8fbf74' },
    tree: 'round',
    crowns: ['#7fb36a', '#6aa35b'],
    alt: {
      da: 'Sent forår: en gul mark breder sig over bakken, friskgrønne træer og huse ved fjorden.',
      en: 'Late spring: a yellow field spreads over the hill, fresh green trees and houses by the fjord.',
    },
  },
  {
    key: 'juni',
    palette: { skyTop: '#a9cfe9', skyBottom: '#fbf4df', far: '#b9d8ab', mid: '#93c27c', near: '#74a862', sun: '#fbe3a0' },
    tree: 'round',
    crowns: ['#5f9a52', '#4f8a48'],
    alt: {
      da: 'Forsommer: frodige grønne bakker, store grønne træer, en stor sol og en klar blå fjord.',
      en: 'Early summer: lush green hills, big green trees, a large sun and a clear blue fjord.',
    },
  },
  {
    key: 'midsommer',
    palette: { skyTop: '#8ea3c9', skyBottom: '#f6c992', sun: '#fbe0a0', far: '#93a99a', mid: '#7f9c7c', near: '#6a8a68', water: '#c6b8c3' },
    tree: 'round',
    crowns: ['#4f7a52', '#46704a'],
    sun: [1500, 560],
    litWindows: true,
    alt: {
      da: 'Lys sommeraften: himlen går fra blå til orange, solen står lavt over fjorden, og der er lys i vinduerne.',
      en: 'Light summer evening: the sky fades from blue to orange, the sun is low over the fjord and the windows are lit.',
    },
  },
  {
    key: 'august',
    palette: { skyTop: '#b9d3e4', skyBottom: '#f8efd9', far: '#d9d3a4', mid: '#e3c56c', near: '#c7a24f' },
    tree: 'round',
    crowns: ['#6a8f4f', '#5a7f45'],
    extra: 'bales',
    alt: {
      da: 'Høst: gyldne marker med runde halmballer, mørkegrønne træer og huse ved fjorden.',
      en: 'Harvest: golden fields with round straw bales, dark green trees and houses by the fjord.',
    },
  },
  {
    key: 'oktober',
    palette: { skyTop: '#c4d2dc', skyBottom: '#f4ebdc', far: '#d6c7a6', mid: '#c7b07a', near: '#a98f5c' },
    tree: 'round',
    crowns: ['#d9822b', '#c4552e', '#e0b040'],
    alt: {
      da: 'Efterår: træer i orange, rødt og gult, brune marker og huse ved en blågrå fjord.',
      en: 'Autumn: trees in orange, red and yellow, brown fields and houses by a blue-grey fjord.',
    },
  },
  {
    key: 'november',
    palette: { skyTop: '#a9b4bc', skyBottom: '#d9dcdc', sun: '#e4e4de', far: '#b9c0bd', mid: '#a2ada3', near: '#8c9a8b', water: '#94a4ad' },
    tree: 'bare',
    extra: 'rain',
    litWindows: true,
    alt: {
      da: 'Sent efterår: gråt vejr med skrå regnstriber, bare træer og lys i husenes vinduer.',
      en: 'Late autumn: grey weather with slanting rain, bare trees and light in the windows of the houses.',
    },
  },
  {
    key: 'december',
    palette: { skyTop: '#1f2b45', skyBottom: '#49597a', sun: '#f3edd8', far: '#3e4d63', mid: '#526176', near: '#e9edf2', water: '#34465f' },
    tree: 'cone',
    crowns: ['#2f4a45'],
    extra: 'stars',
    litWindows: true,
    sun: [1600, 200],
    alt: {
      da: 'Vinternat: mørkeblå himmel med stjerner og en måne, sne på jorden, grantræer og gult lys i vinduerne.',
      en: 'Winter night: dark blue sky with stars and a moon, snow on the ground, fir trees and yellow light in the windows.',
    },
  },
];

function seasonScene(season: Season, accent: string): Scene {
  return (_p, r) => {
    const p = palette(accent, season.palette);
    const parts = [backdrop(p, r, { water: true, sun: season.sun ?? [1480, 210], clouds: season.extra === 'rain' ? 5 : 2 })];
    const mid = ridge(r, 740, 32, p.mid);
    parts.push(mid.svg);
    const crowns = season.crowns ?? [p.crown, p.crownDark];
    const roofs = ['#a23b2a', '#8f3a2c', '#b35a3a'];
    const windowColour = season.litWindows ? '#f3c969' : p.window;
    for (let i = 0; i < 5; i++) {
      const x = 980 + i * 150 + between(r, -15, 15);
      parts.push(house(x, mid.yAt(x + 60) + 36, 120, 90, { wall: '#f5efe4', roof: roofs[i % roofs.length] ?? '#a23b2a', window: windowColour }, i % 2 === 0));
    }
    parts.push(scatter(r, 9, (x) => tree(x, mid.yAt(x) + 40, between(r, 130, 190), p, season.tree, crowns[Math.floor(r() * crowns.length)]), 40, 900));
    if (season.extra === 'bales') parts.push(scatter(r, 7, (x) => circle(x, mid.yAt(x) + between(r, 70, 120), 30, '#d9b45e', ` stroke="#b8913e" stroke-width="6"`), 300, 1800));
    const near = ridge(r, 940, 12, p.near);
    parts.push(near.svg);
    parts.push(tree(1800, near.yAt(1800) + 60, 300, p, season.tree, crowns[0]));
    if (season.extra === 'snow') parts.push(scatter(r, 90, (x) => circle(x, between(r, 0, 1060), between(r, 3, 7), '#ffffff', ' opacity="0.9"'), 0, W));
    if (season.extra === 'stars') parts.push(scatter(r, 70, (x) => circle(x, between(r, 20, 480), between(r, 1.5, 3.5), '#ffffff', ' opacity="0.85"'), 0, W));
    if (season.extra === 'blossom') parts.push(scatter(r, 40, (x) => circle(x, between(r, 300, 1040), between(r, 4, 7), '#f5dfe6', ' opacity="0.9"'), 0, W));
    if (season.extra === 'rain') {
      parts.push(
        `<g stroke="#ffffff" stroke-width="3" opacity="0.55" stroke-linecap="round">${scatter(r, 120, (x) => {
          const y = between(r, 0, 1040);
          return `<line x1="${n(x)}" y1="${n(y)}" x2="${n(x - 14)}" y2="${n(y + 40)}"/>`;
        }, 0, W)}</g>`,
      );
    }
    return parts.join('');
  };
}

// ---------------------------------------------------------------------------------------------------
// Maps: the sourced geodata, projected with a transverse Mercator centred on 12° E

function rewindRing(ring: Position[], exterior: boolean): Position[] {
  // d3-geo wants exterior rings clockwise (they enclose the small side of the sphere) and holes the other way.
  const area = geoArea({ type: 'Polygon', coordinates: [ring] } as GeoPermissibleObjects);
  const small = area <= 2 * Math.PI;
  return small === exterior ? ring : [...ring].reverse();
}

function rewind(geometry: Geometry): GeoPermissibleObjects {
  const polygon = (rings: Position[][]): Position[][] => rings.map((ring, i) => rewindRing(ring, i === 0));
  if (geometry.type === 'Polygon') return { type: 'Polygon', coordinates: polygon(geometry.coordinates as Position[][]) } as GeoPermissibleObjects;
  return { type: 'MultiPolygon', coordinates: (geometry.coordinates as Position[][][]).map(polygon) } as GeoPermissibleObjects;
}

const geoms = (fc: FeatureCollection): GeoPermissibleObjects[] => fc.features.map((f: GeoFeature) => rewind(f.geometry));

const MAP_BOX = { west: 11.62, east: 12.22, south: 55.45, north: 55.84 };

interface MapOptions {
  accent: string;
  /** Villages drawn large, in the accent colour. */
  marked: number[];
  /** Draw every other village with a coordinate as a small dot. */
  others: 'grey' | 'accent' | 'none';
  parishTint?: boolean;
}

function mapScene(options: MapOptions): Scene {
  return () => {
    const municipality = geoms(geo.municipality);
    const projection = geoTransverseMercator().rotate([-12, 0]);
    const mapLeft = 520;
    projection.fitExtent(
      [
        [mapLeft + 70, 70],
        [W - 70, H - 70],
      ],
      { type: 'GeometryCollection', geometries: municipality } as GeoPermissibleObjects,
    );
    const path = geoPath(projection);
    const d = (g: GeoPermissibleObjects): string => path(g) ?? '';
    const [bx0, by0] = projection([MAP_BOX.west, MAP_BOX.north]) ?? [0, 0];
    const [bx1, by1] = projection([MAP_BOX.east, MAP_BOX.south]) ?? [W, H];
    if (bx1 < W || by0 > 0 || by1 < H) throw new Error('the map data box does not fill the picture');
    // The side panel reaches to where the data box begins, so no empty strip shows between them.
    const panel = Math.max(mapLeft, Math.ceil(bx0));
    const accent = options.accent;
    const parts = [`<rect width="${W}" height="${H}" fill="#eef0ec"/>`];
    parts.push(
      `<defs><clipPath id="box"><rect x="${panel}" y="0" width="${W - panel}" height="${H}"/></clipPath></defs>`,
    );
    parts.push('<g clip-path="url(#box)">');
    parts.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="#e3e2da"/>`);
    parts.push(`<path d="${geoms(geo.context).map(d).join(' ')}" fill="#e3e2da" stroke="#f6f5f0" stroke-width="3"/>`);
    parts.push(`<path d="${geoms(geo.water).map(d).join(' ')}" fill="#b9d3e0"/>`);
    const parishes = geoms(geo.parishes);
    parishes.forEach((g, i) => {
      const fill = options.parishTint ? mix('#f8f5ec', accent, 0.06 + (i % 4) * 0.05) : '#f8f5ec';
      parts.push(`<path d="${d(g)}" fill="${fill}" stroke="${mix(accent, '#ffffff', 0.55)}" stroke-width="2.5" stroke-linejoin="round"/>`);
    });
    parts.push(`<path d="${municipality.map(d).join(' ')}" fill="none" stroke="${mix(accent, '#000000', 0.25)}" stroke-width="4" stroke-linejoin="round"/>`);
    if (options.others !== 'none') {
      for (const place of villages) {
        if (place.lat === null || place.lon === null || options.marked.includes(place.id)) continue;
        const xy = projection([place.lon, place.lat]);
        if (!xy) continue;
        parts.push(options.others === 'grey' ? circle(xy[0], xy[1], 5, '#9a9a92') : circle(xy[0], xy[1], 9, accent, ' stroke="#ffffff" stroke-width="3"'));
      }
    }
    for (const id of options.marked) {
      const place = village(id);
      const xy = projection([place.lon, place.lat]);
      if (!xy) continue;
      parts.push(circle(xy[0], xy[1], 46, accent, ' opacity="0.18"'));
      parts.push(circle(xy[0], xy[1], 20, accent, ' stroke="#ffffff" stroke-width="6"'));
    }
    parts.push('</g>');
    // A calm side panel in the task colour: concentric rings, like a ripple around a place.
    parts.push(`<rect x="0" y="0" width="${panel}" height="${H}" fill="${mix(accent, '#ffffff', 0.82)}"/>`);
    for (let i = 0; i < 4; i++) parts.push(circle(panel / 2, H / 2, 60 + i * 60, 'none', ` stroke="${accent}" stroke-width="${8 - i * 1.5}" opacity="${n(0.7 - i * 0.15)}"`));
    parts.push(circle(panel / 2, H / 2, 30, accent));
    return parts.join('');
  };
}

// ---------------------------------------------------------------------------------------------------
// What each story gets

interface Picture {
  scene: Scene;
  alt: LocalizedText;
  caption?: LocalizedText;
  credit?: string;
}

/** Names a list: "A", "A og B", "A, B og C". */
function listNames(names: string[], and: string): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${and} ${names[names.length - 1] ?? ''}`;
}

/** The map credit names the data the picture is made from, including where each marked place's point comes from. */
function mapCredit(marked: number[], everyPlace: boolean): string {
  const sources = new Set<string>();
  const ids = everyPlace ? villages.filter((p) => p.lat !== null).map((p) => p.id) : marked;
  for (const id of ids) {
    const type = String((villages.find((p) => p.id === id) as { coord_source?: { type?: string } } | undefined)?.coord_source?.type ?? '');
    if (type.startsWith('OSM')) sources.add('© OpenStreetMap contributors (ODbL 1.0)');
    else if (type.toLowerCase().includes('geonames')) sources.add('GeoNames (CC BY 4.0)');
    else if (type.startsWith('Danske Stednavne')) sources.add('Danske Stednavne, SDFE (frie geodata)');
    else throw new Error(`unknown coordinate source for village ${id}: ${type}`);
  }
  const places = sources.size > 0 ? `; byernes placering: ${[...sources].sort().join(', ')}` : '';
  return `${CREDIT}. Kortdata: DAGI, Geodatastyrelsen (CC BY 4.0)${places}`;
}

/** A locator map for the villages a story is linked to. */
function locator(task: CoreTaskId, marked: number[]): Picture {
  const names = marked.map((id) => village(id).name);
  const da = listNames(names, 'og');
  const en = listNames(names, 'and');
  const one = marked.length === 1;
  return {
    scene: mapScene({ accent: taskColour(task), marked, others: 'grey' }),
    alt: {
      da: `Kort over Lejre Kommune med sognegrænser, vand og nabokommuner. ${da} er markeret med ${one ? 'en stor prik' : 'store prikker'}; andre byer og landsbyer er små grå prikker.`,
      en: `Map of Lejre Municipality with parish boundaries, water and neighbouring municipalities. ${en} ${one ? 'is' : 'are'} marked with ${one ? 'a large dot' : 'large dots'}; other towns and villages are small grey dots.`,
    },
    caption: { da: `Historien er knyttet til ${da}.`, en: `The story is linked to ${en}.` },
    credit: mapCredit(marked, false),
  };
}

const t = (id: CoreTaskId): Palette => palette(taskColour(id));

const STORY_PICTURES: Record<string, { task: CoreTaskId; pictures: Picture[]; locator?: false }> = {
  'historie-og-baggrund': {
    task: 'faellesskab-og-fritid',
    pictures: [
      {
        scene: scenes.gathering,
        alt: {
          da: 'Illustration: mange små, enkle figurer i kerneopgavernes fem farver står i en stor rundkreds i et grønt landskab.',
          en: 'Illustration: many small, simple figures in the five core-task colours stand in a wide circle in a green landscape.',
        },
        caption: {
          da: 'Mere end 1000 borgere og repræsentanter for erhvervslivet deltog i processen.',
          en: 'More than 1,000 citizens and business representatives took part in the process.',
        },
      },
      {
        scene: scenes.bands,
        alt: {
          da: 'Illustration: fem bløde bånd i rødt, blåt, violet, grønt og okker løber fra venstre og samles til højre.',
          en: 'Illustration: five soft bands in red, blue, violet, green and ochre run from the left and come together on the right.',
        },
        caption: { da: 'Fem kerneopgaver – én fælles retning.', en: 'Five core tasks – one shared direction.' },
      },
      {
        scene: mapScene({ accent: taskColour('trivsel-og-laering'), marked: [], others: 'none', parishTint: true }),
        alt: {
          da: 'Kort over Lejre Kommune med de 17 sogne i lyse blå nuancer, vandet og nabokommunerne.',
          en: 'Map of Lejre Municipality with its 17 parishes in light shades of blue, the water and the neighbouring municipalities.',
        },
        caption: { da: 'Historien handler om hele kommunen.', en: 'The story concerns the whole municipality.' },
        credit: `${CREDIT}. Kortdata: DAGI, Geodatastyrelsen (CC BY 4.0)`,
      },
    ],
  },
  'visionen-vores-sted': {
    task: 'baeredygtig-vaekst',
    pictures: [
      {
        scene: scenes.village,
        alt: {
          da: 'Illustration: en lille landsby med huse i kerneopgavernes farver, træer, en fjord og fem figurer i forgrunden.',
          en: 'Illustration: a small village with houses in the core-task colours, trees, a fjord and five figures in the foreground.',
        },
        caption: { da: 'Landsbyen, naturen og det lokale fællesskab.', en: 'The village, nature and the local community.' },
      },
      {
        scene: mapScene({ accent: taskColour('baeredygtig-vaekst'), marked: [], others: 'accent' }),
        alt: {
          da: 'Kort over Lejre Kommune med sognegrænser og vand. Grønne prikker viser de byer og landsbyer, der har en kildebelagt placering.',
          en: 'Map of Lejre Municipality with parish boundaries and water. Green dots show the towns and villages that have a sourced location.',
        },
        caption: { da: 'Byer og landsbyer i Lejre Kommune.', en: 'Towns and villages in Lejre Municipality.' },
        credit: mapCredit([], true),
      },
    ],
  },
  'eksempel-gaatur-for-naboer': {
    task: 'aktivt-og-selvstaendigt-liv',
    pictures: [
      {
        scene: scenes.walk,
        alt: {
          da: 'Illustration: fire figurer går ad en bugtet sti gennem grønne bakker med træer.',
          en: 'Illustration: four figures walk along a winding path through green hills with trees.',
        },
      },
    ],
  },
  'eksempel-hverdag-i-eget-hjem': {
    task: 'aktivt-og-selvstaendigt-liv',
    pictures: [
      {
        scene: scenes.home,
        alt: {
          da: 'Illustration: et hus med rødt tag og lys i vinduerne; to figurer står i haven, den ene med en stok.',
          en: 'Illustration: a house with a red roof and lit windows; two figures stand in the garden, one with a walking stick.',
        },
      },
    ],
  },
  'eksempel-naturdag-i-boernehaven': {
    task: 'trivsel-og-laering',
    pictures: [
      {
        scene: scenes.natureKids,
        alt: {
          da: 'Illustration: små figurer og en voksen i kanten af en skov; blade flyver i luften.',
          en: 'Illustration: small figures and an adult at the edge of a wood; leaves fly through the air.',
        },
      },
    ],
  },
  'eksempel-elever-former-skolegaarden': {
    task: 'trivsel-og-laering',
    pictures: [
      {
        scene: scenes.schoolyard,
        alt: {
          da: 'Illustration: en lang, lav bygning med blå tagkant og en gård med børnefigurer, en malet cirkel og firkanter på jorden.',
          en: 'Illustration: a long, low building with a blue roof edge and a yard with children, a painted circle and squares on the ground.',
        },
      },
    ],
  },
  'eksempel-en-dag-i-praktik': {
    task: 'uddannelse-og-beskaeftigelse',
    pictures: [
      {
        scene: scenes.workshop,
        alt: {
          da: 'Illustration: et værksted med savtakket violet tag og åben port; en voksen og en yngre figur står foran, ved siden af en stak brædder.',
          en: 'Illustration: a workshop with a saw-tooth violet roof and an open door; an adult and a younger figure stand in front, next to a stack of planks.',
        },
      },
    ],
  },
  'eksempel-uddannelsesaften-for-unge': {
    task: 'uddannelse-og-beskaeftigelse',
    pictures: [
      {
        scene: scenes.eveningHall,
        alt: {
          da: 'Illustration: en sal med gult lys i vinduerne i skumringen; figurer går hen mod døren under en stjernehimmel.',
          en: 'Illustration: a hall with yellow light in its windows at dusk; figures walk towards the door under a starry sky.',
        },
      },
    ],
  },
  'eksempel-vejen-tilbage-til-arbejde': {
    task: 'uddannelse-og-beskaeftigelse',
    pictures: [
      {
        scene: scenes.steps,
        alt: {
          da: 'Illustration: fem trin, der bliver højere og højere, fører hen mod et hus; en figur står på det øverste trin.',
          en: 'Illustration: five steps, each higher than the last, lead towards a house; a figure stands on the top step.',
        },
      },
    ],
  },
  'eksempel-faelles-plantedag': {
    task: 'baeredygtig-vaekst',
    pictures: [
      {
        scene: scenes.planting,
        alt: {
          da: 'Illustration: en mark med striber, en række buske og en stribe med blomster; tre figurer planter små træer.',
          en: 'Illustration: a striped field, a row of bushes and a strip of flowers; three figures plant small trees.',
        },
      },
    ],
  },
  'eksempel-borgermoede-om-byens-udvikling': {
    task: 'baeredygtig-vaekst',
    pictures: [
      {
        scene: scenes.meeting,
        alt: {
          da: 'Illustration set oppefra: ti figurer sidder om et rundt bord med et kort over en by og nogle sedler.',
          en: 'Illustration seen from above: ten figures sit around a round table with a map of a town and a few notes.',
        },
      },
    ],
  },
  'eksempel-faellesspisning-i-forsamlingshuset': {
    task: 'faellesskab-og-fritid',
    pictures: [
      {
        scene: scenes.dinner,
        alt: {
          da: 'Illustration: figurer sidder ved et langt bord med hvid dug og tallerkener under tre lamper; store vinduer bagved.',
          en: 'Illustration: figures sit at a long table with a white cloth and plates under three lamps; large windows behind.',
        },
      },
    ],
  },
  'eksempel-arbejdsdag-med-bylauget': {
    task: 'faellesskab-og-fritid',
    pictures: [
      {
        scene: scenes.workday,
        alt: {
          da: 'Illustration: en grøn plads foran en række huse med en bænk, en trillebør og tre figurer, der planter blomsterløg.',
          en: 'Illustration: a green in front of a row of houses with a bench, a wheelbarrow and three figures planting flower bulbs.',
        },
      },
    ],
  },
  'eksempel-sommeraften-2027': {
    task: 'faellesskab-og-fritid',
    pictures: [
      {
        scene: scenes.summerEvening,
        alt: {
          da: 'Illustration: en lys sommeraften ved vandet med et lille bål, en lyskæde og fem figurer.',
          en: 'Illustration: a light summer evening by the water with a small fire, a string of lights and five figures.',
        },
      },
    ],
  },
  'eksempel-et-aar-i-landskabet': {
    task: 'baeredygtig-vaekst',
    // Exactly ten pictures: the story that shows a long picture series (and the benchmark's ten-image story).
    locator: false,
    pictures: SEASONS.map((season, i) => ({
      scene: seasonScene(season, taskColour('baeredygtig-vaekst')),
      alt: season.alt,
      caption: { da: `Billede ${i + 1} af ${SEASONS.length}: ${season.key}.`, en: `Picture ${i + 1} of ${SEASONS.length}: ${MONTH_EN[season.key] ?? season.key}.` },
    })),
  },
};


// ---------------------------------------------------------------------------------------------------
// Rendering and writing

async function render(body: string, name: string): Promise<{ files: { file: string; width: number; height: number; bytes: number }[] }> {
  const files: { file: string; width: number; height: number; bytes: number }[] = [];
  for (const width of SIZES) {
    const file = width === SIZES[0] ? `${name}.webp` : `${name}-${width}.webp`;
    const target = join(MEDIA, file);
    await sharp(Buffer.from(svgDocument(body, width)), { density: 72 })
      .webp({ quality: WEBP_QUALITY, effort: 6 })
      .toFile(target);
    const meta = await sharp(target).metadata();
    if (!meta.width || !meta.height) throw new Error(`cannot read back ${file}`);
    if (meta.width * meta.height > 40_000_000) throw new Error(`${file} is over 40 megapixels`);
    files.push({ file: `media/${file}`, width: meta.width, height: meta.height, bytes: statSync(target).size });
  }
  return { files };
}

async function main(): Promise<void> {
  mkdirSync(MEDIA, { recursive: true });
  const storiesPath = join(CONTENT, 'stories.json');
  const stories = JSON.parse(readFileSync(storiesPath, 'utf8')) as StoryEntry[];
  const written = new Set<string>();
  let total = 0;

  for (const story of stories) {
    const plan = STORY_PICTURES[story.id];
    if (!plan) continue;
    const pictures = [...plan.pictures];
    // Example stories linked to places also get a locator map of those places, in their first task's colour.
    if (story.villages.length > 0 && plan.locator !== false) pictures.push(locator(story.coreTasks[0] ?? plan.task, story.villages));
    const media: ImageMedia[] = [];
    for (const [index, picture] of pictures.entries()) {
      const name = `${story.id}-${index + 1}`;
      const body = picture.scene(t(plan.task), seeded(name));
      const { files } = await render(body, name);
      files.forEach((f) => {
        written.add(f.file);
        total += f.bytes;
      });
      const variants = files.map(({ file, width, height }) => ({ file, width, height })).sort((a, b) => a.width - b.width);
      const main = variants[0];
      if (!main) throw new Error('no variant');
      media.push({
        type: 'image',
        file: main.file,
        width: main.width,
        height: main.height,
        variants,
        alt: picture.alt,
        ...(picture.caption ? { caption: picture.caption } : {}),
        credit: picture.credit ?? CREDIT,
      });
      console.log(`${name}: ${files.map((f) => `${f.width}×${f.height} ${(f.bytes / 1024).toFixed(0)} KB`).join(', ')}`);
    }
    story.media = media;
  }

  const missing = Object.keys(STORY_PICTURES).filter((id) => !stories.some((s) => s.id === id));
  if (missing.length > 0) throw new Error(`stories.json lacks stories the pictures are for: ${missing.join(', ')}`);

  for (const file of readdirSync(MEDIA)) {
    if (file.endsWith('.webp') && !written.has(`media/${file}`)) {
      unlinkSync(join(MEDIA, file));
      console.log(`removed old ${file}`);
    }
  }

  const result = v.safeParse(StoriesFile, stories);
  if (!result.success) throw new Error(`stories.json would not validate: ${result.issues[0]?.message ?? ''}`);
  writeFileSync(storiesPath, `${JSON.stringify(stories, null, 2)}\n`);
  console.log(`${written.size} files, ${(total / 1024 / 1024).toFixed(2)} MB in content/media`);
}

await main();
