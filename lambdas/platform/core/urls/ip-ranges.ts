/**
 * Which IP addresses are not on the public internet. A URL whose host is one of them points at the
 * service's own network (or Meta's fetcher's), never at a business's media or landing page.
 * Ranges: IANA's special-purpose registries for IPv4 and IPv6
 * (https://www.iana.org/assignments/iana-ipv4-special-registry/,
 * https://www.iana.org/assignments/iana-ipv6-special-registry/), RFC 6598 for shared (CGNAT) space and
 * RFC 4193 for unique-local IPv6.
 */
export type NonPublicIpReason =
  | 'ip_unspecified'
  | 'ip_loopback'
  | 'ip_private'
  | 'ip_link_local'
  | 'ip_cgnat'
  | 'ip_unique_local'
  | 'ip_multicast'
  | 'ip_reserved';

const V4_RANGES: Array<[string, number, NonPublicIpReason]> = [
  ['0.0.0.0', 8, 'ip_unspecified'],
  ['10.0.0.0', 8, 'ip_private'],
  ['100.64.0.0', 10, 'ip_cgnat'],
  ['127.0.0.0', 8, 'ip_loopback'],
  ['169.254.0.0', 16, 'ip_link_local'],
  ['172.16.0.0', 12, 'ip_private'],
  ['192.0.0.0', 24, 'ip_reserved'],
  ['192.0.2.0', 24, 'ip_reserved'],
  ['192.88.99.0', 24, 'ip_reserved'],
  ['192.168.0.0', 16, 'ip_private'],
  ['198.18.0.0', 15, 'ip_reserved'],
  ['198.51.100.0', 24, 'ip_reserved'],
  ['203.0.113.0', 24, 'ip_reserved'],
  ['224.0.0.0', 4, 'ip_multicast'],
  ['240.0.0.0', 4, 'ip_reserved'],
];

/** `a.b.c.d` → 32-bit number; null when the text is not exactly a dotted quad of decimal octets. */
export function parseIpv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p) || Number(p) > 255) return null;
    n = n * 256 + Number(p);
  }
  return n;
}

const v4Base = (dotted: string) => parseIpv4(dotted)!;

export function classifyIpv4(n: number): NonPublicIpReason | null {
  for (const [base, bits, reason] of V4_RANGES) {
    const size = 2 ** (32 - bits);
    const start = v4Base(base);
    if (n >= start && n < start + size) return reason;
  }
  return null;
}

/** An IPv6 text (no brackets) → its eight 16-bit groups; null when it is not an IPv6 address. */
export function parseIpv6(text: string): number[] | null {
  let s = text.toLowerCase();
  const tail: number[] = [];
  const v4 = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    const n = parseIpv4(v4[2]!);
    if (n === null) return null;
    tail.push(Math.floor(n / 65536), n % 65536);
    s = v4[1]!.endsWith('::') ? v4[1]! : v4[1]!.slice(0, -1);
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  const all = [...head, ...rest];
  if (!all.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  const given = all.length + tail.length;
  if (halves.length === 1 ? given !== 8 : given > 7) return null;
  const zeros = new Array<number>(8 - given).fill(0);
  const hex = (g: string) => parseInt(g, 16);
  return [...head.map(hex), ...(halves.length === 2 ? zeros : []), ...rest.map(hex), ...tail];
}

export function classifyIpv6(g: number[]): NonPublicIpReason | null {
  const embeddedV4 = () => classifyIpv4(g[6]! * 65536 + g[7]!);
  const zerosUntil = (i: number) => g.slice(0, i).every((x) => x === 0);
  if (g.every((x) => x === 0)) return 'ip_unspecified';
  if (zerosUntil(7) && g[7] === 1) return 'ip_loopback';
  // ::ffff:a.b.c.d (IPv4-mapped) and 64:ff9b::a.b.c.d (NAT64) reach the IPv4 address they carry
  if (zerosUntil(5) && g[5] === 0xffff) return embeddedV4();
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return embeddedV4();
  // ::a.b.c.d (deprecated IPv4-compatible)
  if (zerosUntil(6)) return 'ip_reserved';
  if ((g[0]! & 0xfe00) === 0xfc00) return 'ip_unique_local';
  if ((g[0]! & 0xffc0) === 0xfe80) return 'ip_link_local';
  if ((g[0]! & 0xffc0) === 0xfec0) return 'ip_reserved'; // site-local, deprecated
  if ((g[0]! & 0xff00) === 0xff00) return 'ip_multicast';
  if (g[0] === 0x2001 && g[1] === 0x0db8) return 'ip_reserved'; // documentation
  if (g[0] === 0x0100 && g.slice(1, 4).every((x) => x === 0)) return 'ip_reserved'; // discard-only
  return null;
}
