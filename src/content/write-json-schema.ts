import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { packagePath } from '../package-root.ts';
import { questionPackSchema } from './pack-schema.ts';

/** `npm run schema`: regenerates content/pack.schema.json so editors complete and check pack files. */
export function packJsonSchema(): string {
  const schema = z.toJSONSchema(questionPackSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, title: 'starcoach question pack' }, null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(packagePath('content', 'pack.schema.json'), packJsonSchema());
}
