import type { ContentProblem } from '../../../contract/api.js';

/**
 * What the checks of one content folder found. Errors reject the folder (the kiosk keeps its last good
 * content); warnings are logged and shown to staff by the bundle tools, but the content is used.
 */
export class Findings {
  readonly errors: ContentProblem[] = [];
  readonly warnings: ContentProblem[] = [];

  error(problem: ContentProblem): void {
    this.errors.push(problem);
  }

  warning(problem: ContentProblem): void {
    this.warnings.push(problem);
  }
}

/** „id“ in Danish quotes, "id" in English ones: how a story is named in every message. */
export function storyDa(id: string): string {
  return `historien „${id}“`;
}

export function storyEn(id: string): string {
  return `story "${id}"`;
}
