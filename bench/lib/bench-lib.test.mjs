/**
 * Tests of the benchmark's own logic (profile summary, report verdicts). Run: node --test bench/
 * (jest only collects apps/, libs/ and test/; these are plain node:test files next to the code.)
 */
import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import { areaOf, formatSummary, summariseProfile } from './cpuprofile-top.mjs';
import { formatReport } from './report.mjs';

const frame = (functionName, url = '') => ({ functionName, url, lineNumber: 9, columnNumber: 0, scriptId: '0' });
// Samples every 100 µs from t = 1000: root, then a/b/a/gc/a; each sample's self time is the gap to the next one.
const profile = {
  startTime: 1000,
  nodes: [
    { id: 1, callFrame: frame('(root)') },
    { id: 2, callFrame: frame('toJson', 'file:///repo/dist/libs/fhir/src/format/serialize.js') },
    { id: 3, callFrame: frame('handle', 'file:///repo/node_modules/express/lib/router/index.js') },
    { id: 4, callFrame: frame('(garbage collector)') },
    { id: 5, callFrame: frame('betterSqlite3Native', 'file:///repo/bench/lib/facade-server.mjs') },
  ],
  samples: [1, 2, 3, 2, 4, 5, 2],
  timeDeltas: [0, 100, 100, 100, 100, 100, 100],
};

describe('summariseProfile', () => {
  it('attributes each sample the gap to the next and ranks functions by self time', () => {
    const s = summariseProfile(profile);
    assert.equal(s.totalMs, 0.6);
    assert.equal(s.functions[0].name, 'toJson');
    assert.equal(s.functions[0].ms, 0.2);
    assert.equal(s.functions[0].where, 'dist/libs/fhir/src/format/serialize.js:10');
    assert.deepEqual(s.areas.find((a) => a.area === 'JSON.stringify'), { area: 'JSON.stringify', ms: 0.2, pct: 33.3 });
  });

  it('leaves out samples taken before fromUs (start-up)', () => {
    // Samples at t = 1000..1600; from 1350 only the samples at 1400 (gc) and 1500 (sqlite) have a successor gap.
    const s = summariseProfile(profile, { fromUs: 1350 });
    assert.equal(s.totalMs, 0.2);
    assert.deepEqual(s.areas.map((a) => a.area).sort(), ['GC', 'SQLite (better-sqlite3, native)']);
  });

  it('names areas by package, repository folder or runtime', () => {
    assert.equal(areaOf('x', 'file:///r/node_modules/@nestjs/core/router/a.js'), '@nestjs/core');
    assert.equal(areaOf('x', 'file:///r/node_modules/express/lib/x.js'), 'express');
    assert.equal(areaOf('x', 'file:///r/dist/apps/fhir-api/src/engine/sql/q.js'), 'apps/fhir-api/engine');
    assert.equal(areaOf('x', 'file:///r/dist/libs/mappers/src/patient/p.js'), 'libs/mappers');
    assert.equal(areaOf('x', 'node:_http_outgoing'), 'node core');
    assert.equal(areaOf('betterSqlite3Native', 'file:///r/bench/bare-server.mjs'), 'SQLite (better-sqlite3, native)');
    assert.equal(areaOf('writev', ''), 'native/V8');
    assert.match(formatSummary(summariseProfile(profile), 2), /top 2 functions by self time:\n.*toJson/);
  });
});

