// Stands in for aplay. Arguments: <log file> <mode> [file]. Appends "start <pid> <file> <bytes>" to the log,
// then by mode: "done" exits at once, "wait" plays until stopped (and logs "stop <pid> <signal>"),
// "fail" exits as aplay does without a sound card. Without a file argument the WAV is read from stdin.
import { appendFileSync, readFileSync } from 'node:fs';

const [log, mode, file] = process.argv.slice(2);
const write = (line) => appendFileSync(log, `${line}\n`);

const bytes = file ? readFileSync(file) : await readStdin();
async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks);
}

if (mode === 'fail') {
  process.stderr.write('aplay: main:831: audio open error: No such file or directory\n');
  process.exit(1);
}
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    write(`stop ${process.pid} ${signal}`);
    process.exit(0);
  });
}
write(`start ${process.pid} ${file ?? '-'} ${bytes.length} ${bytes.toString('ascii', 0, 4)}`);
if (mode === 'wait') setInterval(() => undefined, 60_000);
