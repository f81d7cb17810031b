/**
 * A passport strategy whose verify callback receives the whole request and answers a user or an error (what
 * `passport-custom` does), so that @nestjs/passport's `PassportStrategy` can wrap any request check. The bearer
 * token of the FHIR API is read from the `Authorization` header only (never from the query or body, unlike
 * passport-http-bearer: tokens must not travel in URLs).
 */
import type { FastifyRequest } from 'fastify';
import passport from 'passport';

/** The actions passport gives a strategy instance for one request. */
interface StrategyActions {
  success(user: unknown, info?: unknown): void;
  fail(challenge?: unknown, status?: number): void;
  error(err: unknown): void;
}

/** Called with the request; `done(error)` or `done(null, user)`. */
export type RequestVerify = (req: FastifyRequest, done: (err: unknown, user?: unknown) => void) => void;

const StrategyBase = passport.Strategy as unknown as new () => StrategyActions;

export class RequestVerifyStrategy extends StrategyBase {
  constructor(private readonly verify: RequestVerify) {
    super();
  }

  authenticate(req: FastifyRequest): void {
    this.verify(req, (err, user) => {
      if (err) this.error(err);
      else if (user) this.success(user);
      else this.fail();
    });
  }
}
