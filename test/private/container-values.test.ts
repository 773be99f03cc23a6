import { SecureStepAction, SecureTask } from '../../src';
import { containerValueProblem } from '../../src/private/container-values';
import { chart, PINNED, step } from '../helpers/constructs';

describe('container values the API server refuses', () => {
  test('user and group IDs are whole numbers from 0 to 2^31-1; env var names as Kubernetes 1.28 validates them', () => {
    for (const id of [-1, 1.5, 2 ** 31, Number.NaN, Infinity]) {
      expect(containerValueProblem({ runAsUser: id })?.property).toBe('runAsUser');
      expect(containerValueProblem({ runAsGroup: id })?.property).toBe('runAsGroup');
    }
    for (const id of [0, 1000, 65532, 2 ** 31 - 1]) expect(containerValueProblem({ runAsUser: id, runAsGroup: id })).toBeUndefined();
    for (const name of ['A=B', '1A', '', 'A B', 'PATH$']) expect(containerValueProblem({ env: { [name]: 'x' } })?.value).toBe(name);
    for (const name of ['A', '_a', '.x', '-y', 'APP_VERSION.2-b']) expect(containerValueProblem({ env: { [name]: 'x' } })).toBeUndefined();
  });

  test('refused on a SecureTask step or sidecar, and on a SecureStepAction, in the words of the props', () => {
    expect(() => new SecureTask(chart(), 'build', { steps: [step({ runAsUser: 1.5 })] })).toThrow(
      "SecureTask 'test/build' step 'run': runAsUser \"1.5\" is not a whole number from 0 to 2147483647, which the API server requires of a user ID [VALID_SPEC]. "
      + 'Give a UID such as 65532, or leave runAsUser out for the default (65532).',
    );
    expect(() => new SecureTask(chart(), 'build', { steps: [step()], sidecars: [step({ name: 'db', env: { '1A': 'x' } })] })).toThrow(
      "SecureTask 'test/build' sidecar 'db': env \"1A\" is not a valid env var name: the API server refuses a name that is empty, starts with a digit or holds "
      + "other characters than letters, digits, \"_\", \"-\" and \".\" [VALID_SPEC]. Name it with letters, digits and '_', starting with a letter or '_', e.g. 'APP_VERSION'.",
    );
    expect(() => new SecureStepAction(chart(), 'sum', { image: PINNED, script: '#!/bin/sh\ntrue\n', runAsGroup: -5 })).toThrow(
      "SecureStepAction 'test/sum': runAsGroup \"-5\" is not a whole number from 0 to 2147483647, which the API server requires of a group ID [VALID_SPEC]. "
      + 'Give a GID such as 65532, or leave runAsGroup out for the default (65532).',
    );
  });
});
