import { createInterface } from 'node:readline/promises';

interface Streams {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
}

/** A yes/no question on a TTY; anything but y or yes is a no. */
export async function confirm(question: string, streams: Streams): Promise<boolean> {
  const rl = createInterface({ input: streams.stdin, output: streams.stdout });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
