/**
 * How much of the public internet an ipBlock reaches, per address family: the limits the
 * egress rules hold NetworkPolicies to, and what counts as reaching "the internet".
 */
import { AddressSet, Cidr, ipv4Through, ipv4Tunnelled, parseCidr, pow2, PUBLIC_IPV4, PUBLIC_IPV6, worth } from './cidr';

/** Limits per family: one ipBlock may reach a `/block`'s worth of public addresses, one NetworkPolicy a `/policy`'s worth. */
export const LIMITS = {
  4: { bits: 32, block: 16, policy: 8, public: PUBLIC_IPV4 },
  6: { bits: 128, block: 32, policy: 24, public: PUBLIC_IPV6 },
} as const;

/** An address family. */
export type Family = keyof typeof LIMITS;

/** `a /8's worth of public IPv4 addresses`. */
export const limitText = (f: Family, scope: 'block' | 'policy'): string => `a /${LIMITS[f][scope]}'s worth of public IPv${f} addresses`;

/** Whether a set of public addresses is more than the limit allows. */
export const exceeds = (set: AddressSet, f: Family, scope: 'block' | 'policy'): boolean => set.size() > pow2(LIMITS[f].bits - LIMITS[f][scope]);

/** `every public IPv4 address`, or `a /5's worth of public IPv4 addresses`. */
export function amount(set: AddressSet, f: Family): string {
  return set.size() === LIMITS[f].public.size() ? `every public IPv${f} address` : `${worth(set.size(), LIMITS[f].bits)} of public IPv${f} addresses`;
}

/**
 * The public addresses a block reaches, less the excepts of its own family, per family:
 * IPv4 through IPv4-mapped, NAT64, 6to4 and Teredo IPv6 addresses too.
 */
export function publicReach(cidr: Cidr, excepts: readonly Cidr[]): Record<Family, AddressSet> {
  return reachWithin(cidr, excepts, PUBLIC, true);
}

const PUBLIC: Record<Family, AddressSet> = { 4: PUBLIC_IPV4, 6: PUBLIC_IPV6 };

/**
 * The addresses of `within` a block reaches, less the excepts of its own family, per family
 * (IPv4 through IPv6 too; through the tunnel prefixes when `tunnels`: a tunnel reaches only
 * a host that unwraps it, which an attacker's host does and a metadata service does not).
 */
function reachWithin(cidr: Cidr, excepts: readonly Cidr[], within: Record<Family, AddressSet>, tunnels = false): Record<Family, AddressSet> {
  let allowed = AddressSet.block(cidr);
  // an IPv4-mapped except under an IPv4 block is accepted, but plugins differ on it: it excepts nothing here
  for (const except of excepts) if (except.family === cidr.family) allowed = allowed.minus(AddressSet.block(except));
  return {
    4: (cidr.family === 4 ? allowed : tunnels ? ipv4Through(allowed).union(ipv4Tunnelled(allowed)) : ipv4Through(allowed)).intersect(within[4]),
    6: cidr.family === 6 ? allowed.intersect(within[6]) : AddressSet.EMPTY,
  };
}

/**
 * Addresses where clouds serve instance metadata, which hands out the node's (or the task
 * role's) credentials: IPv4 and IPv6 link-local (169.254.169.254 on AWS, GCP, Azure and
 * others, 169.254.170.2 for ECS task credentials, 169.254.170.23 for the EKS Pod Identity
 * Agent), Azure's WireServer, Alibaba Cloud's metadata address, and the IPv6 endpoints of
 * AWS's instance metadata, the EKS Pod Identity Agent and GCP's metadata server (unique
 * local addresses: the rest of fc00::/7 is private networks').
 */
export const METADATA_BLOCKS: readonly string[] = [
  '169.254.0.0/16', '168.63.129.16/32', '100.100.100.200/32', 'fe80::/10', 'fd00:ec2::254/128', 'fd00:ec2::23/128', 'fd20:ce::254/128',
];

const METADATA: Record<Family, AddressSet> = {
  4: AddressSet.blocks(METADATA_BLOCKS.map((b) => parseCidr(b)!).filter((c) => c.family === 4)),
  6: AddressSet.blocks(METADATA_BLOCKS.map((b) => parseCidr(b)!).filter((c) => c.family === 6)),
};

/** The metadata addresses a block reaches, less the excepts of its own family (IPv4 through IPv6 too), per family. */
export function metadataReach(cidr: Cidr, excepts: readonly Cidr[]): Record<Family, AddressSet> {
  return reachWithin(cidr, excepts, METADATA);
}
