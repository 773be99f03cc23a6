/**
 * The `*Message` helpers of SecureTektonErrors read an error back from its message,
 * as Python, Java and Go receive it across jsii: every refusal's path, rule, property
 * and value exactly, with or without jsii's `SecureTektonError: ` prefix.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdk8s';
import * as fc from 'fast-check';
import * as ts from 'typescript';
import { RuleId, SecureTask, SecureTektonErrors } from '../../src';
import { SecureTektonError, SecureTektonErrorProps } from '../../src/policy/errors';
import { step } from '../helpers/constructs';

function caught(fn: () => unknown): SecureTektonError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SecureTektonError) return e;
    throw e;
  }
  throw new Error('expected a throw');
}

/**
 * What jsii hands Python, Java and Go: the message, prefixed in a method call; Java
 * appends the JavaScript stack trace (its first lines repeat the message).
 */
const asMessages = (e: SecureTektonError) => [
  e.message,
  `SecureTektonError: ${e.message}`,
  `${e.message}\nSecureTektonError: ${e.message}\n    at ConstructPolicy.error (/tmp/jsii-kernel/lib/construct-policy.js:55:16)`,
  `SecureTektonError: ${e.message}\n@jsii/kernel.RuntimeError: SecureTektonError: ${e.message}\n    at Kernel.invoke (/tmp/program.js:1:55601)`,
];

/** The helpers on the message agree with the helpers on the error. */
function expectReadBack(e: SecureTektonError): void {
  for (const message of asMessages(e)) {
    expect(SecureTektonErrors.isSecureTektonErrorMessage(message)).toBe(true);
    expect(SecureTektonErrors.ruleOfMessage(message)).toBe(SecureTektonErrors.ruleOf(e));
    expect(SecureTektonErrors.refusalsOfMessage(message)).toEqual(SecureTektonErrors.refusalsOf(e));
  }
}

describe('the message helpers read a refusal back from its message', () => {
  test('one refusal, thrown by a constructor', () => {
    const e = caught(() => new SecureTask(Testing.chart(), 'unit', { steps: [step({ name: 'Bad' })] }));
    expectReadBack(e);
    expect(SecureTektonErrors.refusalsOfMessage(e.message)).toEqual([{
      path: 'test/unit', rule: RuleId.VALID_NAME, property: 'name', value: 'Bad', message: e.message,
    }]);
  });

  test('every refusal of a synth, in order', () => {
    const chart = Testing.chart();
    new SecureTask(chart, 'b-task', { steps: [step({ image: 'golang:1.22', runAsUser: 0 })] });
    new SecureTask(chart, 'a-task', { steps: [step({ allowPrivilegeEscalation: true })] });
    const e = caught(() => Testing.synth(chart));
    expectReadBack(e);
    expect(SecureTektonErrors.refusalsOfMessage(`SecureTektonError: ${e.message}`).map((r) => [r.path, r.rule, r.property, r.value])).toEqual([
      ['test/a-task', RuleId.NO_PRIVILEGE_ESCALATION, 'allowPrivilegeEscalation', 'true'],
      ['test/b-task', RuleId.IMAGE_DIGEST, 'image', 'golang:1.22'],
      ['test/b-task', RuleId.RUN_AS_NON_ROOT, 'runAsUser', '0'],
    ]);
    expect(SecureTektonErrors.ruleOfMessage(e.message)).toBe(RuleId.NO_PRIVILEGE_ESCALATION);
  });

  test("the README's SCRIPT_INJECTION refusal", () => {
    const message = "SecureTask 'ci/unit-test' step 'test': script \"$(params.pkg)\" pastes a substitution into shell code [SCRIPT_INJECTION]. "
      + "Pass it through env instead: env: { PKG: '$(params.pkg)' }, and use \"$PKG\" (quoted) in the script.";
    expect(SecureTektonErrors.refusalsOfMessage(message)).toEqual([{
      path: 'ci/unit-test', rule: RuleId.SCRIPT_INJECTION, property: 'script', value: '$(params.pkg)', message,
    }]);
  });

  test('a refusal without a value and without a location', () => {
    const e = new SecureTektonError({ construct: 'X', path: 'a/b', property: 'p', problem: 'is missing', rule: RuleId.VALID_SPEC, fix: 'Set it.' });
    expect(e.message).toBe("X 'a/b': p is missing [VALID_SPEC]. Set it.");
    expectReadBack(e);
    expect(SecureTektonErrors.refusalsOfMessage(e.message)[0]).not.toHaveProperty('value');
  });

  test('names that would make the line ambiguous are escaped, and read back', () => {
    const e = new SecureTektonError({
      construct: 'Odd Kind',
      path: "ci/it's\\here\n",
      location: "step 'a: b'",
      property: 'data.my key',
      problem: '"quoted" and [IMAGE_DIGEST]. in the problem',
      rule: RuleId.NO_SECRET_MATERIAL,
      fix: 'Remove\nit.',
    });
    expect(e.message).toBe(
      "Odd\\u0020Kind 'ci/it\\'s\\\\here\\n' step 'a:\\u0020b': data.my\\u0020key \\\"quoted\" and \\[IMAGE_DIGEST]. in the problem "
      + '[NO_SECRET_MATERIAL]. Remove\\nit.');
    expectReadBack(e);
  });

  test('any fields, any number of refusals, read back exactly (property)', () => {
    const awkward = fc.constantFrom(' ', "'", '"', ':', ': ', '\\', '\\u0020', '[', ']', '. ', ' [IMAGE_DIGEST]. ', '\n', '\r\n', '\u2028', '\t', '\u0000',
      'SecureTektonError: ', '2 findings; nothing was written:', '  ', 'a', 'Z', '/');
    const text = fc.oneof(fc.string({ maxLength: 12 }), fc.array(awkward, { maxLength: 6 }).map((p) => p.join('')), fc.string({ unit: 'binary', maxLength: 8 }));
    const finding: fc.Arbitrary<SecureTektonErrorProps> = fc.record({
      construct: text,
      path: text,
      location: fc.option(text, { nil: undefined }),
      property: text,
      value: fc.option(text, { nil: undefined }),
      problem: text,
      rule: fc.constantFrom(...Object.values(RuleId)),
      fix: text,
    });
    fc.assert(fc.property(fc.array(finding, { minLength: 1, maxLength: 4 }), (findings) => {
      const e = new SecureTektonError(findings[0], ...findings.slice(1));
      expectReadBack(e);
    }), { numRuns: 500 });
  });
});

