import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { clockFloor, gatherKioskHealth, type KioskHealthSources } from './kiosk-health.js';
import { createLogger } from './logger.js';
import { appendHealthLog, exportStats, isClockTrusted, statsLabelsFrom, type StatsStore } from './unattended/index.js';

const log = createLogger('service-stick');

/** The folder staff make on a stick (or that the kiosk makes, with `statsToAnyStick`) to get statistics back. */
export const STATS_FOLDER = 'vores-sted-statistik';

export interface ServiceStickDeps extends KioskHealthSources {
  stats: StatsStore | null;
}

/** A stick asks for statistics by having the folder: its appearance makes the watcher look again. */
export async function serviceSignature(stickDir: string): Promise<string> {
  return (await access(join(stickDir, STATS_FOLDER)).then(() => true, () => false)) ? 'stats' : '';
}

/** Why writing to the stick failed, for staff (Danish, on screen) and for the log (the error code). */
export function stickWriteProblem(error: unknown): { code: string; messageDa: string } {
  const code = (error as NodeJS.ErrnoException | null)?.code ?? 'UNKNOWN';
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return { code, messageDa: 'Der er ikke plads til statistikken på USB-stikket. Slet noget på stikket, eller brug et andet, og sæt det i igen.' };
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
      return { code, messageDa: 'Kiosken kan ikke skrive på USB-stikket (det er skrivebeskyttet). Brug et andet stik.' };
    default:
      return { code, messageDa: 'Statistikken kunne ikke gemmes på USB-stikket. Blev stikket taget ud? Sæt det i igen.' };
  }
}

/**
 * A stick with a `vores-sted-statistik` folder gets the statistics (two CSV files for Excel and a one-page
 * summary) and a health log written into that folder: staff see how the kiosk is doing without a network.
 * The screen says when it is done, so staff know when to take the stick out, or why nothing came.
 */
export function serviceStickHandler(deps: ServiceStickDeps): (stickDir: string) => Promise<void> {
  return async (stickDir) => {
    const folder = join(stickDir, STATS_FOLDER);
    if (!(await access(folder).then(() => true, () => false))) return;
    const { host, stats } = deps;
    const now = Date.now();
    const clockTrusted = isClockTrusted(now, clockFloor(host));
    try {
      if (stats) {
        await stats.flush();
        await exportStats(stats.totals(), folder, {
          kioskId: host.config.kioskId,
          now,
          clockTrusted,
          ...(host.content.ok ? { labels: statsLabelsFrom(host.content.snapshot) } : {}),
        });
      }
      await appendHealthLog(folder, await gatherKioskHealth(deps, now));
    } catch (error) {
      const problem = stickWriteProblem(error);
      log.warn({ stickDir, code: problem.code, err: error }, `statistics and health log could not be written to the service stick (${problem.code})`);
      host.events.emit({ type: 'staff-notice', level: 'error', messageDa: problem.messageDa });
      return;
    }
    log.info({ stickDir, statistics: stats !== null }, 'statistics and health log written to the service stick');
    host.events.emit({
      type: 'staff-notice',
      level: 'success',
      messageDa: stats
        ? `Statistik og tilstandslog er gemt i mappen „${STATS_FOLDER}“ på USB-stikket. Du kan tage USB-stikket ud.`
        : `Tilstandsloggen er gemt i mappen „${STATS_FOLDER}“ på USB-stikket, men kiosken har ingen statistik at give: dens statistikfil kunne ikke åbnes, da den startede. Du kan tage USB-stikket ud.`,
    });
  };
}
