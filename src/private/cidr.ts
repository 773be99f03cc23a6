import { jsString } from './text';
/**
 * CIDR blocks as Kubernetes reads them in NetworkPolicy ipBlocks, and sets of
 * addresses as sorted, disjoint BigInt intervals.
 *
 * Reading. The API server parses `ipBlock.cidr` and `ipBlock.except` with
 * `netutils.ParseCIDRSloppy` (k8s.io/utils/net, Go 1.16's `net.ParseCIDR`):
 * dotted-quad IPv4 or IPv6 (with an optional trailing dotted quad), `/` and a
 * decimal prefix length, leading zeros accepted everywhere and read as decimal,
 * bits beyond the prefix accepted and masked off. `except` entries must be strict
 * subsets of `cidr` as Go's `IPNet.Contains` and mask lengths decide
 * (pkg/apis/networking/validation `ValidateIPBlock`). Strict IP/CIDR validation
 * (KEP-4858, feature gate `StrictIPCIDRValidation`; apimachinery
 * `IsValidCIDRForLegacyField`) additionally refuses leading zeros (in octets,
 * groups of more than 4 hex digits, or the prefix length), IPv4-mapped IPv6
 * addresses and bits set beyond the prefix: `parseCidr` accepts what the
 * lenient parser accepts and reports these as ambiguities, since other software
 * reads them differently (libc reads `010` as octal 8; a network plugin may match
 * `::ffff:a.b.c.d` as IPv4 or as IPv6; `10.1.2.3/8` may have meant one host).
 *
 * Public addresses. IPv4: everything except the blocks of the IANA IPv4
 * Special-Purpose Address Registry (RFC 6890) that are not globally reachable,
 * multicast and the reserved 240.0.0.0/4 (`NON_PUBLIC_IPV4`). IPv6: the global
 * unicast space 2000::/3 (the only space IANA allocates to registries), less the
 * documentation blocks 2001:db8::/32 and 3fff::/20 (`PUBLIC_IPV6`); ULA, link-local,
 * multicast, loopback and the unallocated space are not public.
 *
 * IPv6 that reaches IPv4. `::ffff:0:0/96` (IPv4-mapped, RFC 4291 §2.5.5.2: some
 * plugins match it as IPv4) and `64:ff9b::/96` (the NAT64 well-known prefix,
 * RFC 6052: a NAT64 gateway forwards it to the embedded IPv4 address) count as
 * the IPv4 addresses in their last 32 bits (`ipv4Through`). So do the tunnel
 * prefixes, for what they reach (`ipv4Tunnelled`): 6to4's `2002::/16` (RFC 3056:
 * a relay sends a packet for 2002:AABB:CCDD::/48 inside IPv4 to A.B.C.D, bits
 * 16 to 47) and Teredo's `2001::/32` (RFC 4380: a relay sends it over UDP to the
 * client whose IPv4 address is the last 32 bits inverted, whatever the server
 * and port bits before). A tunnel delivers only to a host that unwraps it, but
 * whoever holds an IPv4 address can: for exfiltration a block of these prefixes
 * reaches the IPv4 addresses it embeds. They are counted as public IPv6 too (they
 * are in 2000::/3). Network-specific NAT64 prefixes (RFC 6052 §2.3, e.g.
 * 64:ff9b:1::/48 of RFC 8215) are chosen by each network and cannot be known
 * from a manifest; the deprecated IPv4-compatible ::/96 is routed by no current
 * stack.
 */

/** IPv4 or IPv6. */
export type IpFamily = 4 | 6;

/** An inclusive range of addresses. */
export type Interval = readonly [bigint, bigint];

/** How a CIDR that the lenient parser accepts departs from the form strict validation requires. */
export type CidrAmbiguity = 'octet-leading-zero' | 'group-leading-zero' | 'prefix-leading-zero' | 'ipv4-mapped' | 'host-bits';

/** A CIDR block as Kubernetes reads it. */
export interface Cidr {
  /** As written. */
  readonly text: string;
  /** 4 for a dotted-quad address, 6 for one with colons. */
  readonly family: IpFamily;
  /** Address bits of the family: 32 or 128. */
  readonly bits: number;
  /** Prefix length. */
  readonly prefix: number;
  /** The address as written (bits beyond the prefix included). */
  readonly address: bigint;
  /** The address with the bits beyond the prefix cleared: what Kubernetes uses. */
  readonly network: bigint;
  /** Departures from the strict form, in the order above. */
  readonly ambiguities: readonly CidrAmbiguity[];
}

