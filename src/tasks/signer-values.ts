import { Construct } from 'constructs';
import { taskRefusal } from './refusal';
import { ParamConstraint } from '../pipeline/param';
import { RuleId } from '../policy/rule-id';

/** An https URL. */
export const HTTPS_URL = ParamConstraint.pattern('^https://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~%/@+-]*)?$', 'an https URL');
/**
 * A certificate identity: an https URL (e.g. a CI workflow), an e-mail address, or
 * a SPIFFE ID (the identity Fulcio certifies for a workload that signs with a SPIRE
 * JWT-SVID, as Tekton Chains does on a cluster with SPIRE).
 */
export const IDENTITY = ParamConstraint.pattern(
  '^(https://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~%/@+-]*)?|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}|spiffe://[a-z0-9._-]+(/[A-Za-z0-9._~%+-]+)+)$',
  'an https URL, an e-mail address or a SPIFFE ID',
);
/** A SPIFFE ID: `spiffe://<trust domain>/<path>`. */
export const SPIFFE_ID = ParamConstraint.pattern('^spiffe://[a-z0-9._-]+(/[A-Za-z0-9._~%+-]+)+$', 'a SPIFFE ID');

/** A value given in props that becomes a param's default, with the prop that gave it. */
export interface SignerValue {
  /** The prop as the user wrote it (`signer.oidcIssuer`, `oidcIssuer`). */
  readonly property: string;
  readonly value: string | undefined;
}

const FIXES: ReadonlyMap<ParamConstraint, string> = new Map([
  [HTTPS_URL, "Give an https URL, e.g. 'https://token.actions.githubusercontent.com'."],
  [IDENTITY, "Give the identity the signing certificate carries, e.g. 'https://github.com/example/app/.github/workflows/release.yml@refs/heads/main' or 'release@example.com'."],
  [SPIFFE_ID, "Give spiffe://<trust domain>/<path>, e.g. 'spiffe://example.org/ns/tekton-chains/sa/tekton-chains-controller'."],
]);

/**
 * Refuses a signer value that its param's constraint would refuse, in the words of the prop
 * that gave it (the param default would otherwise be refused as `params[...].default`).
 */
export function requireSignerValue(
  scope: Construct, id: string, construct: string, given: SignerValue, constraint: ParamConstraint, fix?: string,
): void {
  const value = given.value ?? '';
  if (constraint.accepts(value)) return;
  throw taskRefusal(scope, id, construct, {
    property: given.property,
    value,
    problem: `is not ${constraint.description}`,
    rule: RuleId.VALID_SPEC,
    fix: fix ?? FIXES.get(constraint) ?? '',
  });
}
