import type { Lang } from '../core/bundle/index.js';

// Everything the CLI says, in Danish (default) and English (--lang en). Staff read this, so: whole
// sentences, what happened and what to do next.

const da = {
  help: `Vores Sted – værktøj til indholdspakker

Brug:
  vores-sted keys new [--out <mappe>]
      Laver et nyt nøglepar til at underskrive pakker. Overskriver aldrig en eksisterende nøgle.
  vores-sted bundle build <indholdsmappe> --key <hemmelig.pem> --version <N> [--out <mappe>]
      Laver pakken vores-sted-<N>.vsb af indholdsmappen og underskriver den.
  vores-sted bundle verify <pakke.vsb> --pubkey <offentlig.pem> [--installed-version <N>]
      Fortæller, om en kiosk vil acceptere pakken, og hvis ikke, hvorfor.
  vores-sted bundle to-usb <pakke.vsb> <usb-mappe>
      Kopierer pakken sikkert til USB-stikket og siger, hvornår stikket kan tages ud.
  vores-sted check-config [--config <config.json>]
      Viser den konfiguration, kiosken vil bruge (med standardværdier), eller hvad der er galt.
  vores-sted doctor [--config <config.json>]
      Kontrollerer kiosken: skærm, browser, diskplads, nøgler, indhold, USB og ur – én linje hver.

Tilføj --lang en for engelsk tekst.`,
  usage: (problem: string) => `${problem}\nSkriv "vores-sted --help" for at se, hvordan værktøjet bruges.`,
  unknownCommand: 'Ukendt kommando.',
  badOption: (detail: string) => `Ugyldigt tilvalg (${detail}).`,
  missingOption: (name: string) => `Tilvalget --${name} mangler.`,
  notInteger: (name: string) => `--${name} skal være et helt tal.`,
  missingArgument: (what: string) => `Angiv ${what}.`,
  noSuchFile: (path: string) => `Filen eller mappen findes ikke: ${path}`,
  keyUnreadable: (path: string) => `Nøglen kan ikke læses: ${path}`,
  keysMade: (priv: string, pub: string, keyId: string, raw: string) =>
    `Nøgleparret er lavet (nøgle-id ${keyId}).\nHemmelig nøgle: ${priv}\n  Del den aldrig, og gem en sikkerhedskopi et sikkert sted.\nOffentlig nøgle: ${pub}\nTil kioskens konfiguration (trustedKeys): ${raw}`,
  keyExists: (path: string) => `Der findes allerede en nøgle her: ${path}. Den bliver ikke overskrevet – vælg en anden mappe med --out.`,
  built: (path: string, version: number, files: number) => `Pakken er lavet: ${path} (version ${version}, ${files} filer).`,
  notBuilt: 'Pakken blev ikke lavet, fordi:',
  accepted: (version: number, keyId: string, files: number) =>
    `En kiosk vil acceptere pakken: version ${version}, underskrevet med nøgle ${keyId}, ${files} filer, alle uændrede.`,
  refused: (why: string) => `En kiosk vil afvise pakken: ${why}`,
  copied: (path: string) => `Pakken er kopieret til ${path} og skrevet helt ned på stikket. Du kan nu skubbe USB-stikket ud og tage det ud.`,
  stickFull: 'Der er ikke plads nok på USB-stikket. Slet noget fra stikket, og prøv igen.',
  copyFailed: (detail: string) => `Pakken kunne ikke kopieres til USB-stikket (${detail}). Stikket skal ikke bruges, før kopieringen er lykkedes.`,
  copyDiffers: 'Kopien på USB-stikket er ikke identisk med pakken. Prøv igen, eller brug et andet stik.',
  unexpected: (detail: string) => `Der skete en uventet fejl: ${detail}`,
};

type Texts = typeof da;

const en: Texts = {
  help: `Vores Sted – content bundle tool

Usage:
  vores-sted keys new [--out <folder>]
      Creates a new key pair for signing bundles. Never overwrites an existing key.
  vores-sted bundle build <content-folder> --key <private.pem> --version <N> [--out <folder>]
      Builds and signs vores-sted-<N>.vsb from the content folder.
  vores-sted bundle verify <bundle.vsb> --pubkey <public.pem> [--installed-version <N>]
      Tells whether a kiosk would accept the bundle, and if not, why.
  vores-sted bundle to-usb <bundle.vsb> <usb-folder>
      Copies the bundle safely to the USB stick and says when the stick can be pulled.
  vores-sted check-config [--config <config.json>]
      Shows the config the kiosk will use (defaults filled in), or what is wrong with it.
  vores-sted doctor [--config <config.json>]
      Checks the kiosk: screen, browser, disk space, keys, content, USB and clock – one line each.

Texts are Danish unless --lang en is given.`,
  usage: (problem) => `${problem}\nRun "vores-sted --help --lang en" to see how to use the tool.`,
  unknownCommand: 'Unknown command.',
  badOption: (detail) => `Invalid option (${detail}).`,
  missingOption: (name) => `The --${name} option is missing.`,
  notInteger: (name) => `--${name} must be a whole number.`,
  missingArgument: (what) => `Give ${what}.`,
  noSuchFile: (path) => `No such file or folder: ${path}`,
  keyUnreadable: (path) => `The key cannot be read: ${path}`,
  keysMade: (priv, pub, keyId, raw) =>
    `Key pair created (key id ${keyId}).\nPrivate key: ${priv}\n  Never share it, and keep a backup somewhere safe.\nPublic key: ${pub}\nFor the kiosk config (trustedKeys): ${raw}`,
  keyExists: (path) => `A key already exists here: ${path}. It will not be overwritten – choose another folder with --out.`,
  built: (path, version, files) => `Bundle built: ${path} (version ${version}, ${files} files).`,
  notBuilt: 'The bundle was not built, because:',
  accepted: (version, keyId, files) =>
    `A kiosk would accept this bundle: version ${version}, signed with key ${keyId}, ${files} files, all unchanged.`,
  refused: (why) => `A kiosk would refuse this bundle: ${why}`,
  copied: (path) => `The bundle was copied to ${path} and fully written to the stick. You can now eject and pull the USB stick.`,
  stickFull: 'There is not enough space on the USB stick. Delete something from it and try again.',
  copyFailed: (detail) => `The bundle could not be copied to the USB stick (${detail}). Do not use the stick until copying has succeeded.`,
  copyDiffers: 'The copy on the USB stick differs from the bundle. Try again or use another stick.',
  unexpected: (detail) => `Something unexpected went wrong: ${detail}`,
};

export function texts(lang: Lang): Texts {
  return lang === 'da' ? da : en;
}
