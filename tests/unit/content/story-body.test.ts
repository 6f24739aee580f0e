import { describe, expect, it } from 'vitest';
import { bodyImageSources, renderStoryBody, type BodyImage } from '../../../electron/core/content/story-body.js';

const IMAGES: ReadonlyMap<string, BodyImage> = new Map([['media/havn.webp', { width: 1600, height: 900 }]]);

function render(markdown: string): string {
  return renderStoryBody(markdown, IMAGES).html;
}

const ALLOWED_TAGS = new Set(['h2', 'h3', 'h4', 'p', 'ul', 'ol', 'li', 'em', 'strong', 'blockquote', 'br', 'img', 'span']);
const ALLOWED_ATTRIBUTES = new Set(['src', 'alt', 'width', 'height', 'class', 'start']);

interface Tag {
  name: string;
  attributes: Record<string, string>;
}

/**
 * Every tag of the output with its attributes. sanitize-html writes well-formed HTML (quoted attributes,
 * "<" and ">" in text always escaped), so a tag is exactly a "<…>" run.
 */
function tagsOf(html: string): Tag[] {
  return [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)].map((match) => {
    const attributes: Record<string, string> = {};
    for (const attribute of (match[2] ?? '').matchAll(/([^\s=/]+)(?:="([^"]*)")?/g)) attributes[(attribute[1] ?? '').toLowerCase()] = attribute[2] ?? '';
    return { name: (match[1] ?? '').toLowerCase(), attributes };
  });
}

