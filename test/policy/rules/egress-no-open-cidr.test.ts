import * as fc from 'fast-check';
import { describeRule, egressPolicy } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { ruleContext } from '../../../src/policy/engine/context';
import { EGRESS_NO_OPEN_CIDR } from '../../../src/policy/rules/egress-no-open-cidr';
import {
  AddressSet, formatCidr, formatIpv6, ipv4Through, isStrictSubset, parseCidr, PUBLIC_IPV4, PUBLIC_IPV6,
} from '../../../src/private/cidr';

const HTTPS = [{ protocol: 'TCP', port: 443 }];
/** 2^n; the tests use arithmetic only, as the library does (no bitwise operators). */
const P2 = (n: number | bigint) => 2n ** BigInt(n);
/** `x` with its last `n` bits cleared. */
const clearLow = (x: bigint, n: number) => x - (x % P2(n));
const dottedQuad = (n: bigint) => [24, 16, 8, 0].map((s) => String((n / P2(s)) % 256n)).join('.');
const RUNS = { seed: Number(process.env.PROPERTY_SEED ?? 20261207) };
const REJECTED = 'so the API server rejects the object';
const V4_BLOCK = "one block may reach at most a /16's worth of public IPv4 addresses";
const V6_BLOCK = "one block may reach at most a /32's worth of public IPv6 addresses";
const V4_POLICY = "one NetworkPolicy may reach at most a /8's worth of public IPv4 addresses";
const V6_POLICY = "one NetworkPolicy may reach at most a /24's worth of public IPv6 addresses";
const THROUGH = ' (through IPv4-mapped, NAT64, 6to4 or Teredo IPv6 addresses)';

const base = { rule: RuleId.EGRESS_NO_OPEN_CIDR, kind: 'NetworkPolicy', name: 'pipe-egress' };
const open = (location: string, cidr: string) =>
  ({ ...base, location, property: 'to.ipBlock.cidr', value: cidr, problem: 'opens egress to every address' });
const wide = (cidr: string, reach: string, limit = V4_BLOCK, location = 'egress[0]') =>
  ({ ...base, location, property: 'to.ipBlock.cidr', value: cidr, problem: `reaches ${reach}; ${limit}` });
const together = (value: string, reach: string, limit = V4_POLICY) =>
  ({ ...base, property: 'egress', value, problem: `together reach ${reach}; ${limit}` });
const ambiguous = (value: string, reasons: string, readAs: string, canonical: string, property = 'to.ipBlock.cidr') => ({
  ...base,
  location: 'egress[0]',
  property,
  value,
  problem: `is ambiguous: it has ${reasons}; the API server reads it as ${readAs} and refuses it under strict IP validation`,
  fix: `Write "${canonical}".`,
});
const rejected = (value: string | undefined, problem: string, property = 'to.ipBlock.cidr') =>
  ({ ...base, location: 'egress[0]', property, ...(value !== undefined ? { value } : {}), problem: `${problem}, ${REJECTED}` });

const ipBlock = (cidr: string, except?: string[]) => ({ ipBlock: { cidr, ...(except ? { except } : {}) } });
const check = (...to: any[]) => EGRESS_NO_OPEN_CIDR.check(egressPolicy({ to, ports: HTTPS }));
/** `count` consecutive /16 blocks of public IPv4 from 11.0.0.0. */
const slash16s = (count: number) => Array.from({ length: count }, (_, i) => ipBlock(`${11 + Math.floor(i / 256)}.${i % 256}.0.0/16`));
/** `count` consecutive public IPv6 /32 blocks from 2400::. */
const slash32s = (count: number) => Array.from({ length: count }, (_, i) => ipBlock(`2400:${i.toString(16)}::/32`));

/** The fewest IPv4 prefixes that cover a set exactly. */
function prefixesOf(set: AddressSet): string[] {
  const out: string[] = [];
  for (const [lo0, hi] of set.intervals) {
    for (let lo = lo0; lo <= hi;) {
      let size = 1n;
      while (lo % (size * 2n) === 0n && lo + size * 2n - 1n <= hi && size < P2(32)) size *= 2n;
      out.push(`${dottedQuad(lo)}/${32 - (size.toString(2).length - 1)}`);
      lo += size;
    }
  }
  return out;
}

