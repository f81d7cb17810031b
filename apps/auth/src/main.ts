import '#facade/config/src/require-supported-node.js'; // first: refuses an unsupported Node before any dependency loads
import { ConfigError } from '#facade/config';
import { JsonLogger, Telemetry, TelemetryConfigError, telemetryOptionsFromEnv } from '#facade/observability';
import { loadAuthConfig } from './auth-config.js';
import { createAuthApp } from './bootstrap.js';

/** Starts the authorization server on AUTH_PORT; stops gracefully on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config;
  let telemetry;
  try {
    config = loadAuthConfig(process.env);
    telemetry = new Telemetry(telemetryOptionsFromEnv(process.env, 'auth'));
  } catch (err) {
    if (err instanceof ConfigError || err instanceof TelemetryConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = new JsonLogger('auth', config.logLevel);
  const app = await createAuthApp(config, { logger, telemetry });
  await app.listen(config.authPort);
  logger.info('auth_started', { port: config.authPort, issuer: config.authPublicUrl });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('auth_stopping', { signal });
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    await app.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`auth server failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
