import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

/** The last stage of the Dockerfile: what the image runs. */
function runtimeStage(dockerfile: string): string {
  return dockerfile.split(/^FROM /m).at(-1)!;
}

/**
 * No Docker daemon runs here, so the image is not built in tests: packed-install.test.ts performs its
 * install and start steps. This checks the Dockerfile says what that test proves.
 */
describe('the container files', () => {
  const dockerfile = read('Dockerfile');
  const runtime = runtimeStage(dockerfile);

  it('runs Node 20 slim, as a non-root user, from dist/ with production dependencies only', () => {
    expect(dockerfile.match(/^FROM node:20-slim/gm)).toHaveLength(3);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/COPY --from=build \/app\/dist dist/);
    expect(runtime).not.toMatch(/COPY (src|adapters|test)\b/);
    expect(dockerfile).toMatch(/npm ci --omit=dev --ignore-scripts/);
  });

  it('checks /healthz and lets SIGTERM reach node', () => {
    expect(runtime).toMatch(/HEALTHCHECK[\s\S]*\/healthz/);
    expect(runtime).toMatch(/^ENTRYPOINT \["node", "bin\/starcoach"\]$/m);
    expect(runtime).toMatch(/^STOPSIGNAL SIGTERM$/m);
  });

  it('keeps secrets and build output out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['.env', 'node_modules', 'dist', '.git']) expect(ignored).toContain(entry);
  });

  it('composes starcoach with PostgreSQL (Redis as a profile), on volumes, waiting for the database', () => {
    const compose = read('compose.yaml');
    expect(compose).toMatch(/postgres:\/\/starcoach:starcoach@postgres:5432\/starcoach/);
    expect(compose).toMatch(/condition: service_healthy/);
    expect(compose).toMatch(/postgres-data:\/var\/lib\/postgresql\/data/);
    expect(compose).toMatch(/profiles: \["redis"\]/);
  });

  it('ships the MIT licence package.json declares', () => {
    expect(JSON.parse(read('package.json')).license).toBe('MIT');
    expect(read('LICENSE')).toMatch(/^MIT License/);
  });
});