describe('EGRESS_NO_OPEN_CIDR', () => {
  describeRule(EGRESS_NO_OPEN_CIDR, RuleId.EGRESS_NO_OPEN_CIDR, Severity.HIGH, true);

  test('applies to NetworkPolicies only', () => {
    expect(EGRESS_NO_OPEN_CIDR.appliesTo(egressPolicy())).toBe(true);
    expect(EGRESS_NO_OPEN_CIDR.appliesTo({ kind: 'CiliumNetworkPolicy', spec: { egress: [{ toCIDR: ['0.0.0.0/0'] }] } })).toBe(false);
  });

  describe('compliant', () => {
    test('named blocks, selectors, ingress rules', () => {
      const policy = egressPolicy(
        { to: [{ ipBlock: { cidr: '140.82.112.0/20' } }, { ipBlock: { cidr: '2606:50c0::/32' } }], ports: HTTPS },
        { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ protocol: 'UDP', port: 53 }] },
        { to: [{ ipBlock: { cidr: '10.0.0.0/8' } }], ports: HTTPS },
      );
      policy.spec.ingress = [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }];
      expect(EGRESS_NO_OPEN_CIDR.check(policy)).toEqual([]);
    });

    test.each([
      ['private, shared, loopback, documentation, benchmarking, multicast and reserved IPv4 (link-local holds the metadata addresses: below)',
        ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/11', '127.0.0.0/8', '0.0.0.0/8',
          '192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '198.18.0.0/15', '192.0.0.0/24', '192.88.99.0/24', '224.0.0.0/4', '240.0.0.0/4'].map((c) => ipBlock(c))],
      ['IPv6 outside the public space: ULA, multicast, documentation, unallocated, loopback',
        ['fc00::/8', 'ff00::/8', '2001:db8::/32', '3fff::/20', '4000::/2', '::1/128', '100::/64'].map((c) => ipBlock(c))],
      ['a public IPv4 /16 and a public IPv6 /32: exactly the limit of one block', [ipBlock('8.8.0.0/16'), ipBlock('2606:50c0::/32')]],
      ['a NAT64 /112: a /16\'s worth of IPv4', [ipBlock('64:ff9b::/112')]],
      ['a wide block carved down to a /16\'s worth of public addresses', [ipBlock('8.0.0.0/15', ['8.1.0.0/16'])]],
      ['the whole internet but its public addresses and the metadata services', [ipBlock('0.0.0.0/0', [...prefixesOf(PUBLIC_IPV4), '169.254.0.0/16', '100.100.100.200/32'])]],
    ])('%s', (_, to) => {
      expect(check(...to)).toEqual([]);
    });

    test('exactly a /8\'s worth of public IPv4 in one policy: 256 /16 blocks over several rules', () => {
      const blocks = slash16s(256);
      const policy = egressPolicy({ to: blocks.slice(0, 100), ports: HTTPS }, { to: blocks.slice(100), ports: HTTPS });
      expect(EGRESS_NO_OPEN_CIDR.check(policy)).toEqual([]);
    });

    test('exactly a /24\'s worth of public IPv6 in one policy: 256 /32 blocks', () => {
      expect(check(...slash32s(256))).toEqual([]);
    });

    test('an address reached twice counts once: the same /16s directly and through NAT64', () => {
      const nat64 = Array.from({ length: 256 }, (_, i) => ipBlock(`64:ff9b::${(0x0b00 + i).toString(16)}:0/112`));
      expect(check(...slash16s(256), ...nat64)).toEqual([]);
    });
  });

  describe('open by coverage', () => {
    test('0.0.0.0/0', () => {
      expect(check(ipBlock('0.0.0.0/0'))).toEqual([open('egress[0]', '0.0.0.0/0')]);
    });

    test('::/0 next to a named block, in the second rule', () => {
      expect(EGRESS_NO_OPEN_CIDR.check(egressPolicy(
        { to: [ipBlock('10.0.0.0/8')], ports: HTTPS },
        { to: [ipBlock('10.1.0.0/16'), ipBlock('::/0')], ports: HTTPS },
      ))).toEqual([open('egress[1]', '::/0')]);
    });

    test('IPv4 and IPv6 both open, one finding each', () => {
      expect(EGRESS_NO_OPEN_CIDR.check(egressPolicy({ to: [ipBlock('0.0.0.0/0'), ipBlock('::/0')] }))).toEqual([
        open('egress[0]', '0.0.0.0/0'),
        open('egress[0]', '::/0'),
      ]);
    });

    test('an expanded IPv6 zero address', () => {
      expect(check(ipBlock('0:0:0:0:0:0:0:0/0'))).toEqual([open('egress[0]', '0:0:0:0:0:0:0:0/0')]);
    });

    test('split halves: 0.0.0.0/1 + 128.0.0.0/1', () => {
      expect(check(ipBlock('0.0.0.0/1'), ipBlock('128.0.0.0/1'))).toEqual([
        wide('0.0.0.0/1', "more than a /2's worth of public IPv4 addresses"),
        wide('128.0.0.0/1', "more than a /2's worth of public IPv4 addresses"),
      ]);
    });

    test('except-carving: /0 minus the private and metadata blocks still reaches every public address', () => {
      expect(check(ipBlock('0.0.0.0/0', ['10.0.0.0/8', '169.254.169.254/32']))).toEqual([wide('0.0.0.0/0', 'every public IPv4 address')]);
      expect(check(ipBlock('0.0.0.0/0', ['0.0.0.0/1']))).toEqual([wide('0.0.0.0/0', "more than a /2's worth of public IPv4 addresses")]);
    });

    test('one more address than a /16\'s worth', () => {
      expect(check(ipBlock('8.0.0.0/15', ['8.1.0.0/17']))).toEqual([wide('8.0.0.0/15', "more than a /16's worth of public IPv4 addresses")]);
    });

    test('a block straddling private space counts its public part', () => {
      expect(check(ipBlock('172.0.0.0/8'))).toEqual([wide('172.0.0.0/8', "more than a /9's worth of public IPv4 addresses")]);
    });

    test('many /9s, each in its own rule', () => {
      const rules = ['8.0.0.0/9', '8.128.0.0/9', '9.0.0.0/9'].map((c) => ({ to: [ipBlock(c)], ports: HTTPS }));
      expect(EGRESS_NO_OPEN_CIDR.check(egressPolicy(...rules))).toEqual([
        wide('8.0.0.0/9', "a /9's worth of public IPv4 addresses"),
        wide('8.128.0.0/9', "a /9's worth of public IPv4 addresses", V4_BLOCK, 'egress[1]'),
        wide('9.0.0.0/9', "a /9's worth of public IPv4 addresses", V4_BLOCK, 'egress[2]'),
        // each is under the policy's limit, together they are over it
        together('8.0.0.0/9, 8.128.0.0/9, 9.0.0.0/9', "more than a /8's worth of public IPv4 addresses"),
      ]);
    });

    test('many small blocks adding up: 257 /16s over two rules', () => {
      const blocks = slash16s(257);
      expect(EGRESS_NO_OPEN_CIDR.check(egressPolicy({ to: blocks.slice(0, 1), ports: HTTPS }, { to: blocks.slice(1), ports: HTTPS }))).toEqual([
        together('11.0.0.0/16, 11.1.0.0/16, 11.2.0.0/16, 11.3.0.0/16 … (257 blocks)', "more than a /8's worth of public IPv4 addresses"),
      ]);
    });

    test('IPv4-mapped IPv6: the whole IPv4 internet, written ambiguously', () => {
      expect(check(ipBlock('::ffff:0:0/96'))).toEqual([
        ambiguous('::ffff:0:0/96', 'an IPv4-mapped IPv6 address, which network plugins match as IPv4 or as IPv6', '::ffff:0.0.0.0/96', '0.0.0.0/0'),
        wide('::ffff:0:0/96', `every public IPv4 address${THROUGH}`),
      ]);
      expect(check(ipBlock('::ffff:0.0.0.0/97'))).toEqual([
        ambiguous('::ffff:0.0.0.0/97', 'an IPv4-mapped IPv6 address, which network plugins match as IPv4 or as IPv6', '::ffff:0.0.0.0/97', '0.0.0.0/1'),
        wide('::ffff:0.0.0.0/97', `more than a /2's worth of public IPv4 addresses${THROUGH}`),
      ]);
    });

    test('a block that contains the IPv4-mapped range without starting in it', () => {
      expect(check(ipBlock('::/64'))).toEqual([wide('::/64', `every public IPv4 address${THROUGH}`)]);
    });

    test('NAT64: 64:ff9b::/96 and a part of it', () => {
      expect(check(ipBlock('64:ff9b::/96'))).toEqual([wide('64:ff9b::/96', `every public IPv4 address${THROUGH}`)]);
      expect(check(ipBlock('64:ff9b::/100'))).toEqual([wide('64:ff9b::/100', `more than a /5's worth of public IPv4 addresses${THROUGH}`)]);
      expect(check(ipBlock('64:ff9b::/96', ['64:ff9b::/97']))).toEqual([wide('64:ff9b::/96', `more than a /2's worth of public IPv4 addresses${THROUGH}`)]);
    });

    test('IPv4 adding up across families: 200 /16s and 57 NAT64 /112s', () => {
      const nat64 = Array.from({ length: 57 }, (_, i) => ipBlock(`64:ff9b::${(0x0b00 + 200 + i).toString(16)}:0/112`));
      expect(check(...slash16s(200), ...nat64)).toEqual([
        together('11.0.0.0/16, 11.1.0.0/16, 11.2.0.0/16, 11.3.0.0/16 … (257 blocks)', `more than a /8's worth of public IPv4 addresses${THROUGH}`),
      ]);
    });

    test('IPv6 halves: ::/1 reaches all of IPv4 (mapped and NAT64) and all public IPv6; 8000::/1 reaches nothing public', () => {
      expect(check(ipBlock('::/1'), ipBlock('8000::/1')).map((f) => [f.value, f.problem])).toEqual([
        ['::/1', wide('::/1', `every public IPv4 address${THROUGH} and every public IPv6 address`, `${V4_BLOCK} or a /32's worth of public IPv6 addresses`).problem],
        // 8000::/1 holds fe80::/10, link-local
        ['8000::/1', 'reaches a cloud metadata address (link-local 169.254.0.0/16 or fe80::/10, and the like), which hands out the node\'s credentials'],
      ]);
    });

    test('the tunnel prefixes reach the IPv4 addresses they embed: 6to4 in bits 16 to 47, Teredo in the last 32 bits inverted', () => {
      expect(check(ipBlock('2001::/32'))).toEqual([wide('2001::/32', `every public IPv4 address${THROUGH}`)]);
      // one Teredo server and port: every client still
      expect(check(ipBlock('2001:0:4136:e378:8000:63bf::/96'))).toEqual([wide('2001:0:4136:e378:8000:63bf::/96', `every public IPv4 address${THROUGH}`)]);
      // f4000000/8 inverted is 11.0.0.0/8; f5ff0000/16 inverted is 10.0.0.0/16, private
      expect(check(ipBlock('2001:0:4136:e378:8000:63bf:f400:0/104'))).toEqual([wide('2001:0:4136:e378:8000:63bf:f400:0/104', `a /8's worth of public IPv4 addresses${THROUGH}`)]);
      expect(check(ipBlock('2001:0:4136:e378:8000:63bf:f5ff:0/112'))).toEqual([]);
      // 2002:0b00::/24 is 11.0.0.0/8 (and a /24 of IPv6); 2002:0b00::/32 is 11.0.0.0/16
      expect(check(ipBlock('2002:b00::/24'))).toEqual([wide('2002:b00::/24', `a /8's worth of public IPv4 addresses${THROUGH} and a /24's worth of public IPv6 addresses`, `${V4_BLOCK} or a /32's worth of public IPv6 addresses`)]);
      expect(check(ipBlock('2002:b00::/32'))).toEqual([]);
      // 200 IPv4 /16s and 57 6to4 /32s (11.200.0.0/16 and on) add up in IPv4; 57 /32s of IPv6 do not
      const sixToFour = Array.from({ length: 57 }, (_, i) => ipBlock(`2002:${(0x0b00 + 200 + i).toString(16)}::/32`));
      expect(check(...slash16s(200), ...sixToFour)).toEqual([
        together('11.0.0.0/16, 11.1.0.0/16, 11.2.0.0/16, 11.3.0.0/16 … (257 blocks)', `more than a /8's worth of public IPv4 addresses${THROUGH}`),
      ]);
      // a tunnel reaches only a host that unwraps it, which a metadata service does not: 169.254.169.254 through Teredo and 6to4
      expect(check(ipBlock('2001:0:4136:e378:8000:63bf:5601:5601/128'), ipBlock('2002:a9fe:a9fe::/48'))).toEqual([]);
    });

    test('public IPv6: the global unicast space, a /29, 257 /32s', () => {
      // 2000::/3 holds the 6to4 and Teredo prefixes, which reach every IPv4 address
      expect(check(ipBlock('2000::/3'))).toEqual([wide('2000::/3', `every public IPv4 address${THROUGH} and every public IPv6 address`, `${V4_BLOCK} or a /32's worth of public IPv6 addresses`)]);
      expect(check(ipBlock('2400::/6'))).toEqual([wide('2400::/6', "a /6's worth of public IPv6 addresses", V6_BLOCK)]);
      expect(check(ipBlock('2a0a:a440::/29'))).toEqual([wide('2a0a:a440::/29', "a /29's worth of public IPv6 addresses", V6_BLOCK)]);
      expect(check(...slash32s(257))).toEqual([
        together('2400:0::/32, 2400:1::/32, 2400:2::/32, 2400:3::/32 … (257 blocks)', "more than a /24's worth of public IPv6 addresses", V6_POLICY),
      ]);
    });
  });

  describe('CIDRs read as the API server reads them', () => {
    test.each([
      'not-a-cidr', '10.0.0.0', '10.0.0.0/33', '10.0.0.300/8', '10.1/16', '::/129', 'fe80::1%eth0/64', '1:2:3:4:5:6:7:8:9/64',
      ' 10.0.0.0/8', '10.0.0.0/+8', '0x0a.0.0.0/8', '10.0.0.0/8/8', '1::2::3/64', ':1::/64', '::1:/64', '::/0x10', '2001:db8:::/48', '::fffff/128',
    ])('%j is refused', (cidr) => {
      expect(check(ipBlock(cidr))).toEqual([rejected(cidr, 'is not a CIDR block')]);
    });

    test('a missing cidr is refused', () => {
      expect(check({ ipBlock: {} })).toEqual([rejected(undefined, 'is missing')]);
      expect(check({ ipBlock: { cidr: '' } })).toEqual([rejected(undefined, 'is missing')]);
      expect(check({ ipBlock: { cidr: 10 } })).toEqual([rejected('10', 'is not a CIDR block')]);
    });

    test('leading zeros in an octet: read as decimal, reported; a misread /8 is still counted', () => {
      const octal = 'an IPv4 octet with a leading zero, which libc-based software reads as octal';
      expect(check(ipBlock('010.0.0.0/8'))).toEqual([ambiguous('010.0.0.0/8', octal, '10.0.0.0/8', '10.0.0.0/8')]);
      expect(check(ipBlock('008.0.0.0/8'))).toEqual([
        ambiguous('008.0.0.0/8', octal, '8.0.0.0/8', '8.0.0.0/8'),
        wide('008.0.0.0/8', "a /8's worth of public IPv4 addresses"),
      ]);
    });

    test('a long IPv6 group, a zero-padded prefix length, host bits, several at once', () => {
      expect(check(ipBlock('2606:050c0::/32'))).toEqual([ambiguous('2606:050c0::/32', 'an IPv6 group of more than 4 digits', '2606:50c0::/32', '2606:50c0::/32')]);
      expect(check(ipBlock('140.82.112.0/020'))).toEqual([ambiguous('140.82.112.0/020', 'a prefix length with a leading zero', '140.82.112.0/20', '140.82.112.0/20')]);
      expect(check(ipBlock('140.82.112.1/20'))).toEqual([ambiguous('140.82.112.1/20', 'bits set beyond the prefix length', '140.82.112.0/20', '140.82.112.0/20')]);
      expect(check(ipBlock('010.1.0.0/08'))).toEqual([ambiguous('010.1.0.0/08',
        'an IPv4 octet with a leading zero, which libc-based software reads as octal, and a prefix length with a leading zero, and bits set beyond the prefix length',
        '10.0.0.0/8', '10.0.0.0/8')]);
    });

    test('/0 written from another base address, or with a zero-padded prefix', () => {
      expect(check(ipBlock('10.0.0.0/0'))).toEqual([
        ambiguous('10.0.0.0/0', 'bits set beyond the prefix length', '0.0.0.0/0', '0.0.0.0/0'),
        open('egress[0]', '10.0.0.0/0'),
      ]);
      expect(check(ipBlock('0.0.0.0/00'))).toEqual([
        ambiguous('0.0.0.0/00', 'a prefix length with a leading zero', '0.0.0.0/0', '0.0.0.0/0'),
        open('egress[0]', '0.0.0.0/00'),
      ]);
    });

    test('a narrow IPv4-mapped block, in dotted and in hex form', () => {
      const mapped = 'an IPv4-mapped IPv6 address, which network plugins match as IPv4 or as IPv6';
      expect(check(ipBlock('::ffff:140.82.112.0/116'))).toEqual([ambiguous('::ffff:140.82.112.0/116', mapped, '::ffff:140.82.112.0/116', '140.82.112.0/20')]);
      expect(check(ipBlock('::ffff:8c52:7000/116'))).toEqual([ambiguous('::ffff:8c52:7000/116', mapped, '::ffff:140.82.112.0/116', '140.82.112.0/20')]);
    });

    test('except entries the API server refuses: outside, equal, wider, another family, not a CIDR', () => {
      expect(check(ipBlock('10.0.0.0/8', ['11.0.0.0/16', '10.0.0.0/8', '10.0.0.0/7', '2001:db8::/32', 'nope', '10.1.0.0/16']))).toEqual([
        rejected('11.0.0.0/16', 'is not a strict subset of 10.0.0.0/8', 'to.ipBlock.except'),
        rejected('10.0.0.0/8', 'is not a strict subset of 10.0.0.0/8', 'to.ipBlock.except'),
        rejected('10.0.0.0/7', 'is not a strict subset of 10.0.0.0/8', 'to.ipBlock.except'),
        rejected('2001:db8::/32', 'is not a strict subset of 10.0.0.0/8', 'to.ipBlock.except'),
        rejected('nope', 'is not a CIDR block', 'to.ipBlock.except'),
      ]);
    });

    test('to and except that are not lists, and a rule that is not an object, are refused, not read as empty', () => {
      expect(EGRESS_NO_OPEN_CIDR.check(egressPolicy({ to: ipBlock('0.0.0.0/0'), ports: HTTPS }))).toEqual([
        { ...base, location: 'egress[0]', property: 'to', value: '{"ipBlock":{"cidr":"0.0.0.0/0"}}', problem: `is not a list, ${REJECTED}` },
      ]);
      expect(check({ ipBlock: { cidr: '8.0.0.0/16', except: '8.0.0.0/24' } })).toEqual([rejected('"8.0.0.0/24"', 'is not a list', 'to.ipBlock.except')]);
      expect(EGRESS_NO_OPEN_CIDR.check(egressPolicy(42))).toEqual([{ ...base, property: 'egress[0]', value: '42', problem: `is not an egress rule, ${REJECTED}` }]);
    });

    test('an except the API server refuses narrows nothing', () => {
      expect(check(ipBlock('0.0.0.0/0', ['nope']))).toEqual([
        rejected('nope', 'is not a CIDR block', 'to.ipBlock.except'),
        wide('0.0.0.0/0', 'every public IPv4 address'),
      ]);
    });

    test('an IPv4-mapped except under an IPv6 block that is not IPv4-mapped is refused by the API server (Go compares it as IPv4)', () => {
      expect(check(ipBlock('::/64', ['::ffff:10.0.0.0/104']))).toEqual([
        ambiguous('::ffff:10.0.0.0/104', 'an IPv4-mapped IPv6 address, which network plugins match as IPv4 or as IPv6', '::ffff:10.0.0.0/104', '10.0.0.0/8', 'to.ipBlock.except'),
        rejected('::ffff:10.0.0.0/104', 'is not a strict subset of ::/64', 'to.ipBlock.except'),
        wide('::/64', `every public IPv4 address${THROUGH}`),
      ]);
    });

    test('an IPv4-mapped except under an IPv4 block is accepted by the API server, reported, and narrows nothing', () => {
      expect(check(ipBlock('8.0.0.0/15', ['::ffff:8.1.0.0/112']))).toEqual([
        ambiguous('::ffff:8.1.0.0/112', 'an IPv4-mapped IPv6 address, which network plugins match as IPv4 or as IPv6', '::ffff:8.1.0.0/112', '8.1.0.0/16', 'to.ipBlock.except'),
        wide('8.0.0.0/15', "a /15's worth of public IPv4 addresses"),
      ]);
    });
  });
});

