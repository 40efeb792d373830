/**
 * Splits text into pieces of at most `limit` characters for platforms that cap a message (Discord
 * 2,000; Slack section text 3,000). Prefers paragraph, then line, then sentence, then word breaks;
 * cuts inside a word only when a single word is longer than the limit. Nothing is dropped.
 */
export function splitText(text: string, limit: number): string[] {
  if (limit < 1) throw new RangeError('splitText needs a limit of at least 1');
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const cut = bestCut(rest, limit);
    const piece = rest.slice(0, cut).trimEnd();
    if (piece) pieces.push(piece);
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  if (rest.trim() !== '' || pieces.length === 0) pieces.push(rest);
  return pieces;
}

const breaks = [/\n\n(?=\S)/g, /\n/g, /[.!?]["')\]]?\s/g, /\s/g];

function bestCut(text: string, limit: number): number {
  const window = text.slice(0, limit + 1);
  for (const pattern of breaks) {
    let best = -1;
    for (const match of window.matchAll(pattern)) {
      const end = match.index + match[0].length;
      // A cut at a break keeps the break's own characters with the piece before it.
      if (end <= limit && end > limit / 4) best = end;
    }
    if (best > 0) return best;
  }
  return limit;
}