describe('formatReport', () => {
  const run = (size, server, endpoint, rps, p50, p99) => ({ size, server, endpoint, rps, p50, p99, cpuUs: 1e6 / rps, errors: 0, requests: rps * 10, distinctPaths: 10 });
  const labels = { read: 'read', search: 'search' };

  it('judges each target and the facade/bare ratio against the issue', () => {
    const lines = formatReport({
      sizes: [10000, 1000],
      labels,
      runs: [run(10000, 'facade', 'read', 9000, 1, 3), run(10000, 'bare', 'read', 40000, 1, 2), run(10000, 'facade', 'search', 1500, 8, 60), run(10000, 'bare', 'search', 2000, 6, 20)],
    });
    const read = lines.find((l) => l.startsWith('read @ 10000'));
    assert.match(read, /req\/s 9000 \(target >= 8000: PASS\)/);
    assert.match(read, /facade\/bare 0\.23 \(aim >= 0\.25: MISS\)/);
    const search = lines.find((l) => l.startsWith('search @ 10000'));
    assert.match(search, /target >= 2000: MISS/);
    assert.match(search, /p99 60\.0 ms \(target < 50: MISS\)/);
    assert.match(search, /facade\/bare 0\.75 \(aim >= 0\.65: PASS\)/);
  });

  it('judges the new facade against an older build of the same run (15 % budget)', () => {
    const lines = formatReport({
      sizes: [10000],
      labels,
      runs: [run(10000, 'facade', 'read', 8600, 1, 3), run(10000, 'old', 'read', 10000, 1, 3), run(10000, 'facade', 'search', 2000, 8, 20), run(10000, 'old', 'search', 2500, 6, 20)],
    });
    assert.match(lines.find((l) => l.startsWith('read @ 10000')), /new\/old 0\.86 \(target >= 0\.85: PASS\); CPU per request new\/old 1\.16/);
    assert.match(lines.find((l) => l.startsWith('search @ 10000')), /new\/old 0\.80 \(target >= 0\.85: MISS\)/);
  });

  it('shows an endpoint without a target (MedicationRequest page) with its figures and no verdict', () => {
    const lines = formatReport({
      sizes: [10000],
      labels: { medreq: 'GET MedicationRequest?patient&intent=order' },
      runs: [run(10000, 'facade', 'medreq', 2500, 5, 12.5)],
    });
    const line = lines.find((l) => l.startsWith('GET MedicationRequest?patient&intent=order @ 10000'));
    assert.equal(line, 'GET MedicationRequest?patient&intent=order @ 10000: req/s 2500; p99 12.5 ms (no target)');
    assert.ok(lines.every((l) => !/PASS|MISS/.test(l)));
  });

  it('compares latency between database sizes', () => {
    const lines = formatReport({
      sizes: [10000, 1000],
      labels,
      runs: [run(10000, 'facade', 'read', 9000, 2, 4), run(1000, 'facade', 'read', 9000, 2, 2.5)],
    });
    assert.match(lines.find((l) => l.includes('latency')), /p50 x1\.00, p99 x1\.60 \(target <= 1\.3: MISS\)/);
  });

  it('shows the cache-off scaling apart from the product\'s verdict', () => {
    const lines = formatReport({
      sizes: [10000, 1000],
      labels,
      runs: [run(10000, 'facade', 'read', 9000, 2, 2), run(1000, 'facade', 'read', 9000, 2, 2), run(10000, 'nocache', 'read', 3000, 3, 9), run(1000, 'nocache', 'read', 3000, 3, 6)],
    });
    const latency = lines.filter((l) => l.includes('latency'));
    assert.equal(latency.length, 2);
    assert.match(latency[0], /^read latency 10000 vs 1000 patients: p50 x1\.00, p99 x1\.00 \(target <= 1\.3: PASS\)/);
    assert.match(latency[1], /\[cache off, for information\]: p50 x1\.00, p99 x1\.50 \(target <= 1\.3: MISS\)/);
  });
});

describe('formatReport errors', () => {
  it('marks a run with errors as invalid', () => {
    const lines = formatReport({
      sizes: [1000],
      labels: { read: 'read' },
      runs: [{ size: 1000, server: 'facade', endpoint: 'read', rps: 100, p50: 1, p99: 2, cpuUs: 10, errors: 1000, requests: 1000, distinctPaths: 5 }],
    });
    assert.ok(lines.includes('INVALID: facade read @ 1000 answered 1000 of 1000 requests with an error or non-2xx: its figures do not count'));
  });
});

it('compareRuns pairs rows of two runs by size, server and endpoint and gives the req/s ratio', async () => {
  const { compareRuns, formatComparison } = await import('./compare-runs.mjs');
  const run = (node, rows) => ({ node, runs: rows.map(([size, server, endpoint, rps]) => ({ size, server, endpoint, rps, p99: 4, cpuUs: 100 })) });
  const a = run('v20.0.0', [[10000, 'facade', 'read', 8000], [10000, 'bare', 'read', 5000]]);
  const b = run('v24.0.0', [[10000, 'facade', 'read', 9000], [1000, 'facade', 'read', 9500]]);
  const rows = compareRuns(a, b);
  assert.equal(rows.length, 3);
  assert.equal(rows[0].ratio, 9000 / 8000);
  assert.equal(rows[1].b, undefined);
  assert.equal(rows[2].a, undefined);
  assert.match(formatComparison(a, b), /\| 10,000 \| facade \| read \| 8,000 \| 9,000 \| 1\.13 \|/);
});

test('soak metrics: audit cost per request from two Prometheus scrapes', async () => {
  const { auditCost, auditTotals, metricValue } = await import('./soak-metrics.mjs');
  const scrape = (req, ev, b, s) => [
    '# HELP audit_requests_total x',
    `audit_requests_total{outcome="ok"} ${req}`,
    `audit_events_total{outcome="ok"} ${ev}`,
    `audit_batches_total{outcome="ok"} ${b}`,
    'audit_batches_total{outcome="failed"} 1',
    `audit_write_duration_sum{outcome="ok"} ${s}`,
    `audit_write_duration_count{outcome="ok"} ${b}`,
  ].join('\n');
  assert.equal(metricValue('a_total{x="1"} 2\na_total{x="2"} 3\na_totalx 9', 'a_total'), 5);
  const c = auditCost(auditTotals(scrape(100, 150, 10, 0.05)), auditTotals(scrape(300, 450, 30, 0.25)));
  assert.equal(c.requests, 200);
  assert.equal(Math.round(c.msPerRequest * 1000) / 1000, 1);
  assert.equal(c.eventsPerRequest, 1.5);
  assert.equal(c.eventsPerBatch, 15);
  assert.equal(c.failedBatches, 0);
});
