// Why a file could not be imported as a Word document at all. Each reason has one Danish sentence for
// staff (what it is and what to do in Word) and one English sentence for the log; `detail` is for the log.

export type DocxFailure =
  | { code: 'empty-file' }
  | { code: 'too-large'; what: 'file' | 'unpacked' | 'text'; bytes: number; limit: number }
  | { code: 'legacy-word' }
  | { code: 'password-protected' }
  | { code: 'pdf' }
  | { code: 'rtf' }
  | { code: 'odt' }
  | { code: 'not-docx'; detail: string }
  | { code: 'corrupt'; detail: string }
  | { code: 'failed'; detail: string };

export type DocxFailureCode = DocxFailure['code'];

/** "12,5 MB" (or "80 kB" below a megabyte) in Danish, "12.5 MB" in English. */
function size(bytes: number, locale: 'da-DK' | 'en-GB'): string {
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} kB`;
  return `${(Math.round((bytes / (1024 * 1024)) * 10) / 10).toLocaleString(locale)} MB`;
}

const SMALLER_PICTURES = 'Gør billederne mindre i Word (Billedformat → Komprimer billeder), eller del dokumentet op.';

function tooLargeDa(failure: Extract<DocxFailure, { code: 'too-large' }>): string {
  const actual = size(failure.bytes, 'da-DK');
  const limit = size(failure.limit, 'da-DK');
  switch (failure.what) {
    case 'file':
      return `Dokumentet fylder ${actual}, men højst ${limit} kan importeres. ${SMALLER_PICTURES}`;
    case 'unpacked':
      return `Dokumentet fylder ${actual}, når det pakkes ud, men højst ${limit} kan importeres. ${SMALLER_PICTURES}`;
    case 'text':
      return `Dokumentets tekst fylder ${actual}, men højst ${limit} kan importeres – langt mere, end en historie på kiosken kan rumme. Del dokumentet op i flere, kortere dokumenter.`;
  }
}

const SAVE_AS_DOCX = 'vælg Filer → Gem som → »Word-dokument (*.docx)«';

function danish(failure: DocxFailure): string {
  switch (failure.code) {
    case 'empty-file':
      return 'Filen er tom (0 byte). Vælg Word-dokumentet igen.';
    case 'too-large':
      return tooLargeDa(failure);
    case 'legacy-word':
      return `Filen er et ældre Word-dokument (.doc) eller en anden ældre Office-fil. Åbn den i Word, ${SAVE_AS_DOCX}, og importér den nye fil.`;
    case 'password-protected':
      return 'Dokumentet er beskyttet med en adgangskode, så det kan ikke læses. Fjern adgangskoden i Word (Filer → Oplysninger → Beskyt dokument), gem det, og prøv igen.';
    case 'pdf':
      return 'Filen er en PDF, ikke et Word-dokument. Importér den oprindelige Word-fil (.docx), eller skriv teksten direkte i editoren.';
    case 'rtf':
      return `Filen er gemt som RTF, ikke som Word-dokument. Åbn den i Word, ${SAVE_AS_DOCX}, og importér den nye fil.`;
    case 'odt':
      return 'Filen er et OpenDocument-dokument (.odt) fra fx LibreOffice. Åbn den der, vælg Filer → Gem som → »Word 2007-365 (.docx)«, og importér den nye fil.';
    case 'not-docx':
      return `Filen er ikke et Word-dokument (.docx). Vælg en fil, der er gemt i Word som »Word-dokument«.`;
    case 'corrupt':
      return `Word-dokumentet er beskadiget og kan ikke læses. Åbn det i Word, ${SAVE_AS_DOCX} under et nyt navn, og importér den nye fil.`;
    case 'failed':
      return 'Dokumentet kunne ikke importeres på grund af en fejl i editoren. Prøv at gemme det igen i Word; virker det stadig ikke, så kontakt IT.';
  }
  return unreachable(failure);
}

function english(failure: DocxFailure): string {
  switch (failure.code) {
    case 'empty-file':
      return 'The file is empty (0 bytes).';
    case 'too-large':
      return `The document is too large (${failure.what}): ${size(failure.bytes, 'en-GB')}, limit ${size(failure.limit, 'en-GB')}.`;
    case 'legacy-word':
      return 'The file is a legacy binary Office file (.doc), not a .docx.';
    case 'password-protected':
      return 'The document is encrypted with a password.';
    case 'pdf':
      return 'The file is a PDF, not a .docx.';
    case 'rtf':
      return 'The file is RTF, not a .docx.';
    case 'odt':
      return 'The file is an OpenDocument text (.odt), not a .docx.';
    case 'not-docx':
      return `The file is not a .docx (${failure.detail}).`;
    case 'corrupt':
      return `The .docx is corrupt (${failure.detail}).`;
    case 'failed':
      return `The import failed unexpectedly (${failure.detail}).`;
  }
  return unreachable(failure);
}

function unreachable(failure: never): never {
  throw new Error(`unknown docx failure ${JSON.stringify(failure)}`);
}

/** The one error importDocx throws: the file cannot become a story draft at all. */
export class DocxImportError extends Error {
  readonly code: DocxFailureCode;
  readonly messageDa: string;
  readonly messageEn: string;

  constructor(readonly failure: DocxFailure) {
    const messageEn = english(failure);
    super(messageEn);
    this.name = 'DocxImportError';
    this.code = failure.code;
    this.messageDa = danish(failure);
    this.messageEn = messageEn;
  }
}