const BIG = 0xffffff;

/** 2 to the power `n`, as a bigint. */
export function pow2(n: number | bigint): bigint {
  return 2n ** BigInt(n);
}

interface Digits { readonly n: number; readonly end: number; readonly ok: boolean }

/** Go's dtoi: decimal digits from `i`. */
function dtoi(s: string, i: number): Digits {
  let n = 0;
  let j = i;
  for (; j < s.length && s[j] >= '0' && s[j] <= '9'; j++) {
    n = n * 10 + (s.charCodeAt(j) - 48);
    if (n >= BIG) return { n: BIG, end: j, ok: false };
  }
  return { n, end: j, ok: j > i };
}

/** Go's xtoi: hex digits from `i`. */
function xtoi(s: string, i: number): Digits {
  let n = 0;
  let j = i;
  for (; j < s.length; j++) {
    const c = s[j];
    let d: number;
    if (c >= '0' && c <= '9') d = c.charCodeAt(0) - 48;
    else if (c >= 'a' && c <= 'f') d = c.charCodeAt(0) - 87;
    else if (c >= 'A' && c <= 'F') d = c.charCodeAt(0) - 55;
    else break;
    n = n * 16 + d;
    if (n >= BIG) return { n: 0, end: j, ok: false };
  }
  return { n, end: j, ok: j > i };
}

interface ParsedAddress { readonly value: bigint; readonly ambiguities: CidrAmbiguity[] }

/** Go 1.16's parseIPv4 (leading zeros read as decimal, and reported). */
function parseIPv4(s: string): ParsedAddress | undefined {
  let pos = 0;
  let value = 0n;
  let leadingZero = false;
  for (let i = 0; i < 4; i++) {
    if (pos >= s.length) return undefined;
    if (i > 0) {
      if (s[pos] !== '.') return undefined;
      pos++;
    }
    const d = dtoi(s, pos);
    if (!d.ok || d.n > 0xff) return undefined;
    if (d.end - pos > 1 && s[pos] === '0') leadingZero = true;
    value = value * 256n + BigInt(d.n);
    pos = d.end;
  }
  if (pos !== s.length) return undefined;
  return { value, ambiguities: leadingZero ? ['octet-leading-zero'] : [] };
}

/** Go 1.16's parseIPv6 (groups of up to 6 hex digits below 0x10000, a trailing dotted quad). */
function parseIPv6(s: string): ParsedAddress | undefined {
  const ip = new Array<number>(16).fill(0);
  const ambiguities = new Set<CidrAmbiguity>();
  let ellipsis = -1;
  let p = 0;
  if (s.length >= 2 && s[0] === ':' && s[1] === ':') {
    ellipsis = 0;
    p = 2;
    if (p === s.length) return { value: 0n, ambiguities: [] };
  }
  let i = 0;
  while (i < 16) {
    const h = xtoi(s, p);
    if (!h.ok || h.n > 0xffff) return undefined;
    if (h.end < s.length && s[h.end] === '.') {
      if (ellipsis < 0 && i !== 12) return undefined;
      if (i + 4 > 16) return undefined;
      const v4 = parseIPv4(s.slice(p));
      if (!v4) return undefined;
      v4.ambiguities.forEach((a) => ambiguities.add(a));
      for (let k = 0; k < 4; k++) ip[i + k] = Number((v4.value / pow2(8 * (3 - k))) % 256n);
      i += 4;
      p = s.length;
      break;
    }
    if (h.end - p > 4) ambiguities.add('group-leading-zero');
    ip[i] = Math.floor(h.n / 256);
    ip[i + 1] = h.n % 256;
    i += 2;
    p = h.end;
    if (p === s.length) break;
    if (s[p] !== ':' || p + 1 === s.length) return undefined;
    p++;
    if (s[p] === ':') {
      if (ellipsis >= 0) return undefined;
      ellipsis = i;
      p++;
      if (p === s.length) break;
    }
  }
  if (p !== s.length) return undefined;
  if (i < 16) {
    if (ellipsis < 0) return undefined;
    const n = 16 - i;
    for (let j = i - 1; j >= ellipsis; j--) ip[j + n] = ip[j];
    for (let j = ellipsis + n - 1; j >= ellipsis; j--) ip[j] = 0;
  } else if (ellipsis >= 0) {
    return undefined;
  }
  return { value: ip.reduce((acc, b) => acc * 256n + BigInt(b), 0n), ambiguities: [...ambiguities] };
}

