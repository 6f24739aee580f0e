import {
  EDITOR_TOKEN_HEADER,
  type EditorMethod,
  type EditorRequest,
  type EditorResponse,
  type UploadResponses,
} from '../../../contract/editor-api';

export class EditorRequestError extends Error {
  constructor(
    readonly status: number,
    readonly messageDa: string,
  ) {
    super(`editor request failed: ${status}`);
    this.name = 'EditorRequestError';
  }
}

/** The editor page's one way to its host: the contract's methods, each carrying this launch's token. */
export class EditorClient {
  constructor(private readonly token: string) {}

  async #post(path: string, body: BodyInit, contentType: string, keepalive = false): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(path, { method: 'POST', headers: { 'Content-Type': contentType, [EDITOR_TOKEN_HEADER]: this.token }, body, keepalive });
    } catch {
      throw new EditorRequestError(0, 'Redigeringen svarer ikke. Er vinduet med redigeringen lukket? Start den igen – dit arbejde er gemt.');
    }
    const json = (await response.json().catch(() => ({}))) as { messageDa?: string };
    if (!response.ok) {
      const messageDa = json.messageDa ?? (response.status === 403 ? 'Siden skal åbnes fra genvejen til redigeringen.' : 'Redigeringen kunne ikke gøre det. Prøv igen.');
      throw new EditorRequestError(response.status, messageDa);
    }
    return json;
  }

  /** `keepalive` lets a save finish while the page is being closed. */
  async call<M extends EditorMethod>(method: M, request: EditorRequest<M>, keepalive = false): Promise<EditorResponse<M>> {
    return (await this.#post(`/api/${method}`, JSON.stringify(request), 'application/json', keepalive)) as EditorResponse<M>;
  }

  async upload<K extends keyof UploadResponses>(kind: K, file: File): Promise<UploadResponses[K]> {
    return (await this.#post(`/api/upload/${kind}?name=${encodeURIComponent(file.name)}`, file, 'application/octet-stream')) as UploadResponses[K];
  }
}