describe('other messages are not refusals', () => {
  test.each([
    '',
    'x',
    'Error: something failed',
    "Kind 'path': prop problem [NOT_A_RULE]. fix",
    "Kind 'path': prop problem [IMAGE_DIGEST] without the full stop",
    "Kind 'path: prop problem [IMAGE_DIGEST]. unterminated path",
    '2 findings; nothing was written:\n  only one line',
    "Kind 'path': prop problem [IMAGE_DIGEST]. fix\nanother line that is no stack trace",
    "3 findings; nothing was written:\n  K 'a': p x [IMAGE_DIGEST]. f\n  K 'b': p x [IMAGE_DIGEST]. f",
  ])('%j', (message) => {
    expect(SecureTektonErrors.isSecureTektonErrorMessage(message)).toBe(false);
    expect(SecureTektonErrors.ruleOfMessage(message)).toBeUndefined();
    expect(SecureTektonErrors.refusalsOfMessage(message)).toEqual([]);
  });

  test('the object helpers take errors only, as before', () => {
    const e = caught(() => new SecureTask(Testing.chart(), 'unit', { steps: [] }));
    expect(SecureTektonErrors.isSecureTektonError(e.message)).toBe(false);
    expect(SecureTektonErrors.ruleOf(e.message)).toBeUndefined();
    expect(SecureTektonErrors.refusalsOf(new Error(e.message))).toEqual([]);
  });
});

describe('messages are read in every language: no fix quotes a TypeScript constructor call', () => {
  // Python, Java and Go receive the same messages; `new X(...)` is TypeScript's spelling
  // alone, so a fix names the construct and its props (which jsii maps in each language).
  const SRC = path.join(__dirname, '..', '..', 'src');
  const files = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === 'imports' ? [] : files(path.join(dir, e.name))) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []);
  const CONSTRUCTOR_CALL = /\bnew [A-Z][A-Za-z0-9]*\(/;

  function quotedConstructorCalls(file: string): string[] {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const found: string[] = [];
    const visit = (node: ts.Node): void => {
      if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node)
        || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) && CONSTRUCTOR_CALL.test(node.text)) {
        found.push(`${path.relative(SRC, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.text}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    return found;
  }

  test('no string of the library holds `new X(`', () => {
    expect(files(SRC).flatMap(quotedConstructorCalls)).toEqual([]);
  });

  test('the check finds one', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'neutral-'));
    const file = path.join(dir, 'x.ts');
    fs.writeFileSync(file, "const fix = `Give the chart a namespace (new Chart(app, '${'id'}', { namespace }))`;\n// new Chart(app) in a comment is not a message\n");
    expect(quotedConstructorCalls(file)).toEqual([expect.stringContaining('x.ts:1: Give the chart a namespace (new Chart(app, \'')]);
  });
});