/** The network of `address` with `prefix` bits kept. */
export function maskTo(address: bigint, prefix: number, bits: number): bigint {
  return address - (address % pow2(bits - prefix));
}

/** Whether an IPv6 address is IPv4-mapped (::ffff:a.b.c.d). */
export function isIpv4Mapped(address: bigint): boolean {
  return address / pow2(32) === 0xffffn;
}

/** The IPv4 address in the last 32 bits of an IPv6 address. */
export function embeddedIpv4(address: bigint): bigint {
  return address % pow2(32);
}

/**
 * Reads a CIDR as the API server's lenient parser does (`ParseCIDRSloppy`);
 * undefined when the API server refuses it whatever the feature gates.
 */
export function parseCidr(text: unknown): Cidr | undefined {
  if (typeof text !== 'string') return undefined;
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const addr = text.slice(0, slash);
  const mask = text.slice(slash + 1);
  let family: IpFamily = 4;
  let parsed = parseIPv4(addr);
  if (!parsed) {
    family = 6;
    parsed = parseIPv6(addr);
  }
  if (!parsed) return undefined;
  const bits = family === 4 ? 32 : 128;
  const d = dtoi(mask, 0);
  if (!d.ok || d.end !== mask.length || d.n > bits) return undefined;
  const prefix = d.n;
  const network = maskTo(parsed.value, prefix, bits);
  const ambiguities = new Set<CidrAmbiguity>(parsed.ambiguities);
  if (mask.length > 1 && mask[0] === '0') ambiguities.add('prefix-leading-zero');
  if (family === 6 && isIpv4Mapped(parsed.value)) ambiguities.add('ipv4-mapped');
  if (network !== parsed.value) ambiguities.add('host-bits');
  const order: CidrAmbiguity[] = ['octet-leading-zero', 'group-leading-zero', 'prefix-leading-zero', 'ipv4-mapped', 'host-bits'];
  return { text, family, bits, prefix, address: parsed.value, network, ambiguities: order.filter((a) => ambiguities.has(a)) };
}

/** Go's `IPNet` view of a parsed block: IPv4-mapped IPv6 networks compare as IPv4. */
function goNet(c: Cidr): { readonly ip: bigint; readonly bits: number; readonly ones: number } {
  if (c.family === 4) return { ip: c.network, bits: 32, ones: c.prefix };
  if (isIpv4Mapped(c.network)) return { ip: embeddedIpv4(c.network), bits: 32, ones: Math.max(0, c.prefix - 96) };
  return { ip: c.network, bits: 128, ones: c.prefix };
}

/**
 * Whether the API server accepts `except` under `cidr`: the block's network
 * contains the except's network address (Go's `IPNet.Contains`, which compares
 * IPv4-mapped IPv6 as IPv4) and the except's prefix is longer.
 */
export function isStrictSubset(cidr: Cidr, except: Cidr): boolean {
  const n = goNet(cidr);
  const e = goNet(except);
  if (n.bits !== e.bits) return false;
  return maskTo(e.ip, n.ones, n.bits) === n.ip && cidr.prefix < except.prefix;
}

/** An IPv4 address in dotted-quad form. */
export function formatIpv4(value: bigint): string {
  return [24, 16, 8, 0].map((s) => jsString((value / pow2(s)) % 256n)).join('.');
}

/** An IPv6 address in RFC 5952 form (IPv4-mapped ones as ::ffff:a.b.c.d). */
export function formatIpv6(value: bigint): string {
  if (isIpv4Mapped(value)) return `::ffff:${formatIpv4(embeddedIpv4(value))}`;
  const groups = Array.from({ length: 8 }, (_, i) => Number((value / pow2(16 * (7 - i))) % 65536n));
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (gs: number[]) => gs.map((g) => g.toString(16)).join(':');
  if (best < 0) return hex(groups);
  return `${hex(groups.slice(0, best))}::${hex(groups.slice(best + bestLen))}`;
}

/** A block in canonical form: the network and the prefix length. */
export function formatCidr(c: Cidr): string {
  return `${c.family === 4 ? formatIpv4(c.network) : formatIpv6(c.network)}/${c.prefix}`;
}

