import type { Diagnostic } from '../../../contract/api.js';
import { createLogger } from '../logger.js';
import { NO_WATCHDOG_COUNTS, type WatchdogCounts } from './watchdog.js';

// A lost WebGL context is invisible to both shells: the browser process is fine, only the page's canvas
// went blank. The renderer reports it (the contract's `diagnostic` request) and the host counts it here,
// once for both shells, so the health screen and the stick's health log can say how often it happened.

const log = createLogger('renderer-reports');

export class RendererReports {
  #webglLosses = 0;
  #webglRestores = 0;

  record(kind: Diagnostic): void {
    switch (kind) {
      case 'webgl-context-lost':
        this.#webglLosses++;
        log.warn({ total: this.#webglLosses }, 'WebGL context lost (reported by the renderer); the map shows its flat fallback');
        return;
      case 'webgl-context-restored':
        this.#webglRestores++;
        log.info({ total: this.#webglRestores }, 'WebGL context restored (reported by the renderer); the 3D map is back');
        return;
      default: {
        const never: never = kind;
        log.warn({ kind: String(never) }, 'unknown renderer diagnostic');
      }
    }
  }

  get webglContextLosses(): number {
    return this.#webglLosses;
  }

  /**
   * The shell's watchdog counts with the losses counted here. The shells never see a loss themselves, so
   * this number replaces theirs rather than adding to it (nothing is counted twice).
   */
  withReports(counts: Readonly<WatchdogCounts> | undefined): WatchdogCounts {
    return { ...(counts ?? NO_WATCHDOG_COUNTS), webglContextLosses: this.#webglLosses };
  }
}
