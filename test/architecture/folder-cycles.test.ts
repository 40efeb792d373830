import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSources } from './source-files.ts';

/** Relative specifiers of every import, `import type`, re-export and `import()` in a source text. */
function importSpecifiers(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '');
  const patterns = [
    /^\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns
    .flatMap((pattern) => [...code.matchAll(pattern)].map((match) => match[1]!))
    .filter((specifier) => specifier.startsWith('.'));
}

/** The part of src/ a file belongs to: its top folder (`core`), or the file itself (`index.ts`). */
function unitOf(path: string): string | null {
  const inside = relative('src', path);
  if (inside.startsWith('..')) return null;
  return inside.split('/')[0]!;
}

type Edges = Map<string, Map<string, string>>;

/** Unit -> unit it imports -> one `file -> file` that shows it. */
function unitEdges(files: [path: string, text: string][]): Edges {
  const edges: Edges = new Map();
  for (const [path, text] of files) {
    const from = unitOf(path);
    if (!from) continue;
    for (const specifier of importSpecifiers(text)) {
      const target = normalize(join(dirname(path), specifier));
      const to = unitOf(target);
      if (!to || to === from) continue;
      const targets = edges.get(from) ?? new Map<string, string>();
      if (!targets.has(to)) targets.set(to, `${path} -> ${target}`);
      edges.set(from, targets);
    }
  }
  return edges;
}

/** Every group of units that reach each other (Tarjan), as `a -> b -> a` with the files behind each step. */
function cycles(edges: Edges): string[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  let counter = 0;
  const visit = (unit: string) => {
    index.set(unit, counter);
    low.set(unit, counter);
    counter += 1;
    stack.push(unit);
    for (const next of edges.get(unit)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(unit, Math.min(low.get(unit)!, low.get(next)!));
      } else if (stack.includes(next)) {
        low.set(unit, Math.min(low.get(unit)!, index.get(next)!));
      }
    }
    if (low.get(unit) === index.get(unit)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        group.push(member);
      } while (member !== unit);
      if (group.length > 1) found.push(group.sort());
    }
  };
  for (const unit of [...edges.keys()].sort()) if (!index.has(unit)) visit(unit);
  return found
    .map((group) => {
      const steps = group.flatMap((from) =>
        group.flatMap((to) => {
          const via = edges.get(from)?.get(to);
          return via ? [`${from} -> ${to} (${via})`] : [];
        }),
      );
      return `${group.join(' <-> ')}: ${steps.join('; ')}`;
    })
    .sort();
}

describe('folders of src/', () => {
  it('import each other in one direction only: no cycle between them', () => {
    const files = readSources('src');
    expect(cycles(unitEdges(files))).toEqual([]);
  });

  it('finds a cycle through any kind of import, and none where imports run one way', () => {
    const cyclic = unitEdges([
      ['src/core/coach.ts', "import type { Store } from '../store/store.ts';"],
      ['src/store/store.ts', "import {\n  type Actor,\n} from '../core/ports.ts';"],
      ['src/chat/a.ts', "export { x } from '../core/ports.ts';\nconst m = import('../drills/b.ts');"],
      ['src/drills/b.ts', "import '../chat/a.ts';"],
      ['src/index.ts', "import { y } from './core/coach.ts'; // from '../store/x.ts'"],
    ]);
    expect(cycles(cyclic)).toEqual([
      'chat <-> drills: chat -> drills (src/chat/a.ts -> src/drills/b.ts); drills -> chat (src/drills/b.ts -> src/chat/a.ts)',
      'core <-> store: core -> store (src/core/coach.ts -> src/store/store.ts); store -> core (src/store/store.ts -> src/core/ports.ts)',
    ]);
    const oneWay = unitEdges([
      ['src/store/store.ts', "import type { Actor } from '../core/ports.ts';"],
      ['src/core/coach.ts', "import { z } from 'zod';\nimport { a } from './ports.ts';"],
    ]);
    expect(cycles(oneWay)).toEqual([]);
  });
});
