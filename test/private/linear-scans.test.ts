/**
 * The searches that rules run over user values are linear: each finds what the regular
 * expression it replaces finds (property-tested against it), without retrying from every
 * position of a long run. Their speed on 1 MiB values is in the regression corpus of
 * test/property/hunting.test.ts (minutes each if quadratic, past jest's timeout).
 */
import * as fc from 'fast-check';
import { stepResultReferences } from '../../src/private/names';
import { secretMaterialIn } from '../../src/private/secrets';
import { findReferences, untrustedSubstitutions } from '../../src/private/substitutions';

const text = (pieces: string[]) => fc.array(fc.constantFrom(...pieces), { maxLength: 14 }).map((xs) => xs.join(''));

test('substitutions: what /\\$\\(([^)$]*)\\)/g matches (the admission policies\' RE2), one inside a shell\'s $(…) included', () => {
  expect(findReferences('SHA="$(git rev-parse $(params.revision))"; echo $(( $(params.n) + 1 ))').map((r) => r.text)).toEqual(['$(params.revision)', '$(params.n)']);
  fc.assert(fc.property(text(['$(', ')', '$', '(', 'params.x', 'a', ' ', '[*]', 'workspaces.w.path', '\n']), (t) => {
    const expected = [...t.matchAll(/\$\(([^)$]*)\)/g)].map((m) => m[0]);
    expect(findReferences(t).map((r) => r.text)).toEqual(expected);
    expect(untrustedSubstitutions(t).map((o) => t.slice(o.index, o.index + o.text.length))).toEqual(untrustedSubstitutions(t).map((o) => o.text));
  }), { numRuns: 3000 });
});

test("step-result references: what Tekton's StepResultRegex matches", () => {
  fc.assert(fc.property(text(['$(steps.', '$(', ')', '.results.', 'steps.', '.', 'a', '\n', '\r', '\u2028', ' ']), (t) => {
    const expected = [...t.matchAll(/\$\(steps\.(.*?)\.results\.(.*?)\)/g)].map((m) => ({ text: m[0], step: m[1], result: m[2] }));
    expect(stepResultReferences(t)).toEqual(expected);
  }), { numRuns: 3000 });
});

describe('URLs with a password', () => {
  test.each([
    ['git clone https://ci:s3cr3t-v4lue@git.example.com/x.git', true],
    ['1x+y://ci:s3cr3t-v4lue@host', true],
    ['http://host://ci:s3cr3t-v4lue@x (a scheme inside the previous authority)', true],
    ['://ci:s3cr3t-v4lue@host (no scheme)', false],
    ['9://ci:s3cr3t-v4lue@host (a scheme starts with a letter)', false],
    ['https://ci:$(params.token)@host', false],
    ['https://ci@host https://host/a:b@c', false],
  ])('%s', (value, found) => {
    expect(secretMaterialIn(value) === 'a URL with a password').toBe(found);
  });
});

describe('PuTTY keys', () => {
  test.each([
    ['PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nPrivate-Lines: 1\nAAAA', true],
    ['PuTTY-User-Key-File-2: a PuTTY-User-Key-File-2: b Private-Lines: 3', true],
    ['Private-Lines: 1 before PuTTY-User-Key-File-2: x', false],
    ['PuTTY-User-Key-File-2: '.repeat(3), false],
  ])('%j', (value, found) => {
    expect(secretMaterialIn(value) === 'a private key').toBe(found);
  });
});