describe('CIDR reading and address arithmetic (private/cidr)', () => {
  test.each([
    // [text, family, network, prefix, ambiguities] as Go's ParseCIDRSloppy and KEP-4858's strict checks read them
    ['192.168.1.0/24', 4, '192.168.1.0/24', []],
    ['192.168.1.7/24', 4, '192.168.1.0/24', ['host-bits']],
    ['0192.168.01.0/24', 4, '192.168.1.0/24', ['octet-leading-zero']],
    ['10.0.0.0/008', 4, '10.0.0.0/8', ['prefix-leading-zero']],
    ['2001:DB8::/32', 6, '2001:db8::/32', []],
    ['2001:0db8:0000:0000:0000:0000:0000:0000/32', 6, '2001:db8::/32', []],
    ['2001:00db8::/32', 6, '2001:db8::/32', ['group-leading-zero']],
    ['::ffff:1.2.3.4/128', 6, '::ffff:1.2.3.4/128', ['ipv4-mapped']],
    ['::ffff:1.2.3.4/64', 6, '::/64', ['ipv4-mapped', 'host-bits']],
    ['64:ff9b::1.2.3.0/120', 6, '64:ff9b::102:300/120', []],
    ['::1.2.3.4/128', 6, '::102:304/128', []],
    ['1::1.2.3.4/128', 6, '1::102:304/128', []],
    ['::ffff:01.2.3.4/128', 6, '::ffff:1.2.3.4/128', ['octet-leading-zero', 'ipv4-mapped']],
    ['::/0', 6, '::/0', []],
    ['1:2:3:4:5:6:7::/112', 6, '1:2:3:4:5:6:7:0/112', []],
    ['::2:3:4:5:6:7:8/128', 6, '0:2:3:4:5:6:7:8/128', []],
  ])('%s', (text, family, canonical, ambiguities) => {
    const c = parseCidr(text)!;
    expect([c.family, formatCidr(c), c.ambiguities]).toEqual([family, canonical, ambiguities]);
  });

  test.each(['1.2.3.4', '1.2.3/24', '1.2.3.4.5/32', '1.2.3.256/32', '::1.2.3/128', '1:2:3:4:5:6:7:8::/128', '1:2:3:4:5:6:1.2.3.4:5/128', '1:2:3:4:5:6:7:1.2.3.4/128'])('%s is refused', (text) => {
    expect(parseCidr(text)).toBeUndefined();
  });

  test('RFC 5952 text: the longest run of zero groups, the first of equal runs, never a single group', () => {
    const v = (text: string) => parseCidr(`${text}/128`)!.network;
    expect(formatIpv6(v('2001:db8:0:0:1:0:0:1'))).toBe('2001:db8::1:0:0:1');
    expect(formatIpv6(v('2001:0:0:1:0:0:0:1'))).toBe('2001:0:0:1::1');
    expect(formatIpv6(v('2001:db8:0:1:1:1:1:1'))).toBe('2001:db8:0:1:1:1:1:1');
    expect(formatIpv6(v('0:0:0:0:0:0:0:0'))).toBe('::');
    expect(formatIpv6(v('0:0:0:0:0:0:0:1'))).toBe('::1');
    expect(formatIpv6(v('1:0:0:0:0:0:0:0'))).toBe('1::');
  });

  test('strict subsets as Go\'s IPNet.Contains decides them: IPv4-mapped compares as IPv4', () => {
    const sub = (a: string, b: string) => isStrictSubset(parseCidr(a)!, parseCidr(b)!);
    expect(sub('10.0.0.0/8', '10.1.0.0/16')).toBe(true);
    expect(sub('10.0.0.0/8', '10.0.0.0/8')).toBe(false);
    expect(sub('10.0.0.0/8', '11.0.0.0/16')).toBe(false);
    expect(sub('10.0.0.0/8', '::ffff:10.1.0.0/112')).toBe(true);
    expect(sub('::ffff:0:0/96', '10.0.0.0/8')).toBe(false);
    expect(sub('::ffff:0:0/96', '::ffff:10.0.0.0/104')).toBe(true);
    expect(sub('2001:db8::/32', '2001:db8:1::/48')).toBe(true);
    expect(sub('2001:db8::/32', '10.0.0.0/8')).toBe(false);
  });

  test('the public IPv4 space is every address but the documented special-purpose blocks', () => {
    // 2^32 minus 3 /8s, a /10, two /16s, a /12, five /24s, a /15 and two /4s
    expect(PUBLIC_IPV4.size()).toBe(4294967296n - 592708864n);
    expect(PUBLIC_IPV6.size()).toBe(P2(125) - P2(96) - P2(108));
  });

  test('IPv4 reached through IPv6: mapped and NAT64, nothing else', () => {
    const set = (...cs: string[]) => AddressSet.blocks(cs.map((c) => parseCidr(c)!));
    expect(ipv4Through(set('::ffff:10.0.0.0/104', '64:ff9b::8.8.8.0/120', '2001:db8::/32', '::/96')).intervals).toEqual(set('10.0.0.0/8', '8.8.8.0/24').intervals);
  });

  test('set operations agree with sets of numbers on a small space (property)', () => {
    const small = fc.integer({ min: 0, max: 63 });
    const intervals = fc.array(fc.tuple(small, small).map(([a, b]) => [BigInt(Math.min(a, b)), BigInt(Math.max(a, b))] as const), { maxLength: 6 });
    const numbers = (is: ReadonlyArray<readonly [bigint, bigint]>) =>
      new Set(is.flatMap(([lo, hi]) => Array.from({ length: Number(hi - lo + 1n) }, (_, i) => Number(lo) + i)));
    const members = (s: AddressSet) => numbers(s.intervals);
    fc.assert(fc.property(intervals, intervals, (a, b) => {
      const sa = AddressSet.of(a);
      const sb = AddressSet.of(b);
      const na = numbers(a);
      const nb = numbers(b);
      const sorted = (s: Set<number>) => [...s].sort((x, y) => x - y);
      expect(sorted(members(sa.union(sb)))).toEqual(sorted(new Set([...na, ...nb])));
      expect(sorted(members(sa.minus(sb)))).toEqual(sorted(new Set([...na].filter((x) => !nb.has(x)))));
      expect(sorted(members(sa.intersect(sb)))).toEqual(sorted(new Set([...na].filter((x) => nb.has(x)))));
      expect(sa.size()).toBe(BigInt(na.size));
      // normalized: sorted, disjoint, not adjacent
      for (let i = 1; i < sa.intervals.length; i++) expect(sa.intervals[i][0] > sa.intervals[i - 1][1] + 1n).toBe(true);
    }), { ...RUNS, numRuns: 300 });
  });

  test('IPv4 text with any zero padding reads as the decimal value, and is reported (property)', () => {
    const octet = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 3 }));
    fc.assert(fc.property(fc.array(octet, { minLength: 4, maxLength: 4 }), fc.integer({ min: 0, max: 32 }), (octets, prefix) => {
      const text = `${octets.map(([v, pad]) => '0'.repeat(pad) + String(v)).join('.')}/${prefix}`;
      const value = octets.reduce((acc, [v]) => acc * 256n + BigInt(v), 0n);
      const c = parseCidr(text)!;
      const network = clearLow(value, 32 - prefix);
      expect([c.family, c.prefix, c.network]).toEqual([4, prefix, network]);
      const padded = octets.some(([v, pad]) => pad > 0 && String(v).length + pad > 1);
      expect(c.ambiguities.includes('octet-leading-zero')).toBe(padded);
      expect(c.ambiguities.includes('host-bits')).toBe(network !== value);
    }), { ...RUNS, numRuns: 300 });
  });
});

