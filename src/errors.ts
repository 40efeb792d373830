/** Every error we raise carries a stable code; the edge turns it into words for the user. */
export class StarcoachError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A problem the user can fix: its message is safe to show as it is. */
export class UserFacingError extends StarcoachError {}

/** Configuration (env vars, flags, files) that cannot be used. Shown to the operator; exit code 2. */
export class ConfigError extends StarcoachError {}

/** A pack file that does not match the schema; `issues` lists each problem with its path. */
export class PackError extends StarcoachError {
  readonly issues: string[];

  constructor(file: string, issues: string[]) {
    super(
      'PACK_INVALID',
      `${file} is not a valid question pack:\n${issues.map((line) => `  - ${line}`).join('\n')}`,
    );
    this.issues = issues;
  }
}

/**
 * Why a reply could not be delivered, in the core's terms: the bot may not post there (or the place is
 * gone), the platform is rate-limiting it, or anything else (a timeout, a 5xx, a closed pipe).
 */
export type DeliveryErrorCode = 'DELIVERY_FORBIDDEN' | 'DELIVERY_RATE_LIMITED' | 'DELIVERY_FAILED';

/**
 * An outbox could not deliver a reply: the one error `Outbox.send` and `Outbox.update` reject with (see
 * `Outbox` in core/ports.ts). `platformCode` is the platform's own answer (`not_in_channel`, `50013`,
 * `EPIPE`), for logs and for the adapter's wording; the platform's error is the `cause`.
 */
export class DeliveryError extends StarcoachError {
  declare readonly code: DeliveryErrorCode;
  readonly platformCode: string | null;

  constructor(code: DeliveryErrorCode, platformCode: string | number | null, options?: { cause?: unknown }) {
    const said = platformCode === null ? '' : ` (${platformCode})`;
    super(code, `The platform did not take the reply${said}.`, options);
    this.platformCode = platformCode === null ? null : String(platformCode);
  }
}

/** The store could not be reached or a record could not be read. */
export class StoreError extends StarcoachError {}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
