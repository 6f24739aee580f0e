import { pino, type Logger } from 'pino';

// One root logger for the host process; every module takes a child with its own `module` field so a
// log line always says where it came from. English only: the log is for IT, the screen is for staff.
const root: Logger = pino({
  level: process.env['VORES_STED_LOG_LEVEL'] ?? (process.env['VITEST'] ? 'silent' : 'info'),
  base: { app: 'vores-sted' },
  timestamp: pino.stdTimeFunctions.isoTime,
});

export type { Logger };

export function createLogger(module: string): Logger {
  return root.child({ module });
}
