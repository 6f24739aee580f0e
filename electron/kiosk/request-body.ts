import type { IncomingMessage } from 'node:http';

const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;

export class BodyTooLargeError extends Error {
  constructor() {
    super('request body too large');
    this.name = 'BodyTooLargeError';
  }
}

/**
 * Reads a request body of at most `maxBytes`. A larger body is read to its end and thrown away (up to
 * `maxBytes` + 16 MB), so the client gets its error response instead of a reset connection and a
 * keep-alive connection stays usable for the next request.
 */
export function readRawBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes + DRAIN_LIMIT_BYTES) {
        req.destroy();
        reject(new BodyTooLargeError());
      } else if (size <= maxBytes) {
        chunks.push(chunk);
      }
    });
    req.on('error', reject);
    req.on('end', () => {
      if (size > maxBytes) reject(new BodyTooLargeError());
      else resolve(Buffer.concat(chunks));
    });
  });
}

/** A JSON body (an empty body is `{}`); rejects when it is too large or not JSON. */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const text = (await readRawBody(req, maxBytes)).toString('utf8');
  return text === '' ? {} : (JSON.parse(text) as unknown);
}
