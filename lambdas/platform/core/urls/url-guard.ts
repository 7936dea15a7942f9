/**
 * The one guard for every URL a tenant hands us to pass on to Meta: post links and media, campaign
 * links and creative images, and whatever carries a URL next. Meta fetches media itself from the URL
 * it is given (a Page photo's `url`, https://developers.facebook.com/docs/graph-api/reference/page/photos;
 * an Instagram container's `image_url`/`video_url`, which must be on a public server,
 * https://developers.facebook.com/docs/instagram-platform/content-publishing), so a URL must name a
 * public host, never a private network, and must mean the same thing to every parser that reads it.
 *
 * What is refused, each with its own reason:
 *  - longer than 2,048 characters, or carrying spaces, control characters or backslashes (parsers
 *    disagree on those: `java\nscript:` is `javascript:` to a browser);
 *  - a scheme other than https for media, or other than http(s) for links (`javascript:`, `file:`, `data:`);
 *  - userinfo (`https://user:pass@host`, `https://trusted@evil`);
 *  - `localhost` and names that cannot be public (one label, `.local`, `.internal`, `.home.arpa`);
 *  - an IP literal in an unspecified, loopback, private, link-local, CGNAT, unique-local, multicast or
 *    reserved range (see ./ip-ranges.ts), IPv4-mapped IPv6 included;
 *  - an IPv4 address written in any form but the dotted quad (`0x7f000001`, `2130706433`, `127.1`,
 *    `0177.0.0.1`): URL parsers turn them into 127.0.0.1, and no legitimate link is written that way.
 * A host name is not resolved here: the guard is pure. A name that resolves to a private address is
 * Meta's fetcher's to refuse.
 */
import { classifyIpv4, classifyIpv6, parseIpv4, parseIpv6, type NonPublicIpReason } from './ip-ranges';

export type UrlUse = 'media' | 'link';

export const MAX_URL_LENGTH = 2048;

export type UrlRefusal =
  | 'url_too_long'
  | 'url_malformed'
  | 'url_not_absolute'
  | 'scheme_not_https'
  | 'scheme_not_allowed'
  | 'userinfo_not_allowed'
  | 'host_missing'
  | 'host_localhost'
  | 'host_not_public'
  | 'ip_literal_obfuscated'
  | NonPublicIpReason;

export type UrlCheck =
  { ok: true; reason: 'url_public' } | { ok: false; reason: UrlRefusal; message: string };

const MESSAGES: Record<UrlRefusal, string> = {
  url_too_long: `a URL has at most ${MAX_URL_LENGTH} characters`,
  url_malformed: 'not a well-formed URL (no spaces, control characters or backslashes)',
  url_not_absolute: 'an absolute URL such as https://example.com/…',
  scheme_not_https: 'media must be served over https',
  scheme_not_allowed: 'only http and https URLs are accepted',
  userinfo_not_allowed: 'a URL may not carry a user name or password',
  host_missing: 'the URL names no host',
  host_localhost: 'the URL points at localhost',
  host_not_public: 'the host is not a public internet name',
  ip_literal_obfuscated: 'write an IP address as four decimal numbers (a.b.c.d)',
  ip_unspecified: 'the host is an unspecified IP address',
  ip_loopback: 'the host is a loopback IP address',
  ip_private: 'the host is a private IP address',
  ip_link_local: 'the host is a link-local IP address (cloud metadata lives there)',
  ip_cgnat: 'the host is a carrier-grade NAT (shared) IP address',
  ip_unique_local: 'the host is a unique-local IPv6 address',
  ip_multicast: 'the host is a multicast IP address',
  ip_reserved: 'the host is a reserved IP address',
};

const NON_PUBLIC_SUFFIXES = ['.local', '.internal', '.home.arpa', '.localdomain', '.lan', '.intranet'];

const refuse = (reason: UrlRefusal): UrlCheck => ({ ok: false, reason, message: MESSAGES[reason] });

export function checkPublicUrl(raw: string, use: UrlUse): UrlCheck {
  if (raw.length > MAX_URL_LENGTH) return refuse('url_too_long');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(raw)) return refuse('url_malformed');
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(raw)?.[1]?.toLowerCase();
  if (!scheme) return refuse('url_not_absolute');
  if (scheme !== 'https' && !(use === 'link' && scheme === 'http'))
    return refuse(use === 'media' && scheme === 'http' ? 'scheme_not_https' : 'scheme_not_allowed');
  const afterScheme = raw.slice(scheme.length + 1);
  if (!afterScheme.startsWith('//')) return refuse('url_malformed');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse('url_malformed');
  }
  const authority = /^[^/?#]*/.exec(afterScheme.slice(2))![0];
  if (authority.includes('@') || url.username || url.password) return refuse('userinfo_not_allowed');
  const hostname = url.hostname.toLowerCase();
  if (!hostname) return refuse('host_missing');
  if (hostname.startsWith('[')) {
    const groups = parseIpv6(hostname.slice(1, -1));
    const reason = groups ? classifyIpv6(groups) : 'url_malformed';
    return reason ? refuse(reason) : { ok: true, reason: 'url_public' };
  }
  const v4 = parseIpv4(hostname);
  if (v4 !== null) {
    const written = authority.replace(/:[0-9]*$/, '').toLowerCase();
    if (written !== hostname) return refuse('ip_literal_obfuscated');
    const reason = classifyIpv4(v4);
    return reason ? refuse(reason) : { ok: true, reason: 'url_public' };
  }
  const name = hostname.replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return refuse('host_localhost');
  if (!name.includes('.') || NON_PUBLIC_SUFFIXES.some((s) => name.endsWith(s)))
    return refuse('host_not_public');
  return { ok: true, reason: 'url_public' };
}
