// What the formatted-text box may contain: the kiosk's few formats. Everything else pasted or loaded is
// unwrapped to its text (a Word table becomes its words, a coloured span its letters), and no attribute
// survives but an image's src and alt, so nothing in the box can run or load from elsewhere.

const ALLOWED = new Set(['P', 'H2', 'H3', 'H4', 'STRONG', 'B', 'EM', 'I', 'UL', 'OL', 'LI', 'BLOCKQUOTE', 'BR', 'IMG']);
const BLOCKS = new Set(['DIV', 'TR', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'H5', 'H6']);
const DROPPED = new Set(['SCRIPT', 'STYLE', 'IFRAME', 'OBJECT', 'EMBED', 'TEMPLATE', 'svg', 'SVG', 'MATH']);

function clean(node: Node): void {
  for (const child of [...node.childNodes]) {
    if (child.nodeType === Node.COMMENT_NODE) {
      child.remove();
      continue;
    }
    if (!(child instanceof Element)) continue;
    if (DROPPED.has(child.nodeName)) {
      child.remove();
      continue;
    }
    clean(child);
    if (child.nodeName === 'H1') {
      // The story's title is the top heading: a heading in the text is one level below it.
      const h2 = child.ownerDocument.createElement('h2');
      h2.append(...child.childNodes);
      child.replaceWith(h2);
      continue;
    }
    if (BLOCKS.has(child.nodeName)) {
      // A row or a box of pasted text stays a line of its own.
      const paragraph = child.ownerDocument.createElement('p');
      paragraph.append(...child.childNodes);
      child.replaceWith(paragraph);
      continue;
    }
    if (!ALLOWED.has(child.nodeName)) {
      // Table cells keep a space between them; everything else is just its text.
      child.replaceWith(...child.childNodes, ...(child.nodeName === 'TD' || child.nodeName === 'TH' ? [' '] : []));
      continue;
    }
    for (const attribute of [...child.attributes]) {
      const keep = child.nodeName === 'IMG' && (attribute.name === 'alt' || (attribute.name === 'src' && /^media\/[a-z0-9][a-z0-9._-]*$/.test(attribute.value)));
      if (!keep) child.removeAttribute(attribute.name);
    }
    if (child.nodeName === 'IMG' && !child.hasAttribute('src')) child.remove();
  }
}

export function cleanEditableHtml(html: string): string {
  const template = document.createElement('template');
  template.innerHTML = html;
  clean(template.content);
  return template.innerHTML;
}
