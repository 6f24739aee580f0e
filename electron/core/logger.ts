import { pino, type DestinationStream, type Logger } from 'pino';
import { DeferredLogDestination, openLogFile, type LogDestination, type RotatingLogFile, type RotatingLogOptions } from './unattended/log-files.js';

// One root logger for the host process; every module takes a child with its own `module` field so a
// log line always says where it came from. English only: the log is for IT, the screen is for staff.
//
// Every line goes to stdout (the systemd journal) and to the kiosk's own rotating log files. Modules make
// their loggers at import time, before the config says where the log folder is, so the file side is a
// DeferredLogDestination: it keeps the first lines in memory and writes them once attachLogFile() runs.

export type { Logger };

/** The root logger over both outputs: its level decides, and both streams take every line it lets through. */
export function createRootLogger(level: string, stdout: DestinationStream, file: LogDestination): Logger {
  const streams = pino.multistream([
    { level: 'trace', stream: stdout },
    { level: 'trace', stream: file },
  ]);
  return pino({ level, base: { app: 'vores-sted' }, timestamp: pino.stdTimeFunctions.isoTime }, streams);
}

const logFile = new DeferredLogDestination();
const root: Logger = createRootLogger(
  process.env['VORES_STED_LOG_LEVEL'] ?? (process.env['VITEST'] ? 'silent' : 'info'),
  pino.destination(process.stdout.fd),
  logFile,
);

export function createLogger(module: string): Logger {
  return root.child({ module });
}

/**
 * Starts writing the log to rotating files (closing any earlier ones). A folder that cannot be made costs
 * the files, never the kiosk: the journal still gets every line. Null when it failed.
 */
export function attachLogFile(options: RotatingLogOptions, destination = logFile): RotatingLogFile | null {
  let file: RotatingLogFile;
  try {
    file = openLogFile(options);
  } catch (error) {
    createLogger('logger').error({ err: error, dir: options.dir }, 'cannot write log files; logging to stdout only');
    return null;
  }
  destination.attach(file);
  return file;
}

/** Closes the log file (the kiosk stops); later lines go to stdout (and wait, bounded, in memory). */
export function detachLogFile(destination = logFile): void {
  destination.detach();
}
