import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface TestProvider {
  issuer: string;
  /** Who the provider signs in at the next interaction. */
  nextLogin(sub: string): Promise<void>;
  stop(): Promise<void>;
}

export interface OidcClientRegistration {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
}

/** A free loopback port, for an app whose URL must be known before it starts (the redirect URI registered at the provider). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

/** Starts the real OpenID Provider of oidc-provider.mjs in a child process on a loopback port. */
export async function startTestProvider(clients: OidcClientRegistration[], accounts: Record<string, string> = {}): Promise<TestProvider> {
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, 'oidc-provider.mjs'), JSON.stringify({ clients, accounts })], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const issuer = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the test OpenID Provider exited (${code})`)));
    child.stdout?.once('data', (chunk: Buffer) =>
      resolve((JSON.parse(chunk.toString().split('\n')[0] ?? '{}') as { issuer: string }).issuer),
    );
  });
  child.removeAllListeners('exit');
  return {
    issuer,
    async nextLogin(sub) {
      await fetch(`${issuer}/test/next-login`, { method: 'POST', body: JSON.stringify({ sub }) });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * A browser reduced to what the authorization code flow needs: it follows redirects by hand and
 * keeps each origin's cookies, so that every hop (our login, the provider, our callback) is seen.
 */
export class RedirectFollower {
  private readonly jars = new Map<string, Map<string, string>>();
  readonly visited: string[] = [];

  cookie(origin: string, name: string): string | undefined {
    return this.jars.get(origin)?.get(name);
  }

  setCookie(origin: string, name: string, value: string): void {
    const jar = this.jars.get(origin) ?? new Map<string, string>();
    jar.set(name, value);
    this.jars.set(origin, jar);
  }

  /** GETs `url` and follows redirects until a page that is not a redirect, or `stopAt` matches the next URL. */
  async open(url: string, stopAt?: (next: string) => boolean): Promise<{ url: string; status: number }> {
    let current = url;
    for (let hop = 0; hop < 20; hop++) {
      if (stopAt?.(current)) return { url: current, status: 0 };
      this.visited.push(current);
      const origin = new URL(current).origin;
      const jar = this.jars.get(origin) ?? new Map<string, string>();
      const response = await fetch(current, {
        redirect: 'manual',
        headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      for (const line of response.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const at = pair.indexOf('=');
        const [name, value] = [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
        if (/max-age=0/i.test(line) || value === '') jar.delete(name);
        else jar.set(name, value);
      }
      this.jars.set(origin, jar);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { url: current, status: response.status };
      current = new URL(location, current).toString();
    }
    throw new Error('too many redirects');
  }
}
