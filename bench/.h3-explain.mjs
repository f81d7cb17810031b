import { mkdtempSync } from 'node:fs'; import { tmpdir } from 'node:os'; import { join } from 'node:path';
import { openFacadeStore } from '#facade/facade-store';
const store = await openFacadeStore({ kind: 'sqlite', path: join(mkdtempSync(join(tmpdir(), 'h3x-')), 'f.sqlite') });
const ds = store.dataSource;
console.log(await ds.query(`EXPLAIN QUERY PLAN SELECT * FROM replay_records WHERE jti = 'x'`));
for (let i = 0; i < 20000; i++) await ds.query(`INSERT INTO replay_records (issuer, jti, expires_at) VALUES ('c${i % 3}', 'j${i}', ${Date.now() + 300000})`);
let t = performance.now(); for (let i = 0; i < 200; i++) await store.oidc.find('ReplayDetection', `j${i * 7}`); console.log('find by jti, 20k rows:', ((performance.now() - t) / 200).toFixed(3), 'ms');
t = performance.now(); for (let i = 0; i < 200; i++) await store.oidc.insertReplay('c1', `new${i}`, Date.now() + 1000); console.log('insertReplay, 20k rows:', ((performance.now() - t) / 200).toFixed(3), 'ms');
await store.close();
