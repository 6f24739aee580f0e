import * as v from 'valibot';

// The content model: one schema used by the kiosk (at start and after every bundle install), the bundle
// tools and, later, the staff editor. Every visitor-facing text is Danish first; English may be missing
// and then falls back to Danish.

export const LANGUAGES = ['da', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const CORE_TASK_IDS = [
  'aktivt-og-selvstaendigt-liv',
  'trivsel-og-laering',
  'uddannelse-og-beskaeftigelse',
  'baeredygtig-vaekst',
  'faellesskab-og-fritid',
] as const;
export type CoreTaskId = (typeof CORE_TASK_IDS)[number];

// Icons are drawn by the renderer from its own set; content only names one.
export const ICON_IDS = ['walker', 'sprout', 'graduation', 'leaf', 'people'] as const;
export type IconId = (typeof ICON_IDS)[number];

const nonEmpty = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'));

export const LocalizedText = v.object({ da: nonEmpty, en: v.optional(v.string()) });
export type LocalizedText = v.InferOutput<typeof LocalizedText>;

export const SourceRef = v.object({
  publisher: nonEmpty,
  title: nonEmpty,
  url: v.pipe(v.string(), v.url('must be a web address')),
});
export type SourceRef = v.InferOutput<typeof SourceRef>;

/** A quotation: at most one sentence from a source, always shown marked as a quote with its source. */
export const Quote = v.object({
  text: nonEmpty,
  lang: v.picklist(LANGUAGES),
  source: SourceRef,
});
export type Quote = v.InferOutput<typeof Quote>;

export const ContentManifest = v.object({
  format: v.literal(1),
  id: nonEmpty,
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  title: LocalizedText,
  created: v.pipe(v.string(), v.isoTimestamp('must be an ISO date and time')),
  languages: v.pipe(v.array(v.picklist(LANGUAGES)), v.minLength(1)),
});
export type ContentManifest = v.InferOutput<typeof ContentManifest>;

export const CoreTask = v.object({
  id: v.picklist(CORE_TASK_IDS),
  colour: v.pipe(v.string(), v.hexColor('must be a colour like #1f6f5c')),
  icon: v.picklist(ICON_IDS),
  title: LocalizedText,
  intro: LocalizedText,
  /** Paragraphs in the project's own words, true to the source. */
  body: v.array(LocalizedText),
  quote: v.optional(Quote),
  source: SourceRef,
  publicUrl: v.optional(v.pipe(v.string(), v.url())),
});
export type CoreTask = v.InferOutput<typeof CoreTask>;

export const CoreTasksFile = v.pipe(
  v.array(CoreTask),
  v.length(CORE_TASK_IDS.length, 'must list all five core tasks'),
  v.check((tasks) => new Set(tasks.map((t) => t.id)).size === tasks.length, 'each core task may appear only once'),
);

export const Credit = v.object({
  title: LocalizedText,
  attribution: nonEmpty,
  licence: nonEmpty,
  url: v.optional(v.pipe(v.string(), v.url())),
});
export type Credit = v.InferOutput<typeof Credit>;

export const KioskTexts = v.object({
  attract: v.object({ title: LocalizedText, subtitle: LocalizedText, quote: Quote }),
  about: LocalizedText,
  credits: v.pipe(v.array(Credit), v.minLength(1)),
});
export type KioskTexts = v.InferOutput<typeof KioskTexts>;

const isoDate = v.pipe(v.string(), v.isoDate('must be a date (YYYY-MM-DD)'));
const mediaPath = (extensions: string) =>
  v.pipe(v.string(), v.regex(new RegExp(`^media/[a-z0-9][a-z0-9._-]*\\.(${extensions})$`), `must be a file in media/ ending in .${extensions.split('|').join(', .')}`));
const credit = nonEmpty;

/** One prepared size of an image (made by `vores-sted bundle build`): width and height known up front. */
export const ImageVariant = v.object({
  file: mediaPath('webp|jpg|jpeg|png|avif'),
  width: v.pipe(v.number(), v.integer(), v.minValue(1)),
  height: v.pipe(v.number(), v.integer(), v.minValue(1)),
});
export type ImageVariant = v.InferOutput<typeof ImageVariant>;

export const ImageMedia = v.object({
  type: v.literal('image'),
  file: mediaPath('webp|jpg|jpeg|png|avif'),
  width: v.pipe(v.number(), v.integer(), v.minValue(1)),
  height: v.pipe(v.number(), v.integer(), v.minValue(1)),
  /** Sizes for 1080p and 4K screens, smallest first. */
  variants: v.optional(v.array(ImageVariant), []),
  alt: LocalizedText,
  caption: v.optional(LocalizedText),
  /** Who made it and under which licence, e.g. "Foto: Lejre Kommune, CC BY 4.0". */
  credit,
});
export type ImageMedia = v.InferOutput<typeof ImageMedia>;

export const VideoMedia = v.object({
  type: v.literal('video'),
  file: mediaPath('mp4|webm'),
  poster: v.optional(mediaPath('webp|jpg|jpeg|png')),
  captions: v.optional(v.object({ da: mediaPath('vtt'), en: v.optional(mediaPath('vtt')) })),
  alt: LocalizedText,
  caption: v.optional(LocalizedText),
  credit,
});
export type VideoMedia = v.InferOutput<typeof VideoMedia>;

export const AudioMedia = v.object({
  type: v.literal('audio'),
  file: mediaPath('mp3|ogg|oga|opus|m4a'),
  transcript: LocalizedText,
  caption: v.optional(LocalizedText),
  credit,
});
export type AudioMedia = v.InferOutput<typeof AudioMedia>;

export const Media = v.variant('type', [ImageMedia, VideoMedia, AudioMedia]);
export type Media = v.InferOutput<typeof Media>;

export const STORY_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/**
 * A story as staff write it (stories.json); its body is Markdown in stories/<id>.da.md (and .en.md).
 */
export const StoryEntry = v.object({
  id: v.pipe(v.string(), v.regex(STORY_ID, 'must be lower-case letters, digits and dashes')),
  coreTasks: v.pipe(v.array(v.picklist(CORE_TASK_IDS)), v.minLength(1, 'must name at least one core task')),
  /** Village ids from geo/villages.json; empty for a story about the whole municipality. */
  villages: v.array(v.pipe(v.number(), v.integer())),
  title: LocalizedText,
  summary: LocalizedText,
  /** "Letlæst": an easy-to-read summary, shown by a toggle. */
  easySummary: v.optional(LocalizedText),
  media: v.optional(v.array(Media), []),
  sources: v.optional(v.array(SourceRef), []),
  example: v.boolean(),
  /** Shown in turn on the attract screen while the kiosk waits for a visitor (missing = false). */
  highlight: v.optional(v.boolean()),
  validFrom: v.optional(isoDate),
  validTo: v.optional(isoDate),
  /** A public page (e.g. on lejre.dk) a visitor can open later on their phone, via a QR code. */
  publicUrl: v.optional(v.pipe(v.string(), v.url())),
});
export type StoryEntry = v.InferOutput<typeof StoryEntry>;

export const StoriesFile = v.array(StoryEntry);

/** A story as the renderer gets it: the body already turned into sanitised HTML by the host. */
export interface Story extends StoryEntry {
  bodyHtml: { da: string; en?: string };
}

/** A place from geo/villages.json: kept as sourced; lat/lon null means no sourced coordinate. */
export const Village = v.object({
  id: v.pipe(v.number(), v.integer()),
  name: nonEmpty,
  lat: v.nullable(v.pipe(v.number(), v.minValue(54), v.maxValue(58))),
  lon: v.nullable(v.pipe(v.number(), v.minValue(7), v.maxValue(16))),
  parish: nonEmpty,
  tier: v.picklist([1, 2, 3]),
  population: v.nullable(
    v.object({ value: v.pipe(v.number(), v.integer(), v.minValue(0)), year: v.number(), source: nonEmpty }),
  ),
});
export type Village = v.InferOutput<typeof Village>;

export const VillagesFile = v.object({ villages: v.pipe(v.array(Village), v.minLength(1)) });

const Position = v.tuple([v.number(), v.number()]);
const Ring = v.pipe(v.array(Position), v.minLength(4, 'a ring needs at least 4 positions'));
const PolygonCoords = v.array(Ring);
export const Geometry = v.variant('type', [
  v.object({ type: v.literal('Polygon'), coordinates: PolygonCoords }),
  v.object({ type: v.literal('MultiPolygon'), coordinates: v.array(PolygonCoords) }),
]);
export type Geometry = v.InferOutput<typeof Geometry>;

export const GeoFeature = v.object({
  type: v.literal('Feature'),
  properties: v.nullable(v.record(v.string(), v.unknown())),
  geometry: Geometry,
});
export type GeoFeature = v.InferOutput<typeof GeoFeature>;

export const FeatureCollection = v.object({
  type: v.literal('FeatureCollection'),
  features: v.pipe(v.array(GeoFeature), v.minLength(1)),
});
export type FeatureCollection = v.InferOutput<typeof FeatureCollection>;

export interface GeoData {
  municipality: FeatureCollection;
  parishes: FeatureCollection;
  water: FeatureCollection;
  context: FeatureCollection;
}

/** Everything the renderer needs to show one version of the content. */
export interface ContentSnapshot {
  manifest: ContentManifest;
  coreTasks: CoreTask[];
  /** Only the stories valid today, by the host's clock. */
  stories: Story[];
  texts: KioskTexts;
  villages: Village[];
  geo: GeoData;
}

/** The files of a content folder and the schema each one must satisfy. */
export const CONTENT_FILES = {
  manifest: 'manifest.json',
  coreTasks: 'core-tasks.json',
  texts: 'kiosk-texts.json',
  stories: 'stories.json',
  villages: 'geo/villages.json',
  municipality: 'geo/municipality.geojson',
  parishes: 'geo/parishes.geojson',
  water: 'geo/water.geojson',
  context: 'geo/context.geojson',
} as const;
