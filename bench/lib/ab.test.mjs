/** Tests of the interleaved comparison's helpers (bench/lib/ab.mjs). Run: node --test bench/ */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { abOrder, compareProfiles, median } from './ab.mjs';

describe('abOrder', () => {
  it('alternates ABBA so each server runs first in half of the pairs', () => {
    assert.deepEqual(abOrder(3), ['new', 'old', 'old', 'new', 'new', 'old']);
    const o = abOrder(4);
    assert.equal(o.filter((x) => x === 'new').length, 4);
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.ok(Number.isNaN(median([])));
  });
});

describe('compareProfiles', () => {
  it('gives µs per request per area and per function, idle time left out, largest differences first', () => {
    const summary = (areas, functions) => ({ totalMs: 0, areas, functions });
    const a = { requests: 1000, summary: summary([{ area: 'fastify', ms: 20 }, { area: '(idle)', ms: 500 }], [{ name: 'send', where: 'fastify/lib/reply.js:10', area: 'fastify', ms: 20 }]) };
    const b = { requests: 2000, summary: summary([{ area: 'fastify', ms: 2 }, { area: 'node core', ms: 10 }], [{ name: 'send', where: 'fastify/lib/reply.js:12', area: 'fastify', ms: 2 }]) };
    const lines = compareProfiles(a, b);
    assert.match(lines[0], /new 20 \(1000 requests\), old 6 \(2000 requests\)/);
    assert.ok(lines.some((l) => /20\.0\s+1\.0\s+19\.0\s+fastify$/.test(l)));
    assert.ok(lines.some((l) => /20\.0\s+1\.0\s+19\.0\s+send fastify\/lib\/reply\.js$/.test(l)), 'the same function in both lines up despite line numbers');
    assert.ok(!lines.some((l) => l.includes('(idle)')));
  });
});