/** The block as strict validation wants it written: an IPv4-mapped IPv6 block (prefix 96 or more) as the IPv4 block it maps, else `formatCidr`. */
export function strictCidrText(c: Cidr): string {
  return c.ambiguities.includes('ipv4-mapped') && c.prefix >= 96 ? `${formatIpv4(embeddedIpv4(c.network))}/${c.prefix - 96}` : formatCidr(c);
}

/** A set of addresses of one family: sorted, disjoint, non-adjacent inclusive intervals. */
export class AddressSet {
  /** No address. */
  public static readonly EMPTY = new AddressSet([]);

  /** The union of any intervals. */
  public static of(intervals: Iterable<Interval>): AddressSet {
    const sorted = [...intervals].filter(([lo, hi]) => lo <= hi).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const out: Array<[bigint, bigint]> = [];
    for (const [lo, hi] of sorted) {
      const last = out[out.length - 1];
      if (last && lo <= last[1] + 1n) {
        if (hi > last[1]) last[1] = hi;
      } else {
        out.push([lo, hi]);
      }
    }
    return new AddressSet(out);
  }

  /** The addresses of a block (its network and every host below it). */
  public static block(c: Pick<Cidr, 'network' | 'prefix' | 'bits'>): AddressSet {
    return new AddressSet([[c.network, c.network + pow2(c.bits - c.prefix) - 1n]]);
  }

  /** The union of the blocks. */
  public static blocks(cs: Iterable<Pick<Cidr, 'network' | 'prefix' | 'bits'>>): AddressSet {
    return AddressSet.of([...cs].flatMap((c) => AddressSet.block(c).intervals));
  }

  private constructor(
    /** The intervals, sorted and disjoint. */
    public readonly intervals: readonly Interval[],
  ) {}

  /** Addresses in either set. */
  public union(other: AddressSet): AddressSet {
    return AddressSet.of([...this.intervals, ...other.intervals]);
  }

  /** Addresses in this set and not in `other`. */
  public minus(other: AddressSet): AddressSet {
    const out: Interval[] = [];
    const cut = other.intervals;
    let j = 0;
    for (const [lo0, hi] of this.intervals) {
      let lo = lo0;
      while (j < cut.length && cut[j][1] < lo) j++;
      for (let k = j; k < cut.length && cut[k][0] <= hi && lo <= hi; k++) {
        if (cut[k][0] > lo) out.push([lo, cut[k][0] - 1n]);
        if (cut[k][1] + 1n > lo) lo = cut[k][1] + 1n;
      }
      if (lo <= hi) out.push([lo, hi]);
    }
    return new AddressSet(out);
  }

  /** Addresses in both sets. */
  public intersect(other: AddressSet): AddressSet {
    const out: Interval[] = [];
    const a = this.intervals;
    const b = other.intervals;
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      const lo = a[i][0] > b[j][0] ? a[i][0] : b[j][0];
      const hi = a[i][1] < b[j][1] ? a[i][1] : b[j][1];
      if (lo <= hi) out.push([lo, hi]);
      if (a[i][1] < b[j][1]) i++;
      else j++;
    }
    return new AddressSet(out);
  }

  /** Every address moved by `delta`. */
  public shift(delta: bigint): AddressSet {
    return new AddressSet(this.intervals.map(([lo, hi]) => [lo + delta, hi + delta] as const));
  }

  /** How many addresses. */
  public size(): bigint {
    return this.intervals.reduce((n, [lo, hi]) => n + hi - lo + 1n, 0n);
  }

  /** Whether there is no address. */
  public isEmpty(): boolean {
    return this.intervals.length === 0;
  }
}

function blocksOf(texts: readonly string[]): AddressSet {
  return AddressSet.blocks(texts.map((t) => parseCidr(t)!));
}

/** Every IPv4 address. */
export const ALL_IPV4 = AddressSet.of([[0n, pow2(32) - 1n]]);

/**
 * IPv4 blocks that are not public: the IANA IPv4 Special-Purpose Address
 * Registry entries that are not globally reachable (RFC 6890 and updates),
 * multicast (RFC 5771) and the reserved 240.0.0.0/4 (broadcast included).
 * The few globally reachable anycast addresses inside 192.0.0.0/24 count as not public.
 */
