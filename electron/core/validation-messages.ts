import type * as v from 'valibot';

type AnyIssue = v.BaseIssue<unknown>;

/** The field name used when a problem concerns a whole file rather than one field in it. */
export const WHOLE_FILE = '(hele filen)';

/** "coreTasks[2].colour" style path for the log and for staff. */
export function issuePath(issue: AnyIssue): string {
  if (!issue.path || issue.path.length === 0) return WHOLE_FILE;
  return issue.path
    .map((item, index) => (typeof item.key === 'number' ? `[${item.key}]` : `${index === 0 ? '' : '.'}${String(item.key)}`))
    .join('');
}

/**
 * The name (or id) of the innermost list entry the issue sits in, e.g. the village "Osted" for
 * villages[12].lat, so staff can find the entry without counting. Null when there is none.
 */
export function issueItemLabel(issue: AnyIssue): string | null {
  for (const item of [...(issue.path ?? [])].reverse()) {
    if (typeof item.key !== 'number') continue;
    const entry: unknown = item.value;
    if (typeof entry !== 'object' || entry === null) return null;
    const record = entry as Record<string, unknown>;
    for (const key of ['name', 'id']) {
      const label = record[key];
      if (typeof label === 'string' && label.trim() !== '') return label.trim().slice(0, 60);
      if (typeof label === 'number') return String(label);
    }
    return null;
  }
  return null;
}

// Danish for the custom (English) messages the contract's schemas use, so staff never read English.
const DA_FOR_MESSAGE: Readonly<Record<string, string>> = {
  'must not be empty': 'må ikke være tom',
  'must be a web address': 'skal være en webadresse (https://…)',
  'must be a colour like #1f6f5c': 'skal være en farve som #1f6f5c',
  'must be an ISO date and time': 'skal være en dato og et klokkeslæt som 2026-11-23T10:00:00Z',
  'must list all five core tasks': 'skal indeholde alle fem kerneopgaver – hverken flere eller færre',
  'each core task may appear only once': 'må kun nævne hver kerneopgave én gang',
  'a ring needs at least 4 positions': 'skal have mindst 4 punkter (en ring i kortet)',
};

function count(expected: string, input: unknown, prefix: RegExp): string {
  const n = expected.replace(prefix, '');
  if (typeof input === 'string') return `${n} tegn`;
  return `${n} ${n === '1' ? 'element' : 'elementer'}`;
}

/** What a staff member should read: what the field must be, in Danish. */
export function describeIssueDa(issue: AnyIssue): string {
  if (Object.hasOwn(DA_FOR_MESSAGE, issue.message)) return DA_FOR_MESSAGE[issue.message] as string;
  const expected = issue.expected ?? '';
  // A required field that is not there at all: say so, whatever type it should have had.
  if (issue.kind === 'schema' && issue.input === undefined) return 'mangler';
  switch (issue.type) {
    case 'string':
      return 'skal være en tekst';
    case 'number':
      return 'skal være et tal';
    case 'integer':
      return 'skal være et helt tal';
    case 'boolean':
      return 'skal være sand eller falsk (true/false)';
    case 'array':
      return 'skal være en liste';
    case 'object':
    case 'strict_object':
      // A strict object reports a field it does not know with expected "never".
      if (expected === 'never') return 'er ikke et kendt felt – tjek stavningen, eller fjern det';
      return 'skal være en gruppe af felter ({ … })';
    case 'min_length':
      return issue.input === '' ? 'må ikke være tom' : `skal have mindst ${count(expected, issue.input, /^>=/)}`;
    case 'max_length':
      return `må højst have ${count(expected, issue.input, /^<=/)}`;
    case 'length':
      return `skal have præcis ${count(expected, issue.input, /^/)}`;
    case 'min_value':
      return `skal være mindst ${expected.replace(/^>=/, '')}`;
    case 'max_value':
      return `må højst være ${expected.replace(/^<=/, '')}`;
    case 'url':
      return 'skal være en webadresse (https://…)';
    case 'hex_color':
      return 'skal være en farve som #1f6f5c';
    case 'iso_timestamp':
      return 'skal være en dato og et klokkeslæt som 2026-11-23T10:00:00Z';
    case 'picklist':
    case 'literal':
    case 'variant':
      return `skal være en af de tilladte værdier (${expected.replace(/^\((.*)\)$/s, '$1')})`;
    case 'regex':
      return 'indeholder tegn, der ikke er tilladt';
    default:
      return expected ? `har en ugyldig værdi (forventet: ${expected})` : 'har en ugyldig værdi';
  }
}
