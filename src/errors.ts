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

/** The store could not be reached or a record could not be read. */
export class StoreError extends StarcoachError {}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
