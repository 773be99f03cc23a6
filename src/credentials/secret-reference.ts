import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ConstructPolicy, RefusalOptions } from '../policy/engine/construct-policy';
import { RuleId } from '../policy/rule-id';
import { namespaceOf, writtenObjectOf } from '../private/kplus';

/**
 * The Secret's name from `secretName` or `secret`: exactly one must be given (the
 * same name twice is accepted).
 */
export function secretNameOf(policy: ConstructPolicy, secretName: string | undefined, secret: kplus.ISecret | undefined): string {
  if (secret && secretName !== undefined && secretName !== secret.name) {
    throw policy.error({
      property: 'secretName',
      value: secretName,
      problem: `differs from the name of secret '${secret.name}' (${secret.node.path})`,
      rule: RuleId.VALID_REFERENCE,
      fix: 'Give either secretName or secret, not both.',
    });
  }
  const name = secret?.name ?? secretName;
  if (name === undefined) {
    throw policy.error({
      property: 'secretName',
      problem: 'is not set',
      rule: RuleId.VALID_SPEC,
      fix: "Name the Secret (secretName: '<name>'), or give it as a cdk8s-plus object (secret: kplus.Secret.fromSecretName(scope, id, '<name>')).",
    });
  }
  return name;
}

/**
 * A Secret given as a cdk8s-plus object that this app writes must be of one of
 * `types` and in the namespace of the construct that uses it (a pod mounts the
 * Secrets of its own namespace only). One imported by name is not seen.
 */
export function secretProblems(user: Construct, secret: kplus.ISecret, types: readonly string[]): RefusalOptions[] {
  const written = writtenObjectOf(secret);
  if (!written) return [];
  const problems: RefusalOptions[] = [];
  const type = written.toJson()?.type;
  if (!types.includes(type)) {
    problems.push({
      property: 'secret',
      value: secret.name,
      problem: `is of type '${type ?? 'Opaque'}', not ${types.map((t) => `'${t}'`).join(' or ')}`,
      rule: RuleId.VALID_REFERENCE,
      fix: `Give a Secret of type ${types.map((t) => `'${t}'`).join(' or ')} (its keys are what the run reads).`,
    });
  }
  const expected = Chart.of(user).namespace;
  const actual = namespaceOf(secret);
  if (actual !== expected) {
    problems.push({
      property: 'secret',
      value: secret.name,
      problem: `is in namespace '${actual ?? '(none)'}', the credential in '${expected ?? '(none)'}': a pod mounts the Secrets of its own namespace only`,
      rule: RuleId.VALID_REFERENCE,
      fix: 'Use a Secret of the credential\'s namespace, or create the credential in the chart of the Secret.',
    });
  }
  return problems;
}
