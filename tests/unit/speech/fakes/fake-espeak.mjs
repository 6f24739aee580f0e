// Stands in for espeak-ng where a test needs to count runs, lack a voice or control the sound's length.
// Environment: FAKE_ESPEAK_LOG (a JSON line per synthesis is appended), FAKE_ESPEAK_LANGS ("da,en-gb").
import { appendFileSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const langs = (process.env.FAKE_ESPEAK_LANGS ?? 'da,en-gb').split(',').filter(Boolean);

if (args.includes('--voices')) {
  const rows = langs.map((lang) => ` 5  ${lang.padEnd(15)} --/M      Fake_${lang}          gmq/${lang}`);
  process.stdout.write(['Pty Language       Age/Gender VoiceName          File                 Other Languages', ...rows, ''].join('\n'));
  process.exit(0);
}

const option = (name) => {
  const at = args.indexOf(name);
  return at === -1 ? null : args[at + 1];
};
const voice = option('-v');
if (!langs.includes(voice)) {
  process.stderr.write('Error: The specified espeak-ng voice does not exist.\n');
  process.exit(1);
}

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const text = Buffer.concat(chunks).toString('utf8');

// 22050 Hz, 16-bit mono; 1000 samples (about 45 ms) per character, so sizes follow the text.
const samples = Buffer.alloc(text.length * 2000, 1);
const format = Buffer.alloc(16);
format.writeUInt16LE(1, 0);
format.writeUInt16LE(1, 2);
format.writeUInt32LE(22050, 4);
format.writeUInt32LE(44100, 8);
format.writeUInt16LE(2, 12);
format.writeUInt16LE(16, 14);
const chunk = (id, body) => {
  const head = Buffer.alloc(8);
  head.write(id, 0, 'ascii');
  head.writeUInt32LE(body.length, 4);
  return Buffer.concat([head, body]);
};
const wav = chunk('RIFF', Buffer.concat([Buffer.from('WAVE', 'ascii'), chunk('fmt ', format), chunk('data', samples)]));

const out = option('-w');
if (out) writeFileSync(out, wav);
else process.stdout.write(wav);
if (process.env.FAKE_ESPEAK_LOG) appendFileSync(process.env.FAKE_ESPEAK_LOG, `${JSON.stringify({ voice, text, args })}\n`);
