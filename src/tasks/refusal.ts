import { Construct } from 'constructs';
import { RefusalOptions } from '../policy/engine/construct-policy';
import { SecureTektonError } from '../policy/errors';

/**
 * A refusal of a hardened task, thrown before the SecureTask it builds exists
 * (props are checked first): the path is the one the task will have.
 */
export function taskRefusal(scope: Construct, id: string, construct: string, o: RefusalOptions): SecureTektonError {
  const parent = scope.node.path;
  return new SecureTektonError({ construct, path: parent ? `${parent}/${id}` : id, ...o });
}

/** A string as an extended regular expression that matches exactly it. */
export function literalPattern(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
