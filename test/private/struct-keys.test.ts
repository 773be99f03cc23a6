import { snakeCaseKeyProblem } from '../../src/private/struct-keys';

describe('snakeCaseKeyProblem: a struct key no prop is spelled as (a Python dict passes its keys as written)', () => {
  test('the first snake_case key, with the prop it means', () => {
    expect(snakeCaseKeyProblem({ name: 'x', working_dir: '/src', run_as_user: 0 }, 'StepProps')).toEqual({
      property: 'working_dir',
      problem: 'is not a prop of StepProps, so it would be ignored: a Python dict reaches the library with its keys as written, and StepProps names it workingDir',
      fix: 'Write StepProps(working_dir=...) (its keyword arguments are translated), or the key as StepProps names it: workingDir.',
    });
    expect(snakeCaseKeyProblem({ default_array: [] }, 'TaskParam', 'params[2].')?.property).toBe('params[2].default_array');
    expect(snakeCaseKeyProblem({ oidc_issuer_2: 'x' }, 'S')?.problem).toContain('S names it oidcIssuer2');
  });

  test.each([
    ['camelCase keys', { name: 'x', workingDir: '/src', runAsUser: 0 }],
    ['one-word keys', { rule: 'IMAGE_DIGEST', reason: 'the vendor publishes tags only' }],
    ['a key with an upper-case letter', { GO_PATH: 'x', Working_dir: 'y' }],
    ['a leading or trailing underscore', { _internal: 1, x_: 2 }],
    ['not an object', 'working_dir'],
    ['null', null],
    ['an array', ['working_dir']],
  ])('none in %s', (_, struct) => {
    expect(snakeCaseKeyProblem(struct, 'StepProps')).toBeUndefined();
  });
});