/** What no body may ever contain, whatever went in. */
function expectHarmless(html: string, payload: string): void {
  const context = `payload ${JSON.stringify(payload)} gave ${JSON.stringify(html)}`;
  expect(html, context).not.toMatch(/<\s*\/?\s*(script|iframe|object|embed|style|form|meta|base|svg|math|a|link|input|details|body|use|frame|noscript)\b/i);
  // An event handler attribute, looking past quoted values (alt text may quote a payload as harmless text).
  expect(html.replace(/="[^"]*"/g, '=""'), context).not.toMatch(/<[^>]*\son\w+\s*=/i);
  expect(html, context).not.toMatch(/javascript\s*:|vbscript\s*:|data\s*:[a-z]+\//i);
  expect(html, context).not.toContain('evil.example/t.png');
  expect(html, context).not.toContain('evil.example/track.png');
  for (const tag of tagsOf(html)) {
    expect(ALLOWED_TAGS.has(tag.name), `${context}: tag <${tag.name}>`).toBe(true);
    for (const [name, value] of Object.entries(tag.attributes)) {
      expect(ALLOWED_ATTRIBUTES.has(name), `${context}: attribute ${name}`).toBe(true);
      if (name === 'src') expect(value, context).toMatch(/^\/media\/[a-z0-9][a-z0-9._-]*\.(webp|jpg|jpeg|png|avif)$/);
      if (name === 'class') expect(['link', 'url'], context).toContain(value);
    }
  }
}

// From the OWASP XSS Filter Evasion Cheat Sheet and PortSwigger's XSS cheat sheet, plus the ways Markdown
// itself can carry a link or an image.
const PAYLOADS: Record<string, string> = {
  'script tag': '<script>alert(1)</script>',
  'script tag split over lines': 'Tekst\n\n<script\n>alert(1)</script\n>',
  'img onerror': '<img src=x onerror=alert(1)>',
  'img onerror inside a paragraph': 'Tekst <img src=x onerror=alert(1)> midt i en linje',
  'svg onload': '<svg onload=alert(1)>',
  'iframe': '<iframe src="javascript:alert(1)"></iframe>',
  'javascript: link': '<a href="javascript:alert(1)">klik</a>',
  'javascript: link, entity-encoded': '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">klik</a>',
  'javascript: link, mixed case': '<a href="JaVaScRiPt:alert(1)">klik</a>',
  'javascript: link, with a tab entity': '<a href="jav&#x09;ascript:alert(1)">klik</a>',
  'javascript: link, with whitespace and a newline': '<a href="  java\nscript:alert(1)">klik</a>',
  'img src with an encoded newline': '<IMG SRC="jav&#x0A;ascript:alert(\'XSS\');">',
  'data: link': '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">klik</a>',
  'vbscript: link': '<a href="vbscript:msgbox(1)">klik</a>',
  'object': '<object data="javascript:alert(1)"></object>',
  'embed': '<embed src="javascript:alert(1)">',
  'style @import': "<style>@import 'http://evil.example/xss.css';</style>",
  'style attribute url()': '<div style="background:url(javascript:alert(1))">tekst</div>',
  'body onload': '<body onload=alert(1)>',
  'details open ontoggle': '<details open ontoggle=alert(1)>',
  'mutation XSS through math/style': '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  'mutation XSS through noscript': '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  'malformed IMG with SCRIPT': '<IMG """><SCRIPT>alert("XSS")</SCRIPT>">',
  'extra open bracket': '<<script>alert(1)//<</script>',
  'protocol-relative link': '<a href=//evil.example>klik</a>',
  'svg use href': '<svg><use href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4="/></svg>',
  'form action': '<form action="javascript:alert(1)"><input type=submit></form>',
  'meta refresh': '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  'base href': '<base href="javascript:alert(1)//">',
  'CDATA': '<![CDATA[<script>alert(1)</script>]]>',
  'HTML comment': '<!-- <script>alert(1)</script> -->',
  'markdown javascript: link': '[klik](javascript:alert(1))',
  'markdown javascript: link, mixed case': '[klik](JaVaScRiPt:alert(1))',
  'markdown javascript: link, entity-encoded': '[klik](&#106;avascript:alert(1))',
  'markdown javascript: link in angle brackets': '[klik](<javascript:alert(1)>)',
  'markdown reference link to javascript:': '[x]: javascript:alert(1)\n\nSe [her][x].',
  'markdown data: link': '[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  'markdown outside image (a tracking pixel)': '![x](https://evil.example/track.png)',
  'markdown javascript: image': '![x](javascript:alert(1))',
  'markdown data: image': '![x](data:image/png;base64,iVBORw0KGgo=)',
  'markdown protocol-relative image': '![x](//evil.example/t.png)',
  'markdown image breaking out of alt': '![x" onerror="alert(1)](media/havn.webp)',
  'markdown image breaking out of src': '![x](media/havn.webp" onerror="alert(1))',
  'markdown image with traversal': '![x](media/../../secret.png)',
  'raw HTML as link text': '[<img src=x onerror=alert(1)>](https://www.lejre.dk)',
  'autolink with quotes': '<https://evil.example/"onmouseover="alert(1)>',
  'fenced code with a script': '```html\n<script>alert(1)</script>\n```',
};

describe('story bodies: no payload from the XSS cheat sheets survives', () => {
  it('has at least 20 payloads', () => {
    expect(Object.keys(PAYLOADS).length).toBeGreaterThanOrEqual(20);
  });

  for (const [name, payload] of Object.entries(PAYLOADS)) {
    it(name, () => {
      expectHarmless(render(payload), payload);
      // The same payload inside ordinary story text must not break out of it either.
      expectHarmless(render(`# Overskrift\n\nFør.\n\n${payload}\n\nEfter *kursiv*.`), payload);
    });
  }

  it('raw HTML is dropped and reported, never passed through or shown as code', () => {
    const { html, notes } = renderStoryBody('Hej <b onclick="x()">verden</b>!\n\n<div>blok</div>', IMAGES);
    expect(html).toBe('<p>Hej verden!</p>');
    expect(notes.map((note) => note.kind)).toEqual(['raw-html', 'raw-html', 'raw-html']);
  });

  it('a markdown link with a quote in its address stays text', () => {
    const html = render('[x](https://lejre.dk/"onclick="alert(1))');
    expect(tagsOf(html).every((tag) => tag.name !== 'a')).toBe(true);
    expect(html).toContain('<span class="url">');
  });
});

describe('story bodies: what staff may use survives', () => {
  it('headings start at h2 (the page title is the h1) and stop at h4', () => {
    expect(render('# En\n\n## To\n\n### Tre\n\n#### Fire\n\n##### Fem')).toBe('<h2>En</h2>\n<h3>To</h3>\n<h4>Tre</h4>\n<h4>Fire</h4>\n<h4>Fem</h4>');
  });

  it('paragraphs, emphasis, lists, quotes and line breaks', () => {
    const html = render('Et *kursivt* og et **fedt** ord.  \nNy linje.\n\n- æble\n- pære\n\n3. tre\n4. fire\n\n> Et citat fra en borger.');
    expect(html).toBe(
      '<p>Et <em>kursivt</em> og et <strong>fedt</strong> ord.<br />Ny linje.</p>\n' +
        '<ul>\n<li>æble</li>\n<li>pære</li>\n</ul>\n' +
        '<ol start="3">\n<li>tre</li>\n<li>fire</li>\n</ol>\n' +
        '<blockquote>\n<p>Et citat fra en borger.</p>\n</blockquote>',
    );
  });

  it('Danish letters and special characters come through as text', () => {
    expect(render('Æbler & pærer < 5 kr. i Kyndeløse')).toBe('<p>Æbler &amp; pærer &lt; 5 kr. i Kyndeløse</p>');
  });

  it('links become text with the address shown, so visitors cannot leave the kiosk', () => {
    expect(render('Læs mere på [lejre.dk](https://www.lejre.dk/om-kommunen/).')).toBe(
      '<p>Læs mere på <span class="link">lejre.dk <span class="url">(https://www.lejre.dk/om-kommunen/)</span></span>.</p>',
    );
    expect(render('<https://www.lejre.dk>')).toBe('<p><span class="link"><span class="url">https://www.lejre.dk</span></span></p>');
    expect(render('Skriv til <borgerservice@lejre.dk>')).toBe('<p>Skriv til <span class="link"><span class="url">borgerservice@lejre.dk</span></span></p>');
  });

  it('a bare address stays plain text', () => {
    expect(render('Se https://www.lejre.dk')).toBe('<p>Se https://www.lejre.dk</p>');
  });

  it('a link to somewhere a visitor cannot go shows only its text', () => {
    expect(render('[en fil](media/folder.pdf)')).toBe('<p>en fil</p>');
  });

  it('a bundle picture becomes /media/… with its alt text and size', () => {
    expect(render('![Havnen i Kyndeløse Sydmark](media/havn.webp)')).toBe(
      '<p><img src="/media/havn.webp" alt="Havnen i Kyndeløse Sydmark" width="1600" height="900" /></p>',
    );
  });

  it('a picture the folder does not have, or without alt text, is left out and reported', () => {
    const { html, notes } = renderStoryBody('![Borte](media/borte.webp)\n\n![](media/havn.webp)\n\n![x](https://evil.example/track.png)', IMAGES);
    expect(html).toBe('');
    expect(notes).toEqual([
      { kind: 'missing-image', src: 'media/borte.webp' },
      { kind: 'image-without-alt', src: 'media/havn.webp' },
      { kind: 'outside-image', src: 'https://evil.example/track.png' },
    ]);
  });

  it('lists every image address so the loader can check the files first', () => {
    expect(bodyImageSources('![a](media/a.webp) tekst\n\n- ![b](https://x.example/b.png)')).toEqual(['media/a.webp', 'https://x.example/b.png']);
  });
});
