import { labelProblem } from '../../src/private/labels';

describe('labels as the API server validates them', () => {
  test('keys: an optional DNS subdomain prefix, then a name of at most 63 characters', () => {
    for (const key of ['team', 'app.kubernetes.io/name', 'example.com/a_b-c.d', 'a']) expect(labelProblem(key, 'x')).toBeUndefined();
    for (const key of ['', 'bad key!', '-team', 'team-', 'Example.com/team', '/team', 'a/', 'x'.repeat(64), `${'a'.repeat(254)}/team`]) {
      expect([key, labelProblem(key, 'x')?.which]).toEqual([key, 'key']);
    }
  });

  test('values: empty, or a name of at most 63 characters', () => {
    for (const value of ['', 'payments', 'v1.2_3-b', 'A']) expect(labelProblem('team', value)).toBeUndefined();
    for (const value of ['has spaces!', '-x', 'x-', 'x'.repeat(64), 'a/b']) expect([value, labelProblem('team', value)?.which]).toEqual([value, 'value']);
  });
});
