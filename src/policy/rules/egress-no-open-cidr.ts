import { asArray } from '../../private/containers';
import { Severity } from '../rule';
import { kindIs, manifestRule } from '../rule-builders';
import { RuleId } from '../rule-id';

/** Egress never opens to the whole internet. */
export const EGRESS_NO_OPEN_CIDR = manifestRule(
  {
    id: RuleId.EGRESS_NO_OPEN_CIDR,
    severity: Severity.HIGH,
    title: 'Egress is never open to the whole internet (no /0 block)',
    rationale: 'A compromised step with open egress can send every secret it can read to any host; an allow-list limits exfiltration to the hosts the pipeline needs.',
    fix: 'Allow the specific CIDR blocks the task needs (the git host, the registry).',
    relaxable: true,
    appliesTo: kindIs('NetworkPolicy'),
  },
  (manifest) => {
    if (manifest?.kind !== 'NetworkPolicy') return [];
    return asArray(manifest.spec?.egress).flatMap((rule, i) =>
      asArray(rule?.to)
        .map((peer) => peer?.ipBlock?.cidr)
        .filter((cidr) => typeof cidr === 'string' && /\/0+$/.test(cidr))
        .map((cidr) => ({ location: `egress[${i}]`, property: 'to.ipBlock.cidr', value: cidr, problem: 'opens egress to every address' })),
    );
  },
);
