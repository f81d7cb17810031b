import { describe, expect, it } from '@jest/globals';
import type { FastifyRequest } from 'fastify';
import { answerParam, NO_QUERY, queryOf } from './fhir-request.js';
import { fhirServerOptions } from './fhir-server.js';
import { JsonLogger } from '#facade/observability';

const parse = fhirServerOptions(new JsonLogger('test', 'error')).routerOptions?.querystringParser as (q: string) => unknown;
const request = (query: string): FastifyRequest => ({ query: parse(query), body: undefined }) as unknown as FastifyRequest;

describe('the query of a FHIR request', () => {
  it('is one shared empty instance for a URL without a query, which refuses changes', () => {
    expect(parse('')).toBe(NO_QUERY);
    expect(queryOf(request(''))).toBe(NO_QUERY);
    expect([...NO_QUERY]).toEqual([]);
    expect(answerParam(request(''), '_format')).toBeUndefined();
    expect(() => NO_QUERY.append('a', '1')).toThrow(TypeError);
    expect(() => NO_QUERY.set('a', '1')).toThrow(TypeError);
    expect(() => NO_QUERY.delete('a')).toThrow(TypeError);
    expect(() => NO_QUERY.sort()).toThrow(TypeError);
    expect(NO_QUERY.size).toBe(0);
  });

  it('keeps a query in URL order, in its own instance', () => {
    const q = queryOf(request('b=2&a=1&b=3'));
    expect(q).not.toBe(NO_QUERY);
    expect([...q]).toEqual([['b', '2'], ['a', '1'], ['b', '3']]);
  });
});