/**
 * The reference: which public addresses a set of blocks reaches, computed
 * independently of private/cidr by walking the binary trie of the address space
 * down to the nodes that every block, except and special-purpose block either
 * contains or misses. Blocks are generated as numbers and written out in full.
 */
describe('verdicts agree with a reference computation on prefixes (property)', () => {
  interface P { readonly net: bigint; readonly len: number }
  interface Block { readonly cidr: P; readonly excepts: readonly P[] }
  interface Space { readonly bits: number; readonly positive: readonly P[]; readonly negative: readonly P[] }

  const p = (net: bigint, len: number): P => ({ net, len });
  const v4 = (a: number, b: number, c: number, d: number, len: number) => p(BigInt(a * 2 ** 24 + b * 2 ** 16 + c * 2 ** 8 + d), len);
  const SPACE4: Space = {
    bits: 32,
    positive: [],
    negative: [v4(0, 0, 0, 0, 8), v4(10, 0, 0, 0, 8), v4(100, 64, 0, 0, 10), v4(127, 0, 0, 0, 8), v4(169, 254, 0, 0, 16), v4(172, 16, 0, 0, 12),
      v4(192, 0, 0, 0, 24), v4(192, 0, 2, 0, 24), v4(192, 88, 99, 0, 24), v4(192, 168, 0, 0, 16), v4(198, 18, 0, 0, 15), v4(198, 51, 100, 0, 24),
      v4(203, 0, 113, 0, 24), v4(224, 0, 0, 0, 4), v4(240, 0, 0, 0, 4)],
  };
  const g6 = (...groups: number[]) => groups.reduce((acc, g) => acc * 65536n + BigInt(g), 0n) * P2(16 * (8 - groups.length));
  const SPACE6: Space = { bits: 128, positive: [p(g6(0x2000), 3)], negative: [p(g6(0x2001, 0xdb8), 32), p(g6(0x3fff), 20)] };
  const MAPPED = p(0xffffn * P2(32), 96);
  const NAT64 = p(g6(0x64, 0xff9b), 96);

  const isMappedNet = (q: P) => q.net / P2(32) === 0xffffn;
  const inside = (node: P, q: P, bits: number) => node.len >= q.len && node.net / P2(bits - q.len) === q.net / P2(bits - q.len);
  const strictlyBelow = (q: P, node: P, bits: number) => q.len > node.len && inside(q, node, bits);

  /** Public addresses reached by the union of `blocks`. */
  function reached(blocks: readonly Block[], space: Space): bigint {
    const all = [...blocks.flatMap((b) => [b.cidr, ...b.excepts]), ...space.positive, ...space.negative];
    const meets = (node: P, q: P) => inside(node, q, space.bits) || inside(q, node, space.bits);
    // `near`: the prefixes that meet `node` (the others cannot split it)
    const walk = (node: P, near: readonly P[]): bigint => {
      if (near.some((q) => strictlyBelow(q, node, space.bits))) {
        const half = P2(space.bits - node.len - 1);
        const children = [p(node.net, node.len + 1), p(node.net + half, node.len + 1)];
        return children.reduce((n, child) => n + walk(child, near.filter((q) => meets(child, q))), 0n);
      }
      const allowed = blocks.some((b) => inside(node, b.cidr, space.bits) && !b.excepts.some((e) => inside(node, e, space.bits)));
      const isPublic = (space.positive.length === 0 || space.positive.some((q) => inside(node, q, space.bits)))
        && !space.negative.some((q) => inside(node, q, space.bits));
      return allowed && isPublic ? P2(space.bits - node.len) : 0n;
    };
    return walk(p(0n, 0), all);
  }

  /** The IPv4 blocks an IPv6 block reaches through a translation prefix. */
  function translated(b: Block): Block[] {
    const out: Block[] = [];
    for (const t of [MAPPED, NAT64]) {
      const toV4 = (q: P): P | undefined => {
        if (inside(t, q, 128)) return p(0n, 0);
        if (inside(q, t, 128)) return p(q.net - t.net, q.len - 96);
        return undefined;
      };
      const cidr = toV4(b.cidr);
      if (cidr) out.push({ cidr, excepts: b.excepts.map(toV4).filter((e): e is P => e !== undefined) });
    }
    return out;
  }

  const SIX_TO_FOUR = p(g6(0x2002), 16);
  const TEREDO = p(g6(0x2001), 32);
  /** The IPv4 blocks an IPv6 block reaches through 6to4 (bits 16 to 47): an except longer than a /48 leaves its IPv4 address reached. */
  function tunnelled(b: Block): Block[] {
    const toV4 = (q: P, isExcept: boolean): P | undefined => {
      if (inside(SIX_TO_FOUR, q, 128)) return p(0n, 0);
      if (!inside(q, SIX_TO_FOUR, 128) || (isExcept && q.len > 48)) return undefined;
      return p((q.net - SIX_TO_FOUR.net) / P2(80), Math.min(q.len - 16, 32));
    };
    const cidr = toV4(b.cidr, false);
    return cidr ? [{ cidr, excepts: b.excepts.map((e) => toV4(e, true)).filter((e): e is P => e !== undefined) }] : [];
  }
  /** Teredo's inverted last 32 bits are not a prefix mapping: its blocks are tested by example. */
  const meetsTeredo = (b: Block) => inside(b.cidr, TEREDO, 128) || inside(TEREDO, b.cidr, 128);

  const hex = (n: bigint) => Array.from({ length: 8 }, (_, i) => ((n / P2(16 * (7 - i))) % 65536n).toString(16)).join(':');
  const dotted = dottedQuad;

  /** A prefix of `bits` with its network drawn near interesting places of the space. */
  const anyAddress = (bits: number) => fc.bigInt({ min: 0n, max: P2(bits) - 1n });
  const prefix = (bits: number, bases: readonly P[], lens = { min: 0, max: bits }) =>
    fc.tuple(fc.constantFrom(...bases), fc.integer(lens), anyAddress(bits))
      .map(([b, len, r]) => {
        const l = Math.max(len, b.len);
        const net = clearLow(b.net, bits - b.len) + (r % P2(bits - b.len));
        return p(clearLow(net, bits - l), l);
      });
  const block = (bits: number, bases: readonly P[], lens?: { min: number; max: number }) => prefix(bits, bases, lens).chain((cidr) =>
    fc.array(fc.tuple(fc.integer({ min: 1, max: 24 }), anyAddress(bits)), { maxLength: 3 }).map((es) => ({
      cidr,
      excepts: es.filter(([extra]) => cidr.len + extra <= bits).map(([extra, r]) => {
        const len = cidr.len + extra;
        return p(cidr.net + clearLow(r % P2(bits - cidr.len), bits - len), len);
      }),
    })));
  const BASES4 = [p(0n, 0), v4(8, 0, 0, 0, 6), v4(100, 0, 0, 0, 8), v4(172, 0, 0, 0, 8), v4(192, 0, 0, 0, 8), v4(224, 0, 0, 0, 3)];
  const BASES6 = [p(0n, 0), p(0n, 64), MAPPED, NAT64, SIX_TO_FOUR, p(g6(0x2000), 3), p(g6(0x2001, 0xdb8), 28), p(g6(0xfc00), 7)];
  const blocks = fc.array(fc.oneof(
    block(32, BASES4).map((b) => ({ family: 4 as const, ...b })),
    // the API server refuses an IPv4-mapped except under a block that is not IPv4-mapped (tested above): none here
    block(128, BASES6).filter((b) => !meetsTeredo(b))
      .map((b) => ({ family: 6 as const, cidr: b.cidr, excepts: b.excepts.filter((e) => !isMappedNet(e) || isMappedNet(b.cidr)) })),
  ), { minLength: 1, maxLength: 8 });

  const worthOf = (count: bigint, bits: number) => {
    const log = count.toString(2).length - 1;
    return `${count === P2(log) ? 'a' : 'more than a'} /${bits - log}'s worth`;
  };
  const TOTAL = { 4: reached([{ cidr: p(0n, 0), excepts: [] }], SPACE4), 6: reached([{ cidr: p(0n, 0), excepts: [] }], SPACE6) };
  // the cloud metadata addresses, written for this test: link-local, Azure's WireServer, Alibaba's, AWS's, EKS Pod Identity's and GCP's IPv6 endpoints
  const META4: Space = { bits: 32, positive: [v4(169, 254, 0, 0, 16), v4(168, 63, 129, 16, 32), v4(100, 100, 100, 200, 32)], negative: [] };
  const META6: Space = {
    bits: 128,
    positive: [p(g6(0xfe80), 10), p(g6(0xfd00, 0xec2) + 0x254n, 128), p(g6(0xfd00, 0xec2) + 0x23n, 128), p(g6(0xfd20, 0xce) + 0x254n, 128)],
    negative: [],
  };
  const metadata = (b: Block & { family: 4 | 6 }) => (b.family === 4 ? reached([b], META4) > 0n
    : reached([b], META6) > 0n || reached(translated(b), META4) > 0n);
  const METADATA = 'reaches a cloud metadata address (link-local 169.254.0.0/16 or fe80::/10, and the like), which hands out the node\'s credentials';
  const amount = (n: bigint, f: 4 | 6) => (n === TOTAL[f] ? `every public IPv${f} address` : `${worthOf(n, f === 4 ? 32 : 128)} of public IPv${f} addresses`);
  const BLOCK_LIMIT = { 4: P2(16), 6: P2(96) };
  const POLICY_LIMIT = { 4: P2(24), 6: P2(104) };

  /** Many medium blocks: the policy's limit is reached by adding up. */
  const mediumBlocks = fc.array(fc.oneof(
    block(32, [v4(8, 0, 0, 0, 6), v4(100, 0, 0, 0, 8)], { min: 9, max: 14 }).map((b) => ({ family: 4 as const, ...b })),
    block(128, [NAT64], { min: 105, max: 110 }).map((b) => ({ family: 6 as const, ...b })),
    block(128, [p(g6(0x2000), 3)], { min: 25, max: 30 }).filter((b) => !meetsTeredo(b)).map((b) => ({ family: 6 as const, ...b })),
  ), { minLength: 2, maxLength: 24 });

  test.each([
    ['random ipBlocks (with excepts, IPv4, IPv6, mapped, NAT64 and 6to4)', blocks, 150],
    ['many medium blocks adding up', mediumBlocks, 60],
  ] as const)('%s: the same findings as the reference', (_, arbitrary, numRuns) => {
    fc.assert(fc.property(arbitrary as fc.Arbitrary<Array<Block & { family: 4 | 6 }>>, (bs) => {
      const texts = bs.map((b) => (b.family === 4
        ? { cidr: `${dotted(b.cidr.net)}/${b.cidr.len}`, except: b.excepts.map((e) => `${dotted(e.net)}/${e.len}`) }
        : { cidr: `${hex(b.cidr.net)}/${b.cidr.len}`, except: b.excepts.map((e) => `${hex(e.net)}/${e.len}`) }));
      const to = texts.map((t) => ({ ipBlock: { cidr: t.cidr, ...(t.except.length ? { except: t.except } : {}) } }));
      const policy = egressPolicy({ to, ports: HTTPS });

      const reach = bs.map((b) => ({
        4: b.family === 4 ? reached([b], SPACE4) : reached([...translated(b), ...tunnelled(b)], SPACE4),
        6: b.family === 6 ? reached([b], SPACE6) : 0n,
        through: b.family === 6,
      }));
      const expected: any[] = [];
      bs.forEach((b, i) => {
        const over = ([4, 6] as const).filter((f) => reach[i][f] > BLOCK_LIMIT[f]);
        if (over.length === 0) {
          if (metadata(b)) expected.push({ value: texts[i].cidr, problem: METADATA });
          return;
        }
        const text = over.map((f) => `${amount(reach[i][f], f)}${f === 4 && reach[i].through ? THROUGH : ''}`).join(' and ');
        const limit = over.map((f) => `a /${f === 4 ? 16 : 32}'s worth of public IPv${f} addresses`).join(' or ');
        expected.push({ value: texts[i].cidr, problem: b.cidr.len === 0 && b.excepts.length === 0 ? 'opens egress to every address' : `reaches ${text}; one block may reach at most ${limit}` });
      });
      for (const f of [4, 6] as const) {
        if (reach.some((r) => r[f] > POLICY_LIMIT[f])) continue;
        const v4Blocks = bs.flatMap((b) => (b.family === 4 ? [b] : [...translated(b), ...tunnelled(b)]));
        const union = f === 4 ? reached(v4Blocks, SPACE4) : reached(bs.filter((b) => b.family === 6), SPACE6);
        if (union <= POLICY_LIMIT[f]) continue;
        const contributing = bs.map((_b, i) => i).filter((i) => reach[i][f] > 0n);
        const through = f === 4 && contributing.some((i) => reach[i].through) ? THROUGH : '';
        const shown = contributing.slice(0, 4).map((i) => texts[i].cidr).join(', ');
        expected.push({
          value: contributing.length > 4 ? `${shown} … (${contributing.length} blocks)` : shown,
          problem: `together reach ${amount(union, f)}${through}; one NetworkPolicy may reach at most a /${f === 4 ? 8 : 24}'s worth of public IPv${f} addresses`,
        });
      }
      const found = EGRESS_NO_OPEN_CIDR.check(policy);
      // mapped blocks and excepts are written ambiguously: one finding each, and nothing else is
      const mapped = bs.flatMap((b) => (b.family === 6 ? [b.cidr, ...b.excepts] : [])).filter(isMappedNet).length;
      expect(found.filter((f) => f.problem.startsWith('is ambiguous'))).toHaveLength(mapped);
      expect(found.filter((f) => !f.problem.startsWith('is ambiguous')).map((f) => ({ value: f.value, problem: f.problem }))).toEqual(expected);
    }), { ...RUNS, numRuns });
  });
});

