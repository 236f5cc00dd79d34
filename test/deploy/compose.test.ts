import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * No container engine here to run compose.yaml, so this checks that the deploy files agree with each other and
 * with the app: two app instances on one PostgreSQL in HTTP mode, and nginx spreading /slack/* over exactly them.
 */
interface Service {
  build?: unknown;
  image?: string;
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: unknown;
}

const compose = parse(readFileSync('compose.yaml', 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};
const nginx = readFileSync('deploy/nginx.conf', 'utf8');
const services = Object.entries(compose.services);
const apps = services.filter(([, s]) => s.build !== undefined);

describe('compose.yaml and deploy/nginx.conf', () => {
  it('runs two app instances in HTTP mode on one PostgreSQL database, once it is healthy', () => {
    expect(apps.map(([name]) => name)).toHaveLength(2);
    const urls = new Set(apps.map(([, s]) => s.environment?.DATABASE_URL));
    expect(urls.size).toBe(1);
    const url = new URL(String([...urls][0]).replace(/\$\{[^}]*\}/g, 'secret'));
    expect(url.protocol).toBe('postgres:');
    const database = compose.services[url.hostname];
    expect(database?.image).toMatch(/^postgres:/);
    expect(database?.healthcheck).toBeDefined();
    for (const [, app] of apps) {
      expect(app.environment?.SLACK_APP_TOKEN).toBe('');
      expect(app.depends_on?.[url.hostname]?.condition).toBe('service_healthy');
    }
  });

  it('has nginx spread /slack/ over exactly the app instances, on the port they listen on', () => {
    const upstream = /upstream\s+(\w+)\s*\{([^}]*)\}/.exec(nginx);
    const servers = [...(upstream?.[2] ?? '').matchAll(/^\s*server\s+([\w.-]+):(\d+)/gm)].map(
      ([, host, port]) => `${host}:${port}`,
    );
    expect(servers.sort()).toEqual(apps.map(([name, s]) => `${name}:${s.environment?.PORT}`).sort());
    expect(nginx).toMatch(new RegExp(`location /slack/ \\{[^}]*proxy_pass http://${upstream?.[1]};`));
    // Above the app's own 4 MB limit, so the app answers oversized bodies itself.
    expect(Number(/client_max_body_size (\d+)m;/.exec(nginx)?.[1])).toBeGreaterThan(4);
    const proxy = services.find(([, s]) => s.image?.startsWith('nginx'))?.[1];
    expect(proxy?.volumes?.some((v) => v.startsWith('./deploy/nginx.conf:'))).toBe(true);
  });

  it('starts the image on the port the Dockerfile sets and checks', () => {
    const dockerfile = readFileSync('Dockerfile', 'utf8');
    const port = /PORT=(\d+)/.exec(dockerfile)?.[1];
    expect(apps.every(([, s]) => s.environment?.PORT === port)).toBe(true);
    expect(dockerfile).toMatch(new RegExp(`EXPOSE ${port}`));
  });
});
