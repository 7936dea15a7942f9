import { checkPublicUrl, type UrlUse } from '../../../lambdas/platform/core/urls/url-guard';

const reason = (url: string, use: UrlUse = 'media') => checkPublicUrl(url, use).reason;

describe('the URL guard', () => {
  it('accepts public https media and http(s) links', () => {
    for (const url of [
      'https://cdn.example.com/a.jpg',
      'https://example.com:8443/p?q=1#x',
      'https://bücher.example/x.png',
      'https://8.8.8.8/img.png',
      'https://[2606:4700:4700::1111]/x.jpg',
      'https://EXAMPLE.com./a.jpg',
    ])
      expect([url, reason(url)]).toEqual([url, 'url_public']);
    expect(reason('http://example.com/landing', 'link')).toBe('url_public');
  });

  it.each([
    ['http://example.com/a.jpg', 'media', 'scheme_not_https'],
    ['javascript:alert(1)', 'link', 'scheme_not_allowed'],
    ['JavaScript://%0aalert(1)', 'link', 'scheme_not_allowed'],
    ['file:///etc/passwd', 'link', 'scheme_not_allowed'],
    ['data:text/html,<b>x</b>', 'link', 'scheme_not_allowed'],
    ['ftp://example.com/a', 'link', 'scheme_not_allowed'],
    ['//example.com/a.jpg', 'media', 'url_not_absolute'],
    ['example.com/a.jpg', 'media', 'url_not_absolute'],
    ['https:example.com/a.jpg', 'media', 'url_malformed'],
    ['https://exa mple.com/', 'media', 'url_malformed'],
    ['https://example.com/\n', 'media', 'url_malformed'],
    ['https:\\\\example.com', 'media', 'url_malformed'],
    ['https://', 'media', 'url_malformed'],
    [`https://example.com/${'a'.repeat(2048)}`, 'media', 'url_too_long'],
    ['https://user:pass@example.com/a.jpg', 'media', 'userinfo_not_allowed'],
    ['https://example.com@169.254.169.254/', 'media', 'userinfo_not_allowed'],
    ['https://@example.com/', 'media', 'userinfo_not_allowed'],
    ['https://localhost/a.jpg', 'media', 'host_localhost'],
    ['https://LOCALHOST./a.jpg', 'media', 'host_localhost'],
    ['https://api.localhost/a.jpg', 'media', 'host_localhost'],
    ['https://intranet/a.jpg', 'media', 'host_not_public'],
    ['https://printer.local/a.jpg', 'media', 'host_not_public'],
    ['https://db.internal/a.jpg', 'media', 'host_not_public'],
    ['https://127.0.0.1/a.jpg', 'media', 'ip_loopback'],
    ['https://127.8.9.10:8080/', 'media', 'ip_loopback'],
    ['https://0.0.0.0/', 'media', 'ip_unspecified'],
    ['https://10.1.2.3/', 'media', 'ip_private'],
    ['https://172.16.0.1/', 'media', 'ip_private'],
    ['https://172.31.255.255/', 'media', 'ip_private'],
    ['https://192.168.1.1/', 'media', 'ip_private'],
    ['https://169.254.169.254/latest/meta-data/', 'media', 'ip_link_local'],
    ['https://100.64.0.1/', 'media', 'ip_cgnat'],
    ['https://100.127.255.254/', 'media', 'ip_cgnat'],
    ['https://224.0.0.1/', 'media', 'ip_multicast'],
    ['https://255.255.255.255/', 'media', 'ip_reserved'],
    ['https://[::1]/a.jpg', 'media', 'ip_loopback'],
    ['https://[::]/a.jpg', 'media', 'ip_unspecified'],
    ['https://[fe80::1]/', 'media', 'ip_link_local'],
    ['https://[fd00:ec2::254]/', 'media', 'ip_unique_local'],
    ['https://[fc00::1]/', 'media', 'ip_unique_local'],
    ['https://[::ffff:127.0.0.1]/', 'media', 'ip_loopback'],
    ['https://[::ffff:a9fe:a9fe]/', 'media', 'ip_link_local'],
    ['https://[64:ff9b::10.0.0.1]/', 'media', 'ip_private'],
    ['https://[ff02::1]/', 'media', 'ip_multicast'],
    ['https://0x7f000001/', 'media', 'ip_literal_obfuscated'],
    ['https://2130706433/', 'media', 'ip_literal_obfuscated'],
    ['https://127.1/', 'media', 'ip_literal_obfuscated'],
    ['https://0177.0.0.1/', 'media', 'ip_literal_obfuscated'],
    ['https://0x7f.0.0.1/', 'media', 'ip_literal_obfuscated'],
    ['https://127.0.0.1./', 'media', 'ip_literal_obfuscated'],
    ['https://%31%32%37.0.0.1/', 'media', 'ip_literal_obfuscated'],
    ['https://134744072/', 'media', 'ip_literal_obfuscated'],
  ] as const)('%s (%s) is refused: %s', (url, use, expected) => {
    const check = checkPublicUrl(url, use);
    expect(check).toEqual({ ok: false, reason: expected, message: expect.any(String) });
  });
});
