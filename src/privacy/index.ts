export type { IdentifierKind, Redaction, RedactionPurpose } from './redact.ts';
export { describeRedaction, redactIdentifiers } from './redact.ts';
