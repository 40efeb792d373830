/**
 * Error messages echo what was typed or stored (flags, pack ids, paths), which may hold terminal
 * control sequences: the stream they are written to takes those out.
 */
export async function safeStderr(stream: NodeJS.WritableStream): Promise<NodeJS.WritableStream> {
  const { safeText } = await import('../../adapters/terminal/safe-text.ts');
  const safe: NodeJS.WritableStream = Object.create(stream);
  safe.write = ((text: string, ...rest: never[]) => stream.write(safeText(String(text)), ...rest)) as never;
  return safe;
}