describe('EGRESS_NO_OPEN_CIDR: rules without a destination, policyTypes, other kinds, policies that add up', () => {
  /** A policy in `ci` named `name`, selecting `labels`, with these egress rules. */
  const policyOf = (name: string, labels: Record<string, string> | undefined, ...egress: any[]) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace: 'ci' },
    spec: { podSelector: labels ? { matchLabels: labels } : {}, policyTypes: ['Egress'], egress },
  });
  const inContext = (p: any, ...all: any[]) => EGRESS_NO_OPEN_CIDR.check(p, ruleContext(all));
  /** 200 public /16s from first.0.0.0 on (less than a /8's worth). */
  const blocks = (first: number) => Array.from({ length: 200 }, (_, i) => ipBlock(`${first}.${i}.0.0/16`));
  const addUp = (others: string, reach: string) => ({
    ...base,
    name: 'a',
    property: 'egress',
    value: others,
    problem: `add up with this policy's blocks, as it may select the same pods (policies are additive): together they reach ${reach}; `
      + "the policies that select one pod may reach at most a /8's worth of public IPv4 addresses together",
    fix: 'Allow only the blocks the pods need: an allowance of one task (PipelineTask.allowEgressTo) adds to what the pipeline-wide policy allows its pods.',
  });

  test('a rule without to (or with an empty one) opens egress to every address, whatever its ports', () => {
    const every = (location: string) => ({ ...base, location, property: 'to', problem: 'is empty, so the rule opens egress to every address (and every pod)' });
    expect(EGRESS_NO_OPEN_CIDR.check(egressPolicy({ ports: HTTPS }))).toEqual([every('egress[0]')]);
    expect(EGRESS_NO_OPEN_CIDR.check(egressPolicy({ to: [ipBlock('140.82.112.0/20')], ports: HTTPS }, { to: [], ports: [{ protocol: 'UDP', port: 53 }] }, {}))).toEqual([
      every('egress[1]'), every('egress[2]'),
    ]);
  });

  test('the egress rules of a policy that does not isolate egress are ignored, as Kubernetes ignores them', () => {
    const ingressOnly = { ...egressPolicy({ to: [ipBlock('0.0.0.0/0')] }, {}) };
    ingressOnly.spec = { ...ingressOnly.spec, policyTypes: ['Ingress'] };
    expect(EGRESS_NO_OPEN_CIDR.check(ingressOnly)).toEqual([]);
    // policyTypes left out: egress rules make it isolate egress
    const defaulted = egressPolicy({ to: [ipBlock('0.0.0.0/0')] });
    delete defaulted.spec.policyTypes;
    expect(EGRESS_NO_OPEN_CIDR.check(defaulted)).toEqual([open('egress[0]', '0.0.0.0/0')]);
  });

  test('applies to Kubernetes NetworkPolicies only, not to a network plugin\'s of the same kind', () => {
    expect(EGRESS_NO_OPEN_CIDR.appliesTo(egressPolicy())).toBe(true);
    expect(EGRESS_NO_OPEN_CIDR.appliesTo({ ...egressPolicy(), apiVersion: 'projectcalico.org/v3' })).toBe(false);
    expect(EGRESS_NO_OPEN_CIDR.appliesTo({ ...egressPolicy(), apiVersion: 'crd.projectcalico.org/v1' })).toBe(false);
  });

  test('policies that may select one pod add up: each is within the limit, together they are not', () => {
    const a = policyOf('a', undefined, { to: blocks(11), ports: HTTPS });
    const b = policyOf('b', undefined, { to: blocks(21), ports: HTTPS });
    expect(EGRESS_NO_OPEN_CIDR.check(a)).toEqual([]);
    expect(inContext(a, a, b)).toEqual([addUp('NetworkPolicy/ci/b', "more than a /8's worth of public IPv4 addresses")]);
    // a policy without a namespace may be applied to ci; a podSelector with labels may select pods of one without
    const c = { ...policyOf('c', { app: 'x' }, { to: blocks(21), ports: HTTPS }), metadata: { name: 'c' } };
    expect(inContext(a, a, c)).toEqual([addUp('NetworkPolicy/c', "more than a /8's worth of public IPv4 addresses")]);
  });

  test('policies that cannot select one pod do not add up: other namespaces, selectors that exclude each other, no egress isolation', () => {
    const a = policyOf('a', { 'tekton.dev/pipelineTask': 'clone' }, { to: blocks(11), ports: HTTPS });
    const other = { ...policyOf('b', undefined, { to: blocks(21), ports: HTTPS }), metadata: { name: 'b', namespace: 'other' } };
    const excluded = policyOf('c', { 'tekton.dev/pipelineTask': 'push' }, { to: blocks(21), ports: HTTPS });
    const notIn = policyOf('d', undefined, { to: blocks(21), ports: HTTPS });
    notIn.spec.podSelector = { matchExpressions: [{ key: 'tekton.dev/pipelineTask', operator: 'NotIn', values: ['clone'] }] } as any;
    const absent = policyOf('e', undefined, { to: blocks(21), ports: HTTPS });
    absent.spec.podSelector = { matchExpressions: [{ key: 'tekton.dev/pipelineTask', operator: 'DoesNotExist' }] } as any;
    const ingressOnly = policyOf('f', undefined, { to: blocks(21), ports: HTTPS });
    ingressOnly.spec.policyTypes = ['Ingress'];
    expect(inContext(a, a, other, excluded, notIn, absent, ingressOnly)).toEqual([]);
    // an Exists, or a different key, may select the same pod
    const exists = policyOf('g', undefined, { to: blocks(21), ports: HTTPS });
    exists.spec.podSelector = { matchExpressions: [{ key: 'tekton.dev/pipelineTask', operator: 'Exists' }] } as any;
    expect(inContext(a, a, exists)).toHaveLength(1);
    expect(inContext(a, a, policyOf('h', { 'tekton.dev/pipeline': 'p' }, { to: blocks(21), ports: HTTPS }))).toHaveLength(1);
  });

  test('a podSelector the API server refuses may select any pod: its blocks add up (it pins another value, but its In has no values)', () => {
    const a = policyOf('a', { 'tekton.dev/pipelineTask': 'clone' }, { to: blocks(11), ports: HTTPS });
    const refused = policyOf('r', { 'tekton.dev/pipelineTask': 'push' }, { to: blocks(21), ports: HTTPS });
    refused.spec.podSelector = { ...refused.spec.podSelector, matchExpressions: [{ key: 'tier', operator: 'In', values: [] }] } as any;
    expect(inContext(a, a, refused)).toEqual([addUp('NetworkPolicy/ci/r', "more than a /8's worth of public IPv4 addresses")]);
  });

  test('a policy over a limit by itself is reported by itself, not added to the others (its relaxation covers it)', () => {
    const a = policyOf('a', undefined, { to: blocks(11), ports: HTTPS });
    const wideOne = policyOf('cdn', undefined, { to: [ipBlock('0.0.0.0/0')], ports: HTTPS });
    const everyDestination = policyOf('any', undefined, { ports: HTTPS });
    expect(inContext(a, a, wideOne, everyDestination)).toEqual([]);
    expect(inContext(wideOne, a, wideOne)).toEqual([{ ...open('egress[0]', '0.0.0.0/0'), name: 'cdn' }]);
  });
});

