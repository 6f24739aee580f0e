import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleFigures {
  jsFiles: number;
  jsRawKB: number;
  jsGzipKB: number;
  cssGzipKB: number;
}

const KB = 1024;

/** What the renderer makes the browser download: the built JS and CSS, gzipped as a server would send them. */
export function measureBundle(assetsDir = join('dist', 'renderer', 'assets')): BundleFigures {
  const files = readdirSync(assetsDir);
  const sizes = (extension: string): { raw: number; gzip: number; count: number } => {
    const matching = files.filter((name) => name.endsWith(extension));
    let raw = 0;
    let gzip = 0;
    for (const name of matching) {
      const bytes = readFileSync(join(assetsDir, name));
      raw += bytes.length;
      gzip += gzipSync(bytes).length;
    }
    return { raw, gzip, count: matching.length };
  };
  const js = sizes('.js');
  const css = sizes('.css');
  if (js.count === 0) throw new Error(`no JS in ${assetsDir}: did the build run?`);
  return { jsFiles: js.count, jsRawKB: js.raw / KB, jsGzipKB: js.gzip / KB, cssGzipKB: css.gzip / KB };
}
