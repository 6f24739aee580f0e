import type { ContentProblem } from '../bundle/index.js';
import { loadContent } from './load-content.js';

/**
 * `bundle build` checks the folder with the very code the kiosk loads content with, so a bundle that
 * builds is a bundle the kiosk can show.
 */
export async function validateContentFolder(contentDir: string): Promise<ContentProblem[]> {
  const state = await loadContent(contentDir);
  return state.ok ? [] : [{ path: state.problem.file, message: `${state.problem.messageDa} (${state.problem.field})` }];
}
