// What a Word document's raw XML holds that mammoth converts without a word: it accepts tracked changes
// as if approved, leaves out comments, charts, SmartArt and equations, and pours text boxes into the
// running text. Staff must hear about each. Plain pattern counts are enough here: the XML is only read
// to notice things, never to convert them.

export interface DocxFeatures {
  /** Insertions, deletions or moves not yet accepted ("Spor ændringer"). */
  trackedChanges: boolean;
  /** The text of each text box, once each (Word stores a modern and a fallback copy of every box). */
  textBoxes: string[];
  comments: { count: number; authors: string[] };
  charts: number;
  smartArt: number;
  equations: number;
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return XML_ENTITIES[name] ?? whole;
  });
}

/** The visible text of a run of WordprocessingML: its w:t elements, paragraphs separated by a space. */
function textOf(xml: string): string {
  return xml
    .split(/<\/w:p>/)
    .map((paragraph) => [...paragraph.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((match) => decodeXml(match[1] ?? '')).join(''))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const count = (xml: string, pattern: RegExp): number => [...xml.matchAll(pattern)].length;

export function scanFeatures(documentXml: string, commentsXml: string | null): DocxFeatures {
  const textBoxes = new Set<string>();
  for (const match of documentXml.matchAll(/<w:txbxContent\b[^>]*>([\s\S]*?)<\/w:txbxContent>/g)) {
    const text = textOf(match[1] ?? '');
    if (text !== '') textBoxes.add(text);
  }
  const comments = commentsXml ?? '';
  const authors = new Set([...comments.matchAll(/<w:comment\b[^>]*\bw:author="([^"]*)"/g)].map((match) => decodeXml(match[1] ?? '').trim()).filter(Boolean));
  return {
    trackedChanges: /<w:(?:ins|del|moveFrom|moveTo)\b[^>]*\bw:author=/.test(documentXml),
    textBoxes: [...textBoxes],
    comments: { count: count(comments, /<w:comment\b/g), authors: [...authors] },
    charts: count(documentXml, /<c:chart\b/g),
    // A SmartArt graphic is one dgm:relIds reference in the text; its drawing lives in other parts.
    smartArt: count(documentXml, /<dgm:relIds\b/g),
    // oMathPara wraps one or more oMath; count the formulas themselves.
    equations: count(documentXml, /<m:oMath\b/g),
  };
}
