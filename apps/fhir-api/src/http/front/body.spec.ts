import { describe, expect, it } from '@jest/globals';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { FORM_LIMIT_BYTES, parseForm, readForm } from './body.js';

/** A request stream with headers, as node's IncomingMessage looks to readForm. */
function request(body: Buffer | string | undefined, headers: Record<string, string> = {}): IncomingMessage {
  const data = body === undefined ? [] : [Buffer.from(body)];
  const stream = Readable.from(data) as unknown as IncomingMessage;
  const h: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', ...headers };
  if (body !== undefined && !('content-length' in h) && !('transfer-encoding' in h)) h['content-length'] = String(Buffer.from(body).length);
  Object.assign(stream, { headers: h });
  return stream;
}

const statusOf = (p: Promise<unknown>) => p.then(() => 200, (e: { status?: number }) => e.status);

describe('parseForm (the former qs object, as entries)', () => {
  it('decodes + and escapes, keeps a malformed escape as written, and groups repeated names in first-seen order', () => {
    expect(parseForm('patient=1&code=a+b&code=c%2Cd&date=ge2020')).toEqual([['patient', '1'], ['code', 'a b'], ['code', 'c,d'], ['date', 'ge2020']]);
    expect(parseForm('a=1&b=2&a=3')).toEqual([['a', '1'], ['a', '3'], ['b', '2']]);
    expect(parseForm('name=%E0%A4%A')).toEqual([['name', '%E0%A4%A']]);
    expect(parseForm('flag&=x&&empty=')).toEqual([['flag', ''], ['empty', '']]);
  });

  it('treats bracket names as the former extended parser did', () => {
    expect(parseForm('a[]=1&a[]=2')).toEqual([['a', '1'], ['a', '2']]);
    expect(parseForm('a[b]=1&a[c]=2&_id=1')).toEqual([['a', '[object Object]'], ['_id', '1']]);
  });

  it('decodes ISO-8859-1 escapes byte by byte', () => {
    expect(parseForm('name=Jos%E9', true)).toEqual([['name', 'José']]);
  });

  it('refuses more than 1,000 parameters with a 413', () => {
    expect(() => parseForm(Array.from({ length: 1001 }, (_, i) => `p${i}=1`).join('&'))).toThrow(expect.objectContaining({ status: 413 }));
    expect(parseForm(Array.from({ length: 1000 }, (_, i) => `p${i}=1`).join('&'))).toHaveLength(1000);
  });
});

describe('readForm', () => {
  it('reads a UTF-8 form, and nothing when no body is announced', async () => {
    expect(await readForm(request('name=Zo%C3%AB&_count=2'))).toEqual([['name', 'Zoë'], ['_count', '2']]);
    expect(await readForm(request(undefined))).toEqual([]);
    expect(await readForm(request('', { 'content-length': '0' }))).toEqual([]);
  });

  it('refuses a body over 100 kb with a 413, announced or streamed', async () => {
    const big = `name=${'a'.repeat(FORM_LIMIT_BYTES)}`;
    expect(await statusOf(readForm(request(big)))).toBe(413);
    expect(await statusOf(readForm(request(big, { 'transfer-encoding': 'chunked' })))).toBe(413);
    expect(await readForm(request(`name=${'a'.repeat(FORM_LIMIT_BYTES - 5)}`))).toHaveLength(1);
  });

  it('answers 415 for charsets and encodings it cannot read, and inflates gzip', async () => {
    expect(await statusOf(readForm(request('_id=1', { 'content-type': 'application/x-www-form-urlencoded; charset=latin1' })))).toBe(415);
    expect(await statusOf(readForm(request('_id=1', { 'content-encoding': 'foo' })))).toBe(415);
    const gz = gzipSync('_id=1');
    expect(await readForm(request(gz, { 'content-encoding': 'gzip' }))).toEqual([['_id', '1']]);
    expect(await statusOf(readForm(request(Buffer.from('not gzip'), { 'content-encoding': 'gzip' })))).toBe(400);
  });

  it('answers 400 when the body is shorter than its Content-Length', async () => {
    expect(await statusOf(readForm(request('_id=1', { 'content-length': '9' })))).toBe(400);
  });
});
