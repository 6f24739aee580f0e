// A real installing process for kill9.test.ts, run as `node --import tsx install-child.ts <public-key.pem>`.
//
// Protocol, one line each way:
//   child → parent   `ready`                      modules loaded, key read: waiting for an order
//   parent → child   `{"bundlePath","dataDir","pause","limits"?}`  install this bundle into this folder
//   child → parent   `step:start`, then `step:<InstallStep>` after each step of installBundle
//   parent → child   `go`                         (pause mode only) after every step line: carry on
//   child → parent   `done:{"ok":true,"version":2}` or `done:{"ok":false,"code":"not-newer"}`
//
// Step lines are written with a synchronous write(2) before the install goes on, so whatever the parent
// reads after the child died is exactly what the child had got through. In pause mode the child waits on
// the pipe after each step, so the parent can SIGKILL it at exactly that step.
import { writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { installBundle, loadPublicKey, type BundleLimits } from '../../../electron/core/bundle/index.js';

interface Order {
  bundlePath: string;
  dataDir: string;
  pause: boolean;
  limits?: Partial<BundleLimits>;
}

const say = (line: string): void => {
  writeSync(1, `${line}\n`);
};

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity })[Symbol.asyncIterator]();

async function nextLine(): Promise<string> {
  const next = await lines.next();
  if (next.done === true) throw new Error('parent closed stdin');
  return next.value;
}

async function main(): Promise<void> {
  const publicKeyPath = process.argv[2];
  if (publicKeyPath === undefined) throw new Error('usage: install-child.ts <public-key.pem>');
  const trusted = await loadPublicKey(publicKeyPath);
  say('ready');
  const order = JSON.parse(await nextLine()) as Order;
  const reached = async (step: string): Promise<void> => {
    say(`step:${step}`);
    if (order.pause && (await nextLine()) !== 'go') throw new Error('expected "go"');
  };
  await reached('start');
  const result = await installBundle({
    bundlePath: order.bundlePath,
    dataDir: order.dataDir,
    trustedKeys: [trusted],
    ...(order.limits ? { limits: order.limits } : {}),
    afterStep: reached,
  });
  say(`done:${JSON.stringify(result.ok ? { ok: true, version: result.version } : { ok: false, code: result.reason.code })}`);
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`install-child: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
