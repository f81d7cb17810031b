import { readFileSync } from 'node:fs';
import type { JWK } from 'jose';
import { ConfigError, loadConfig, type AppConfig } from '#facade/config';
import { openFacadeStore, type FacadeStore } from '#facade/facade-store';
import { createLegacyDataSource } from '#facade/legacy-db';
import { authConfigFrom, type AuthConfig } from '../auth-config.js';
import { SigningKeyService } from '../oidc/signing-keys.js';
import { isPatientFacing, MIN_REFRESH_DAYS, PATIENT_FACING_MIN_REFRESH_DAYS, refreshLifetimeProblem } from '../registration/token-lifetimes.js';
import { ClientRegistrationError, ClientRegistrationService } from '../registration/client-registration.service.js';
import { intOpt, opt, parseArgs, required, type ParsedArgs } from './cli-args.js';

/** Where the CLI writes (stdout for results, stderr for messages). */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export const USAGE = `Usage: auth-cli <command> [options]

Commands:
  register-client   --name <name> --scope "<scopes>" [--type public|confidential] [--auth-method client_secret_basic|private_key_jwt]
                    [--redirect-uri <url>]... [--launch-uri <url>] [--origin <origin>]...
                    [--backend --jwks-file <path> | --jwks-uri <url>] [--approve-practice <PRACTICE_ID>]...
                    Prints the client id (and, for client_secret_basic, the secret: shown once).
  approve           --client-id <id> --practice <PRACTICE_ID> [--access-ttl <seconds>] [--refresh-ttl <seconds>]
  revoke-approval   --client-id <id> --practice <PRACTICE_ID>
  list-clients
  rotate-keys       Creates a new signing key; the old ones stay published until their tokens expire.

Configuration comes from the same environment variables as the server (FACADE_DB_URL, LEGACY_DB_URL, ...).`;

async function practiceExists(config: AppConfig, practiceId: number): Promise<boolean> {
  const ds = createLegacyDataSource(config.legacyDb, 1);
  await ds.initialize();
  try {
    return (await ds.getRepository('PRACTICE').count({ where: { PRACTICE_ID: practiceId } })) > 0;
  } finally {
    await ds.destroy();
  }
}

async function approve(config: AppConfig, store: FacadeStore, clientId: string, practiceId: number, ttl: { accessTokenTtl?: number; refreshTokenTtl?: number }, io: CliIo): Promise<void> {
  const client = await store.clients.find(clientId);
  if (!client) throw new Error(`no client ${clientId}`);
  if (!(await practiceExists(config, practiceId))) throw new Error(`no practice ${practiceId} in the EHR database`);
  if (ttl.accessTokenTtl !== undefined && (ttl.accessTokenTtl > 3600 || ttl.accessTokenTtl < 60)) throw new Error('--access-ttl must be between 60 and 3600 seconds');
  const refreshProblem = refreshLifetimeProblem(client, ttl.refreshTokenTtl);
  if (refreshProblem) throw new Error(`--refresh-ttl must be at least ${isPatientFacing(client) ? PATIENT_FACING_MIN_REFRESH_DAYS * 86400 : MIN_REFRESH_DAYS * 86400} seconds: ${refreshProblem}`);
  await store.approvals.approve(clientId, practiceId, 'cli', ttl);
  await store.audit.record('approval.granted', { actor: 'cli', clientId, practiceId });
  io.err(`approved ${clientId} for practice ${practiceId}`);
}

async function registerClient(p: ParsedArgs, config: AuthConfig, store: FacadeStore, io: CliIo): Promise<void> {
  const backend = p.flags.has('backend');
  const jwksFile = opt(p, 'jwks-file');
  let jwks: { keys: JWK[] } | null = null;
  if (jwksFile) {
    try {
      jwks = JSON.parse(readFileSync(jwksFile, 'utf8')) as { keys: JWK[] };
    } catch {
      throw new Error(`--jwks-file: cannot read a JSON JWK Set from ${jwksFile}`);
    }
  }
  const type = (opt(p, 'type') ?? 'confidential') as 'public' | 'confidential';
  const authMethod = (opt(p, 'auth-method') ?? (type === 'public' ? 'none' : jwks || opt(p, 'jwks-uri') || backend ? 'private_key_jwt' : 'client_secret_basic')) as 'none' | 'client_secret_basic' | 'private_key_jwt';
  const svc = new ClientRegistrationService(store, config);
  const { client, clientSecret } = await svc.register({
    name: required(p, 'name'), clientType: type, authMethod, redirectUris: p.options.get('redirect-uri') ?? [], launchUri: opt(p, 'launch-uri') ?? null,
    jwks, jwksUri: opt(p, 'jwks-uri') ?? null, scope: required(p, 'scope'), backendServices: backend, allowedOrigins: p.options.get('origin') ?? [],
  }, 'cli');
  io.out(client.clientId);
  if (clientSecret) io.err(`client secret (shown once, store it now): ${clientSecret}`);
  for (const practice of p.options.get('approve-practice') ?? []) {
    if (!/^\d{1,10}$/.test(practice)) throw new Error('--approve-practice must be a PRACTICE_ID');
    await approve(config, store, client.clientId, Number(practice), {}, io);
  }
}

/**
 * Runs one operator command. Returns the process exit code: 0 done, 1 failed, 2 usage or configuration error.
 */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  let p: ParsedArgs;
  try {
    p = parseArgs(argv);
  } catch (err) {
    io.err(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (!p.command || p.flags.has('help')) {
    io.err(USAGE);
    return p.command ? 0 : 2;
  }
  let config;
  try {
    config = authConfigFrom(loadConfig(env), env);
  } catch (err) {
    io.err(err instanceof ConfigError ? err.message : String(err));
    return 2;
  }
  const store = await openFacadeStore(config.facadeDb, { poolSize: 2 });
  try {
    switch (p.command) {
      case 'register-client':
        await registerClient(p, config, store, io);
        return 0;
      case 'approve':
        await approve(config, store, required(p, 'client-id'), intOpt(p, 'practice') ?? Number(required(p, 'practice')),
          { accessTokenTtl: intOpt(p, 'access-ttl'), refreshTokenTtl: intOpt(p, 'refresh-ttl') }, io);
        return 0;
      case 'revoke-approval':
        await store.approvals.revoke(required(p, 'client-id'), intOpt(p, 'practice') ?? Number(required(p, 'practice')), 'cli');
        io.err('approval revoked; the app\'s tokens for this practice stop working');
        return 0;
      case 'list-clients':
        for (const c of await store.clients.listAll()) io.out([c.clientId, c.authMethod, c.backendServices ? 'backend' : 'app', c.name].join('\t'));
        return 0;
      case 'rotate-keys': {
        const kid = await new SigningKeyService(store, config.auth.keyEncryptionSecret).rotate();
        io.out(kid);
        io.err('new signing key created; restart the auth instances to sign with it');
        return 0;
      }
      default:
        io.err(`unknown command "${p.command}"\n\n${USAGE}`);
        return 2;
    }
  } catch (err) {
    if (err instanceof ClientRegistrationError) io.err(`invalid registration:\n  - ${err.problems.join('\n  - ')}`);
    else io.err(`error: ${(err as Error).message}`);
    return err instanceof ClientRegistrationError || /is required|must be|needs a value/.test((err as Error).message) ? 2 : 1;
  } finally {
    await store.close();
  }
}
