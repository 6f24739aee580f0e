// Why a bundle was refused. Every code has one Danish sentence for staff (screen, receipt, CLI) and
// one English sentence for the log. `detail` fields carry technical text for the log only.

export type TooLargeSubject = 'bundle' | 'file' | 'total' | 'manifest';

export type BundleRejection =
  | { code: 'empty' }
  | { code: 'not-a-zip'; detail: string }
  | { code: 'truncated'; detail: string }
  | { code: 'corrupt-zip'; detail: string }
  | { code: 'header-mismatch'; path: string }
  | { code: 'unsupported-entry'; path: string; detail: string }
  | { code: 'missing-manifest'; path: string }
  | { code: 'bad-manifest'; detail: string }
  | { code: 'bad-signature' }
  | { code: 'unknown-key'; keyId: string }
  | { code: 'not-newer'; version: number; installedVersion: number }
  | { code: 'wrong-content'; contentId: string; expected: string }
  | { code: 'hash-mismatch'; path: string }
  | { code: 'missing-file'; path: string }
  | { code: 'extra-file'; path: string }
  | { code: 'unsafe-path'; path: string }
  | { code: 'symlink'; path: string }
  | { code: 'duplicate-entry'; path: string }
  | { code: 'too-large'; subject: TooLargeSubject; bytes: number; limit: number; path?: string }
  | { code: 'too-many-entries'; count: number; limit: number }
  | { code: 'compression-ratio'; path: string; ratio: number; limit: number }
  | { code: 'io-error'; detail: string }
  | { code: 'disk-full'; detail: string };

export type RejectionCode = BundleRejection['code'];
export type Lang = 'da' | 'en';

export type Outcome<T> = ({ ok: true } & T) | { ok: false; reason: BundleRejection };

export function reject(reason: BundleRejection): { ok: false; reason: BundleRejection } {
  return { ok: false, reason };
}

function formatBytes(bytes: number, lang: Lang): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const text = value.toFixed(unit === 0 ? 0 : 1);
  return `${lang === 'da' ? text.replace('.', ',') : text} ${units[unit] ?? 'B'}`;
}

// Names come from an untrusted archive: show them, but never let one fill the screen or carry control characters.
function shown(path: string): string {
  const printable = [...path].map((ch) => (/[\p{Cc}\p{Cf}]/u.test(ch) ? '?' : ch)).join('');
  return printable.length > 80 ? `${printable.slice(0, 77)}...` : printable;
}

const daSubject: Record<TooLargeSubject, string> = {
  bundle: 'Pakken',
  file: 'En fil i pakken',
  total: 'Pakkens indhold',
  manifest: 'Pakkens indholdsliste',
};
const enSubject: Record<TooLargeSubject, string> = {
  bundle: 'The bundle',
  file: 'A file in the bundle',
  total: 'The unpacked content',
  manifest: 'The bundle manifest',
};

export function describeRejection(r: BundleRejection, lang: Lang): string {
  return lang === 'da' ? danish(r) : english(r);
}

