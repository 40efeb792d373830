export type { IdentifierKind, Redaction } from './redact.ts';
export { describeRedaction, redactIdentifiers } from './redact.ts';