describe('EGRESS_NO_OPEN_CIDR: cloud metadata addresses, which hand out the node\'s credentials', () => {
  const METADATA = 'reaches a cloud metadata address (link-local 169.254.0.0/16 or fe80::/10, and the like), which hands out the node\'s credentials';
  test.each(['169.254.169.254/32', '169.254.170.2/32', '169.254.0.0/16', '168.63.129.16/32', '100.100.100.200/32', '100.64.0.0/10', 'fe80::/10',
    'fd00:ec2::254/128', 'fd00:ec2::23/128', 'fd20:ce::254/128', '::ffff:169.254.169.254/128', '64:ff9b::a9fe:a9fe/128'])('non-compliant: %s', (cidr) => {
    expect(check(ipBlock(cidr)).filter((f) => !f.problem.startsWith('is ambiguous')).map((f) => [f.value, f.problem])).toEqual([[cidr, METADATA]]);
  });
  test('non-compliant: the IPv6 endpoints of the EKS Pod Identity Agent and of GCP\'s metadata server, alone or in a private block', () => {
    const finding = (location: string, value: string) => ({
      ...base,
      location,
      property: 'to.ipBlock.cidr',
      value,
      problem: METADATA,
      fix: 'Allow the addresses the task needs without the metadata service: a block that leaves it out, or an except for it.',
    });
    expect(check(ipBlock('fd00:ec2::23/128'), ipBlock('fd20:ce::254/128'), ipBlock('fd20:ce::/64'))).toEqual([
      finding('egress[0]', 'fd00:ec2::23/128'), finding('egress[0]', 'fd20:ce::254/128'), finding('egress[0]', 'fd20:ce::/64'),
    ]);
  });
  describe('DNS only: link-local resolvers (NodeLocal DNSCache\'s 169.254.20.10) serve names, not credentials', () => {
    const DNS = [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }];
    const checkPorts = (cidr: string, ports?: any[]) =>
      EGRESS_NO_OPEN_CIDR.check(egressPolicy({ to: [ipBlock(cidr)], ...(ports !== undefined ? { ports } : {}) }));
    const finding = (value: string) => ({
      ...base,
      location: 'egress[0]',
      property: 'to.ipBlock.cidr',
      value,
      problem: METADATA,
      fix: 'Allow the addresses the task needs without the metadata service: a block that leaves it out, or an except for it.',
    });
    test.each([
      ['53/UDP and 53/TCP', DNS],
      ['53 with the default protocol, and an endPort of 53', [{ port: 53 }, { protocol: 'UDP', port: 53, endPort: 53 }]],
    ])('compliant: %s', (_, ports) => {
      expect(checkPorts('169.254.20.10/32', ports)).toEqual([]);
      expect(checkPorts('169.254.169.254/32', ports)).toEqual([]);
      expect(checkPorts('fd00:ec2::254/128', ports)).toEqual([]);
    });
    test.each([
      ['another port beside 53', [...DNS, { protocol: 'TCP', port: 80 }]],
      ['an endPort beyond 53', [{ protocol: 'UDP', port: 53, endPort: 54 }]],
      ['an entry without a port (every port of its protocol)', [...DNS, { protocol: 'UDP' }]],
      ['a null entry (every TCP port)', [...DNS, null]],
      ['53 over SCTP', [{ protocol: 'SCTP', port: 53 }]],
      ['a named port', [{ protocol: 'UDP', port: 'dns' }]],
      ['an empty list of ports (every port)', []],
      ['no ports (every port)', undefined],
    ])('non-compliant: %s', (_, ports) => {
      expect(checkPorts('169.254.20.10/32', ports)).toEqual([finding('169.254.20.10/32')]);
    });
  });
  test('compliant: a block that excepts them, or lies beside them; the rest of the unique local addresses are private networks\'', () => {
    expect(check(ipBlock('169.254.0.0/16', ['169.254.0.0/17', '169.254.128.0/17']), ipBlock('169.253.0.0/16'), ipBlock('fd00:ec2::253/128'),
      ipBlock('fd00:ec2::22/128'), ipBlock('fd20:ce::/64', ['fd20:ce::254/128']), ipBlock('fd12:3456::/32'), ipBlock('fc00::/8'))).toEqual([]);
  });
});