export const NON_PUBLIC_IPV4: readonly string[] = [
  '0.0.0.0/8', // "this network" (RFC 791)
  '10.0.0.0/8', // private (RFC 1918)
  '100.64.0.0/10', // shared address space, CGNAT (RFC 6598)
  '127.0.0.0/8', // loopback (RFC 1122)
  '169.254.0.0/16', // link-local (RFC 3927), cloud metadata services included
  '172.16.0.0/12', // private (RFC 1918)
  '192.0.0.0/24', // IETF protocol assignments (RFC 6890)
  '192.0.2.0/24', // documentation TEST-NET-1 (RFC 5737)
  '192.88.99.0/24', // deprecated 6to4 relay anycast (RFC 7526)
  '192.168.0.0/16', // private (RFC 1918)
  '198.18.0.0/15', // benchmarking (RFC 2544)
  '198.51.100.0/24', // documentation TEST-NET-2 (RFC 5737)
  '203.0.113.0/24', // documentation TEST-NET-3 (RFC 5737)
  '224.0.0.0/4', // multicast (RFC 5771)
  '240.0.0.0/4', // reserved (RFC 1112), limited broadcast included
];

/** Public IPv4 addresses. */
export const PUBLIC_IPV4 = ALL_IPV4.minus(blocksOf(NON_PUBLIC_IPV4));

/** The IPv6 global unicast space, 2000::/3. */
export const GLOBAL_UNICAST_IPV6 = '2000::/3';

/** Documentation blocks inside the global unicast space (RFC 3849, RFC 9637). */
export const DOCUMENTATION_IPV6: readonly string[] = ['2001:db8::/32', '3fff::/20'];

/** Public IPv6 addresses. */
export const PUBLIC_IPV6 = blocksOf([GLOBAL_UNICAST_IPV6]).minus(blocksOf(DOCUMENTATION_IPV6));

/** IPv6 prefixes whose last 32 bits are an IPv4 address that traffic may reach: IPv4-mapped and NAT64. */
export const IPV6_TO_IPV4: readonly string[] = ['::ffff:0:0/96', '64:ff9b::/96'];

const TRANSLATIONS = IPV6_TO_IPV4.map((t) => parseCidr(t)!);

/** The IPv4 addresses that IPv6 addresses reach through IPv4-mapped and NAT64 addresses. */
export function ipv4Through(v6: AddressSet): AddressSet {
  return TRANSLATIONS.reduce((acc, t) => acc.union(v6.intersect(AddressSet.block(t)).shift(-t.network)), AddressSet.EMPTY);
}

/** The 6to4 prefix (RFC 3056): the IPv4 address is in bits 16 to 47. */
export const SIX_TO_FOUR = '2002::/16';
/** The Teredo prefix (RFC 4380): the client's IPv4 address, inverted, is in the last 32 bits. */
export const TEREDO = '2001::/32';

const SIX_TO_FOUR_CIDR = parseCidr(SIX_TO_FOUR)!;
const TEREDO_CIDR = parseCidr(TEREDO)!;
const V4_MAX = pow2(32) - 1n;

/**
 * The IPv4 addresses that IPv6 addresses reach through the 6to4 and Teredo tunnel
 * prefixes: a 6to4 address reaches the IPv4 address in its bits 16 to 47; a Teredo address
 * the client whose IPv4 address is its last 32 bits inverted.
 */
export function ipv4Tunnelled(v6: AddressSet): AddressSet {
  const out: Interval[] = [];
  const shift = pow2(80);
  for (const [lo, hi] of v6.intersect(AddressSet.block(SIX_TO_FOUR_CIDR)).intervals) {
    out.push([(lo - SIX_TO_FOUR_CIDR.network) / shift, (hi - SIX_TO_FOUR_CIDR.network) / shift]);
  }
  const low = pow2(32);
  for (const [lo, hi] of v6.intersect(AddressSet.block(TEREDO_CIDR)).intervals) {
    const rows = hi / low - lo / low;
    const [a, b] = [lo % low, hi % low];
    // the last 32 bits inverted: x becomes V4_MAX - x
    if (rows >= 2n || (rows === 1n && a <= b + 1n)) out.push([0n, V4_MAX]);
    else if (rows === 1n) out.push([0n, V4_MAX - a], [V4_MAX - b, V4_MAX]);
    else out.push([V4_MAX - b, V4_MAX - a]);
  }
  return AddressSet.of(out);
}

/**
 * A number of addresses as the prefix length of a block that size:
 * `a /8's worth`, or `more than a /9's worth` between two powers of two.
 */
export function worth(count: bigint, bits: number): string {
  if (count <= 0n) return 'no address';
  let log = 0;
  while (pow2(log + 1) <= count) log++;
  return `${count === pow2(log) ? 'a' : 'more than a'} /${bits - log}'s worth`;
}
