import { describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { bodyParsingExceptGet, staticCors } from './lean-middleware.js';

function app() {
  const a = express();
  a.use(staticCors());
  a.use(bodyParsingExceptGet());
  a.all('/echo', (req, res) => {
    res.json({ body: req.body ?? null });
  });
  return a;
}

describe('staticCors', () => {
  it('allows any origin and exposes the FHIR headers on normal answers', async () => {
    const res = await request(app()).get('/echo').set('Origin', 'https://app.example');
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-expose-headers']).toBe('ETag, Last-Modified, Location, X-Request-Id');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('answers a preflight 204 with the methods and the requested headers', async () => {
    const res = await request(app()).options('/echo').set('Origin', 'https://app.example')
      .set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'authorization,content-type');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-methods']).toBe('GET,HEAD,PUT,PATCH,POST,DELETE');
    expect(res.headers['access-control-allow-headers']).toBe('authorization,content-type');
    expect(res.headers.vary).toBe('Access-Control-Request-Headers');
  });
});

describe('bodyParsingExceptGet', () => {
  it('parses form and JSON bodies of POST requests', async () => {
    const form = await request(app()).post('/echo').type('form').send('patient=1&code=a&code=b');
    expect(form.body.body).toEqual({ patient: '1', code: ['a', 'b'] });
    const json = await request(app()).post('/echo').send({ a: 1 });
    expect(json.body.body).toEqual({ a: 1 });
  });

  it('rejects malformed JSON with a 400, and leaves GET bodies unparsed', async () => {
    const bad = await request(app()).post('/echo').set('Content-Type', 'application/json').send('{oops');
    expect(bad.status).toBe(400);
    const get = await request(app()).get('/echo').type('form').send('patient=1');
    expect(get.body.body).toBeNull();
  });
});