function danish(r: BundleRejection): string {
  switch (r.code) {
    case 'empty': return 'Filen er tom (0 byte). Kopiér pakken til USB-stikket igen.';
    case 'not-a-zip': return 'Filen er ikke en indholdspakke til Vores Sted.';
    case 'truncated': return 'Pakken er ufuldstændig – måske blev kopieringen afbrudt. Kopiér den til USB-stikket igen.';
    case 'corrupt-zip': return 'Pakken er beskadiget og kan ikke læses. Lav pakken igen.';
    case 'header-mismatch': return `Pakken er beskadiget: filen »${shown(r.path)}« er beskrevet forskelligt to steder i pakken.`;
    case 'unsupported-entry': return `Filen »${shown(r.path)}« i pakken er krypteret eller pakket på en måde, kiosken ikke kan læse.`;
    case 'missing-manifest': return `Pakken mangler sin indholdsliste eller underskrift (${r.path}).`;
    case 'bad-manifest': return 'Pakkens indholdsliste er ugyldig. Lav pakken igen med Vores Sted-værktøjet.';
    case 'bad-signature': return 'Pakkens underskrift passer ikke til indholdet – pakken kan være ændret, efter den blev lavet.';
    case 'unknown-key': return `Pakken er underskrevet med en nøgle, som kiosken ikke kender (nøgle-id ${shown(r.keyId)}).`;
    case 'not-newer': return `Pakken har version ${r.version}, men kiosken har allerede version ${r.installedVersion}. Kun nyere versioner kan installeres.`;
    case 'wrong-content': return `Pakken er til »${shown(r.contentId)}«, men denne kiosk viser »${shown(r.expected)}«.`;
    case 'hash-mismatch': return `Filen »${shown(r.path)}« i pakken passer ikke til underskriften – den er ændret eller beskadiget.`;
    case 'missing-file': return `Filen »${shown(r.path)}« står i pakkens indholdsliste, men mangler i pakken.`;
    case 'extra-file': return `Pakken indeholder »${shown(r.path)}«, som ikke står i pakkens indholdsliste.`;
    case 'unsafe-path': return `Pakken indeholder et ulovligt filnavn (»${shown(r.path)}«).`;
    case 'symlink': return `Pakken indeholder en genvej (symbolsk link), »${shown(r.path)}«, og det er ikke tilladt.`;
    case 'duplicate-entry': return `Pakken indeholder »${shown(r.path)}« mere end én gang (evt. med andre store/små bogstaver eller accenter).`;
    case 'too-large': return `${daSubject[r.subject]} er for stor${r.path ? ` (»${shown(r.path)}«)` : ''}: ${formatBytes(r.bytes, 'da')}, grænsen er ${formatBytes(r.limit, 'da')}.`;
    case 'too-many-entries': return `Pakken indeholder for mange filer: ${r.count}, grænsen er ${r.limit}.`;
    case 'compression-ratio': return `Filen »${shown(r.path)}« er pakket mistænkeligt tæt (1:${Math.round(r.ratio)}) og afvises for at beskytte kiosken.`;
    case 'io-error': return 'Pakken kunne ikke læses fra USB-stikket – blev stikket taget ud? Sæt det i igen og prøv igen.';
    case 'disk-full': return 'Der er ikke plads nok på kiosken til at installere pakken. Kontakt IT.';
    default: return unreachable(r);
  }
}

function english(r: BundleRejection): string {
  switch (r.code) {
    case 'empty': return 'The file is empty (0 bytes).';
    case 'not-a-zip': return `The file is not a Vores Sted bundle (not a zip: ${r.detail}).`;
    case 'truncated': return `The bundle is truncated (${r.detail}).`;
    case 'corrupt-zip': return `The bundle is corrupt (${r.detail}).`;
    case 'header-mismatch': return `Local and central zip headers disagree for "${shown(r.path)}".`;
    case 'unsupported-entry': return `Entry "${shown(r.path)}" cannot be read: ${r.detail}.`;
    case 'missing-manifest': return `The bundle has no ${r.path}.`;
    case 'bad-manifest': return `The bundle manifest is invalid: ${r.detail}.`;
    case 'bad-signature': return 'The signature does not match the bundle manifest.';
    case 'unknown-key': return `The bundle is signed with an untrusted key (key id ${shown(r.keyId)}).`;
    case 'not-newer': return `Bundle version ${r.version} is not newer than installed version ${r.installedVersion}.`;
    case 'wrong-content': return `The bundle is for "${shown(r.contentId)}", this kiosk shows "${shown(r.expected)}".`;
    case 'hash-mismatch': return `"${shown(r.path)}" does not match the size or SHA-256 in the signed manifest.`;
    case 'missing-file': return `"${shown(r.path)}" is listed in the manifest but missing from the bundle.`;
    case 'extra-file': return `"${shown(r.path)}" is in the bundle but not in the signed manifest.`;
    case 'unsafe-path': return `Unsafe entry name "${shown(r.path)}".`;
    case 'symlink': return `Symbolic link entry "${shown(r.path)}" is not allowed.`;
    case 'duplicate-entry': return `Entry "${shown(r.path)}" appears more than once (exactly, by case or by Unicode normalisation).`;
    case 'too-large': return `${enSubject[r.subject]} is too large${r.path ? ` ("${shown(r.path)}")` : ''}: ${formatBytes(r.bytes, 'en')}, limit ${formatBytes(r.limit, 'en')}.`;
    case 'too-many-entries': return `The bundle has too many entries: ${r.count}, limit ${r.limit}.`;
    case 'compression-ratio': return `"${shown(r.path)}" has a suspicious compression ratio of ${Math.round(r.ratio)}:1 (limit ${r.limit}:1).`;
    case 'io-error': return `Could not read or write the bundle: ${r.detail}.`;
    case 'disk-full': return `Not enough disk space on the kiosk: ${r.detail}.`;
    default: return unreachable(r);
  }
}

function unreachable(r: never): never {
  throw new Error(`Unhandled bundle rejection: ${JSON.stringify(r)}`);
}
