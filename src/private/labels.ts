/**
 * Labels as the API server validates them (apimachinery's IsQualifiedName and
 * IsValidLabelValue), with the reason in words.
 */
import { isLabelValue, isQualifiedName } from './names';

/** Why the API server refuses a label, or undefined. */
export function labelProblem(key: string, value: string): { readonly which: 'key' | 'value'; readonly problem: string } | undefined {
  if (!isQualifiedName(key)) {
    return { which: 'key', problem: 'is not a label key (an optional DNS subdomain and "/", then at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit)' };
  }
  if (!isLabelValue(value)) {
    return { which: 'value', problem: 'is not a label value (empty, or at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit)' };
  }
  return undefined;
}
