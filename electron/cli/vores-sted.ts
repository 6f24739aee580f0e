// Entry point of the `vores-sted` command. All behaviour lives in main() so it can be tested.

// Staff read this tool's output: keep the JSON log off their screen unless IT asks for it. Set before
// main.js (and with it the logger) is loaded, hence the dynamic import.
process.env['VORES_STED_LOG_LEVEL'] ??= 'silent';
const { main } = await import('./main.js');
const { validateContentFolder } = await import('../core/content/validate-content.js');
const { prepareContentCopy } = await import('../core/content/prepare-content.js');

process.exitCode = await main(
  process.argv.slice(2),
  {
    stdout: (text) => void process.stdout.write(`${text}\n`),
    stderr: (text) => void process.stderr.write(`${text}\n`),
    cwd: process.cwd(),
  },
  { validateContent: validateContentFolder, prepareContent: prepareContentCopy },
);
