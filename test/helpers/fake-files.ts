import nock from 'nock';

/** Where the fake files.getUploadURLExternal tells the client to send the bytes. */
export const UPLOAD_HOST = 'https://files.upload.test';

export type UploadMode = 'ok' | 'missing_scope' | 'rate-limited' | 'server-error';

export interface FakeUpload {
  fileId: string;
  filename: string;
  length: number;
  /** The raw body sent to upload_url (multipart): contains the file's text. */
  body: string;
  completed: boolean;
  channel: string;
  title: string;
  comment: string;
}

const form = (body: unknown): Record<string, string> =>
  typeof body === 'string' ? Object.fromEntries(new URLSearchParams(body)) : {};

/** files.uploadV2's three steps faked with nock: get an upload URL, POST the bytes there, complete the upload. */
export class FakeFiles {
  readonly uploads: FakeUpload[] = [];
  /** How files.getUploadURLExternal answers next. */
  mode: UploadMode = 'ok';

  install(): this {
    nock('https://slack.com')
      .persist()
      .post('/api/files.getUploadURLExternal')
      .reply((_uri, body) => {
        if (this.mode === 'missing_scope')
          return [200, { ok: false, error: 'missing_scope', needed: 'files:write' }];
        if (this.mode === 'rate-limited') return [429, '', { 'Retry-After': '30' }];
        if (this.mode === 'server-error') return [500, 'upstream trouble'];
        const fields = form(body);
        const fileId = `F${this.uploads.length + 1}`;
        this.uploads.push({
          fileId,
          filename: fields.filename ?? '',
          length: Number(fields.length),
          body: '',
          completed: false,
          channel: '',
          title: '',
          comment: '',
        });
        return [200, { ok: true, upload_url: `${UPLOAD_HOST}/upload/${fileId}`, file_id: fileId }];
      })
      .post('/api/files.completeUploadExternal')
      .reply(200, (_uri, body) => {
        const fields = form(body);
        const files = JSON.parse(fields.files ?? '[]') as { id: string; title?: string }[];
        for (const file of files) {
          const upload = this.uploads.find((u) => u.fileId === file.id);
          if (!upload) return { ok: false, error: 'file_not_found' };
          Object.assign(upload, {
            completed: true,
            channel: fields.channel_id ?? '',
            title: file.title ?? '',
            comment: fields.initial_comment ?? '',
          });
        }
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title })) };
      });
    nock(UPLOAD_HOST)
      .persist()
      .post(/^\/upload\/F\d+$/)
      .reply(200, (uri, body) => {
        const upload = this.uploads.find((u) => uri.endsWith(`/${u.fileId}`));
        if (upload) upload.body = typeof body === 'string' ? body : JSON.stringify(body);
        return 'OK';
      });
    return this;
  }

  completed(): FakeUpload[] {
    return this.uploads.filter((u) => u.completed);
  }
}
