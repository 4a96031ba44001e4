import { checkWebhookUrl, type Resolver } from './webhook-url.policy';

/** A DNS without I/O: names map to fixed addresses, anything else does not resolve. */
const dns: Resolver = async (host) => {
  const table: Record<string, string[]> = {
    'partner.example': ['93.184.216.34'],
    localhost: ['127.0.0.1', '::1'],
    'rebind.example': ['93.184.216.34', '10.0.0.7'],
    'metadata.example': ['169.254.169.254'],
    'v6only.example': ['2606:4700::6810:84e5'],
    'ula.example': ['fd12:3456::1'],
  };
  const found = table[host];
  if (!found) throw new Error('ENOTFOUND');
  return found;
};
const check = (url: string, allowLoopback = false) => checkWebhookUrl(url, { allowLoopback, resolve: dns });
const codeOf = async (url: string, allowLoopback = false) => {
  const verdict = await check(url, allowLoopback);
  return verdict.ok ? 'ok' : verdict.code;
};

describe('webhook URL policy (SSRF)', () => {
  it('accepts an https URL whose name resolves to public addresses only, v4 or v6', async () => {
    expect(await codeOf('https://partner.example/passerelle')).toBe('ok');
    expect(await codeOf('https://v6only.example/hook')).toBe('ok');
    expect(await codeOf('https://93.184.216.34:8443/hook')).toBe('ok');
  });

  it.each([
    'https://10.1.2.3/',
    'https://172.16.0.1/',
    'https://192.168.1.10/',
    'https://169.254.169.254/latest/meta-data',
    'https://100.64.0.1/',
    'https://0.0.0.0/',
    'https://[fd00::1]/',
    'https://[fe80::1]/',
    'https://[::ffff:10.0.0.1]/',
    'https://[::ffff:169.254.169.254]/',
    'https://[64:ff9b::a00:1]/',
    'https://[2002:a00:1::]/',
    'https://[::]/',
    'https://metadata.example/',
    'https://ula.example/',
  ])('refuses %s: a private, link-local or reserved address', async (url) => {
    expect(await codeOf(url)).toBe('WEBHOOK.URL_PRIVATE_ADDRESS');
  });

  it('refuses a name when any of its addresses is private (a rebinding attempt)', async () => {
    expect(await codeOf('https://rebind.example/')).toBe('WEBHOOK.URL_PRIVATE_ADDRESS');
  });

  it('refuses loopback unless development mode allows it, and then allows http there only', async () => {
    for (const url of ['http://127.0.0.1:8080/', 'https://localhost/', 'http://[::1]/', 'http://2130706433/', 'http://0x7f.1/']) {
      expect(await codeOf(url)).toBe('WEBHOOK.URL_PRIVATE_ADDRESS');
    }
    expect(await codeOf('http://127.0.0.1:8080/hook', true)).toBe('ok');
    expect(await codeOf('http://localhost:8080/hook', true)).toBe('ok');
    expect(await codeOf('http://partner.example/hook', true)).toBe('WEBHOOK.URL_NOT_HTTPS');
  });

  it('refuses other schemes, credentials, names that do not resolve and garbage', async () => {
    expect(await codeOf('ftp://partner.example/')).toBe('WEBHOOK.URL_SCHEME');
    expect(await codeOf('file:///etc/passwd')).toBe('WEBHOOK.URL_SCHEME');
    expect(await codeOf('gopher://partner.example/')).toBe('WEBHOOK.URL_SCHEME');
    expect(await codeOf('https://user:pass@partner.example/')).toBe('WEBHOOK.URL_CREDENTIALS');
    expect(await codeOf('https://nowhere.example/')).toBe('WEBHOOK.URL_UNRESOLVABLE');
    expect(await codeOf('not a url')).toBe('WEBHOOK.URL_INVALID');
  });
});
