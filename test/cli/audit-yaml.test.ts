/**
 * The audit reads YAML as kubectl does (sigs.k8s.io/yaml over go-yaml v2, apimachinery's
 * YAMLOrJSONDecoder, cli-runtime's visitors) and refuses bad input with exit 2 and one line.
 *
 * The expected values of the scalar and key tables were produced by kubectl's own decoding
 * code (apimachinery v0.36.3 NewYAMLOrJSONDecoder + UnstructuredJSONScheme, sigs.k8s.io/yaml
 * v1.6.0, go.yaml.in/yaml/v2 v2.4.3) on the same inputs.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import { EXAMPLES } from '../../examples';
import * as auditModule from '../../src/cli/audit';
import { audit } from '../../src/cli/audit';
import { main } from '../../src/cli/main';
import { InputError, NotManifestError, parseManifests, readManifests } from '../../src/cli/read-yaml';
import { TEMPLATE_INJECTION } from '../../src/policy/rules/template-injection';
import { commentsOf } from '../../src/private/source-comments';
import { fastDecode, fullDecode, templateComments } from '../../src/private/yaml-document';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'audit', 'yaml11');
const tmp = () => fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'audit-yaml-')));
const write = (dir: string, name: string, content: string | Buffer): string => {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
};
const json = (paths: string[]) => JSON.parse(audit(paths, 'json').stdout);
const findings = (paths: string[]) => json(paths).findings.map((f: any) => [f.object, f.location, f.rule, f.property, f.value]);
/** The objects of a text, as kubectl would send them. */
const read = (text: string) => parseManifests(text, 'f.yaml').map((o) => o.object);
/** The totals of a run of one file that could not be read. */
const ONE_UNREAD = '0 files, 0 objects: 0 findings failed, 0 relaxed, 1 file could not be read: the findings are partial '
  + '(its objects are not audited, and may change the others\' findings)';
/**
 * The error a text is refused with: the report's one line `<file>:line:col: error: <message>`,
 * returned as the message reads, `f.yaml:line:col: <message>`.
 */
const refusal = (text: string | Buffer): string => {
  const dir = tmp();
  const file = write(dir, 'f.yaml', text);
  const r = audit([file]);
  expect(r.exitCode).toBe(2);
  expect(r.stderr).toBe('');
  const [line, ...rest] = r.stdout.split('\n');
  expect(rest).toEqual(['', ONE_UNREAD, '']);
  expect(line.startsWith(file)).toBe(true);
  const m = /^((?::\d+:\d+)?): error: (.*)$/s.exec(line.slice(file.length));
  expect(m).not.toBeNull();
  return `f.yaml${m![1]}: ${m![2]}`;
};

const REFUSED = Symbol('refused');

describe('scalars as kubectl reads them (go-yaml v2, YAML 1.1)', () => {
  const VALUES: [string, unknown][] = [
    ['yes', true], ['Yes', true], ['YES', true], ['yEs', 'yEs'], ['y', true], ['Y', true],
    ['n', false], ['N', false], ['no', false], ['No', false], ['NO', false],
    ['on', true], ['On', true], ['ON', true], ['oN', 'oN'], ['off', false], ['Off', false], ['OFF', false],
    ['true', true], ['True', true], ['TRUE', true], ['tRUE', 'tRUE'], ['false', false], ['False', false], ['FALSE', false],
    ['~', null], ['null', null], ['Null', null], ['NULL', null], ['nULL', 'nULL'], ['', null],
    ['0', 0], ['00', 0], ['0777', 511], ['07', 7], ['08', 8], ['0o17', 15], ['0O17', 15], ['0x1F', 31], ['0X1f', 31], ['0x', '0x'],
    ['0b101', 5], ['0B11', 3], ['0b-101', -5], ['-0b101', -5], ['1_000', 1000], ['+_1', 1], ['-1', -1], ['+1', 1],
    ['+0x10', 16], ['-0x10', -16], ['9223372036854775807', 9223372036854775807], ['9223372036854775808', 9223372036854776000],
    ['-9223372036854775809', -9223372036854776000], ['18446744073709551616', 18446744073709552000],
    ['1.5', 1.5], ['1.', 1], ['.5', 0.5], ['-.5', -0.5], ['1e3', 1000], ['1E+3', 1000], ['1.5e-3', 0.0015], ['1e400', '1e400'],
    ['.5_5', 0.55], ['._5', '._5'], ['1_0.5', 10.5], ['-0.0', 0],
    ['.inf', REFUSED], ['-.Inf', REFUSED], ['+.INF', REFUSED], ['.nan', REFUSED], ['inf', 'inf'], ['NaN', 'NaN'],
    ['2001-12-14', '2001-12-14'], ['12:30', '12:30'], ['1:30:00', '1:30:00'], ['190:20:30', '190:20:30'], ['0x1p-2', '0x1p-2'], ['<<', '<<'],
    ['"yes"', 'yes'], ["'on'", 'on'], ['!!str yes', 'yes'], ['!!str 0x10', '0x10'], ['!!int "12"', 12], ['!!float 1', 1],
    ['!!float "1.5"', 1.5], ['!!bool Yes', true], ['!!null ~', null], ['!!timestamp 2001-12-14', '2001-12-14'],
    ['!!binary aGVsbG8=', 'hello'], ['! yes', 'yes'], ['!custom yes', 'yes'],
    ['!!int 1.5', REFUSED], ['!!bool 1', REFUSED], ['!!float 18446744073709551615', REFUSED],
    ['|\n    yes', 'yes\n'], ['>-\n    on', 'on'],
  ];
  test.each(VALUES)('v: %s', (scalar, expected) => {
    const text = `kind: A\nv: ${scalar}\n`;
    if (expected === REFUSED) expect(() => read(text)).toThrow(InputError);
    else expect(read(text)).toEqual([{ kind: 'A', v: expected }]);
  });

  const KEYS: [string, string | typeof REFUSED][] = [
    ['yes', 'true'], ['y', 'true'], ['on', 'true'], ['No', 'false'], ['~', REFUSED], ['1', '1'], ['0x1F', '31'], ['0777', '511'],
    ['1.5', '1.5'], ['123456789.0', '1.2345679e+08'], ['12456789.0', '1.2456789e+07'], ['1000000.0', '1e+06'], ['999999.0', '999999'], ['1e-7', '1e-07'], ['-0.0', '-0'], ['.nan', '.nan'],
    ['9223372036854775807', '9223372036854775807'], ['9223372036854775808', REFUSED], ['2001-12-14', '2001-12-14'], ['"1"', '1'], ['<<x', '<<x'],
  ];
  test.each(KEYS)('key %s', (key, expected) => {
    const text = `kind: A\ndata:\n  ${key}: x\n`;
    if (expected === REFUSED) expect(() => read(text)).toThrow(InputError);
    else expect(read(text)).toEqual([{ kind: 'A', data: { [expected]: 'x' } }]);
  });
});

describe('the rules see the values kubectl applies', () => {
  const IMAGE = 'docker.io/library/alpine@sha256:a8560b36e8b8210634f77d9f7f9efd7ffa463e380b75e2e74aff4511df3ef88c';

  test('YAML 1.1 booleans and ints: privileged: yes, allowPrivilegeEscalation: on, runAsUser: 00 are findings', () => {
    // runAsNonRoot: Yes, allowPrivilegeEscalation: off, readOnlyRootFilesystem: ON and runAsUser: 0x3E8
    // in the stepTemplate are the hardened values; privileged: "yes" (quoted) is a string
    expect(findings([path.join(FIXTURES, 'booleans.yaml')])).toEqual([
      ['Task/ci/yaml11', "step 'root'", 'NOT_PRIVILEGED', 'securityContext.privileged', 'true'],
      ['Task/ci/yaml11', "step 'root'", 'RUN_AS_NON_ROOT', 'securityContext.runAsUser', '0'],
      ['Task/ci/yaml11', "step 'escalate'", 'NO_PRIVILEGE_ESCALATION', 'securityContext.allowPrivilegeEscalation', 'true'],
    ]);
  });

  test("this round's readings as kubectl decodes YAML 1.1: an operator's boolean field written yes or On, a quoted 'true'; Triggers' secretRef keys; a PaC annotation's quoting", () => {
    const dir = tmp();
    const file = write(dir, 'readings.yaml', [
      'apiVersion: operator.tekton.dev/v1alpha1',
      'kind: TektonConfig',
      'metadata: {name: config}',
      'spec:',
      '  targetNamespace: tekton-pipelines',
      '  pipeline:',
      '    disable-creds-init: yes',
      '    require-git-ssh-secret-known-hosts: On',
      "    set-security-context: 'true'",
      '    enable-api-fields: stable',
      '    trusted-resources-verification-no-match-policy: fail',
      '    options: {configMaps: {feature-flags: {data: {set-security-context-read-only-root-filesystem: "true"}}}}',
      '---',
      'apiVersion: triggers.tekton.dev/v1beta1',
      'kind: Trigger',
      'metadata: {name: push}',
      'spec:',
      '  interceptors:',
      '    - ref: {name: github}',
      '      params:',
      '        - {name: secretRef, value: {secretName: hook, secretKey: token}}',
      '        - {name: SecretRef, value: ~}',
      '  template: {ref: build}',
      '---',
      'apiVersion: tekton.dev/v1',
      'kind: PipelineRun',
      'metadata:',
      '  name: on-push',
      '  annotations:',
      "    pipelinesascode.tekton.dev/task: '[.tekton/lint.yaml, git-clone]'",
      '    pipelinesascode.tekton.dev/task-1: >-',
      '      buildah:0.9.0',
      'spec: {pipelineRef: {name: p}}',
      '',
    ].join('\n'));
    const r = json([file]).findings.filter((f: any) => ['TEKTON_FEATURE_FLAGS', 'TRIGGERS_AUTHENTICATED', 'REMOTE_REFERENCE_PINNED'].includes(f.rule));
    expect(r.map((f: any) => [f.object, f.rule, f.property, f.value, f.problem])).toEqual([
      // yes and On are booleans (go-yaml v2); 'true' quoted is a string, which the typed field does not take
      ['TektonConfig/config', 'TEKTON_FEATURE_FLAGS', "spec.pipeline['set-security-context']", '"true"',
        'is not a boolean: the operator cannot read the TektonConfig, so none of its settings reach feature-flags'],
      // ~ is null: Go keeps the later key, which switches the signature check off
      ['Trigger/push', 'TRIGGERS_AUTHENTICATED', 'spec.interceptors[0].params[1].value', 'null',
        'gives the github interceptor a secretRef that is null: the interceptor then checks no signature; no interceptor of the Trigger checks who sent the event '
        + "(a github, gitlab or bitbucket ClusterInterceptor with the webhook secret, or a cel one whose filter requires header.canonical('<header>').compareSecret('<key>', '<Secret>')), "
        + 'so anyone who can reach the EventListener starts its runs with a body and params of their choosing'],
      ['PipelineRun/on-push', 'REMOTE_REFERENCE_PINNED', "metadata.annotations['pipelinesascode.tekton.dev/task']", 'git-clone',
        'names a Task of the default hub without a version: Pipelines-as-Code fetches the newest one when each event arrives'],
    ]);
  });

  test("an operator's options.disabled as kubectl decodes YAML 1.1: yes is true (the options are not applied), a quoted 'true' makes the API server refuse the object", () => {
    const dir = tmp();
    const file = write(dir, 'operator.yaml', [
      'apiVersion: operator.tekton.dev/v1alpha1',
      'kind: TektonPipeline',
      'metadata: {name: pipeline}',
      'spec:',
      '  targetNamespace: tekton-pipelines',
      '  disable-creds-init: true',
      '  require-git-ssh-secret-known-hosts: true',
      '  enable-api-fields: stable',
      '  trusted-resources-verification-no-match-policy: fail',
      '  set-security-context: true',
      '  options:',
      '    disabled: yes',
      '    configMaps: {feature-flags: {data: {set-security-context-read-only-root-filesystem: "true"}}}',
      '---',
      'apiVersion: operator.tekton.dev/v1alpha1',
      'kind: TektonChain',
      'metadata: {name: chain}',
      'spec:',
      '  targetNamespace: tekton-pipelines',
      "  options: {disabled: 'true'}",
      '',
    ].join('\n'));
    // (without the finding that no TektonConfig is checked with the TektonPipeline: the options are what is read here)
    const r = json([file]).findings.filter((f: any) => ['TEKTON_FEATURE_FLAGS', 'CHAINS_KNOWN_KEYS'].includes(f.rule) && f.target !== 'key/AUTOINSTALL_COMPONENTS');
    expect(r.map((f: any) => [f.object, f.rule, f.property, f.value, f.problem])).toEqual([
      ['TektonPipeline/pipeline', 'TEKTON_FEATURE_FLAGS', "spec.options.configMaps['feature-flags'].data['set-security-context-read-only-root-filesystem']", undefined,
        'is not set, so the operator writes "false" (Tekton\'s release value)'],
      ['TektonChain/chain', 'CHAINS_KNOWN_KEYS', 'spec.options.disabled', '"true"',
        "is not a boolean: the API server refuses the TektonChain (the operator's CRD types the field; with an untyped CRD the operator cannot read it), so none of its settings reach chains-config"],
    ]);
  });

  test('ConfigMap data: a null (key:, ~) is the "" the API server stores; yes, 0x10 and 1e3 unquoted are what it refuses', () => {
    const dir = tmp();
    const file = write(dir, 'config.yaml', `apiVersion: v1
kind: ConfigMap
metadata: {name: feature-flags, namespace: tekton-pipelines}
data:
  disable-creds-init: "true"
  require-git-ssh-secret-known-hosts: "true"
  enable-api-fields: stable
  send-cloudevents-for-runs: "true"
  trusted-resources-verification-no-match-policy: fail
  results-from: termination-message
  set-security-context: yes
  set-security-context-read-only-root-filesystem: "true"
  disable-inline-spec:
  coschedule: ~
  max-result-size: 0x10
  enable-step-actions: 1e3
---
apiVersion: v1
kind: ConfigMap
metadata: {name: chains-config, namespace: tekton-chains}
data:
  artifacts.taskrun.format: slsa/v1
  artifacts.pipelinerun.format: slsa/v1
  artifacts.oci.storage:
  transparency.enabled: "true"
  signers.x509.fulcio.enabled: ~
`);
    const found = json([file]).findings.filter((f: any) => f.rule === 'TEKTON_FEATURE_FLAGS' || f.rule === 'CHAINS_KNOWN_KEYS')
      .map((f: any) => [f.object, f.property, f.value, f.problem.replace(/:.*/, '')]);
    expect(found).toEqual([
      ['ConfigMap/tekton-pipelines/feature-flags', 'data.set-security-context', 'true', 'is not a string'],
      ['ConfigMap/tekton-pipelines/feature-flags', 'data.coschedule', 'null', 'is null, which the API server stores as "" (a client-side kubectl apply over an existing feature-flags removes the key instead), and "" is not a value Tekton reads (Tekton reads only "disabled", "workspaces", "pipelineruns", "isolate-pipelinerun", in any case)'],
      ['ConfigMap/tekton-pipelines/feature-flags', 'data.max-result-size', '16', 'is not a string'],
      ['ConfigMap/tekton-pipelines/feature-flags', 'data.enable-step-actions', '1000', 'is not a string'],
      ['ConfigMap/tekton-chains/chains-config', "data['artifacts.oci.storage']", 'null', 'is null, which the API server stores as "" (a client-side kubectl apply over an existing chains-config removes the key instead)'],
      ['ConfigMap/tekton-chains/chains-config', "data['signers.x509.fulcio.enabled']", 'null', 'is null, which the API server stores as "" (a client-side kubectl apply over an existing chains-config removes the key instead), and "" is not one of 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False'],
    ]);
  });

  test('merge keys: <<: *hardened passes; a key after << overrides it; << overrides the keys before it', () => {
    expect(findings([path.join(FIXTURES, 'merge.yaml')])).toEqual([
      ['Task/ci/merged', "step 'overridden-after'", 'NOT_PRIVILEGED', 'securityContext.privileged', 'true'],
    ]);
  });

  test('a directory: .json and .YML found, a SecretList item gets kind Secret', () => {
    const r = json([FIXTURES]);
    expect(r.summary).toEqual({
      files: 4, skippedFiles: 0, unreadFiles: 0, internalErrors: 0, objects: 5, failed: 11, relaxed: 0, accepted: 0, baselined: 0,
    });
    expect([...new Set(r.findings.map((f: any) => `${path.basename(f.file)} ${f.object} ${f.rule}`))]).toEqual([
      'booleans.yaml Task/ci/yaml11 NOT_PRIVILEGED',
      'booleans.yaml Task/ci/yaml11 RUN_AS_NON_ROOT',
      'booleans.yaml Task/ci/yaml11 NO_PRIVILEGE_ESCALATION',
      'list.json Secret/ci/inferred NO_SECRET_MATERIAL',
      'merge.yaml Task/ci/merged NOT_PRIVILEGED',
      'role.YML Role/ci/everything RBAC_NO_WILDCARD',
      'role.YML Role/ci/everything RBAC_NO_SECRET_LISTING',
      'role.YML Role/ci/everything RBAC_NO_ESCALATION',
    ]);
  });

  test('duplicate keys: the last one wins, as in kubectl (non-strict sigs.k8s.io/yaml)', () => {
    const step = (sc: string) => `apiVersion: tekton.dev/v1
kind: Task
metadata: {name: t}
spec:
  steps:
    - name: s
      image: ${IMAGE}
      securityContext:
${sc}
`;
    const dir = tmp();
    write(dir, 'a.yaml', step('        privileged: true\n        privileged: false'));
    write(dir, 'b.yaml', step('        privileged: false\n        privileged: true'));
    const rules = (file: string) => json([path.join(dir, file)]).findings.map((f: any) => f.rule);
    expect(rules('a.yaml')).not.toContain('NOT_PRIVILEGED');
    expect(rules('b.yaml')).toContain('NOT_PRIVILEGED');
  });
});

describe('where malformed indentation is reported (the line kubectl names, at what is written there)', () => {
  test('a mapping entry indented otherwise than its siblings: at its key, not column 1', () => {
    // kubectl: "yaml: line 4: did not find expected key" (go-yaml names the line before); the key is at 5:2
    expect(refusal('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n data:\n  a: b\n'))
      .toBe('f.yaml:5:2: invalid YAML: All mapping items must start at the same column');
  });

  test('a sequence entry indented otherwise than its siblings: at its "-"', () => {
    expect(refusal('kind: A\nmetadata:\n  name: x\n  labels:\n    - a\n   - b\n'))
      .toBe('f.yaml:6:4: invalid YAML: A block sequence may not be used as an implicit map key');
    expect(refusal('kind: A\ndata:\n  a: b\n  - c\n')).toBe('f.yaml:4:3: invalid YAML: A block sequence may not be used as an implicit map key');
  });

  test('a key indented under a plain value: at its ":" on its own line, where go-yaml fails ("line 8: mapping values are not allowed in this context")', () => {
    expect(refusal('apiVersion: tekton.dev/v1\nkind: Task\nmetadata:\n  name: x\nspec:\n  steps:\n    - name: a\n       image: alpine\n'))
      .toBe('f.yaml:8:13: invalid YAML: Nested mappings are not allowed in compact mappings');
  });

  test('a tab in the indentation stays at the tab', () => {
    expect(refusal('kind: A\ndata:\n\ta: b\n')).toBe('f.yaml:3:1: invalid YAML: found character that cannot start any token (a tab in the indentation of a line)');
  });
});

describe('merge keys and aliases as go-yaml v2 decodes them', () => {
  test('a sequence of merges: the earlier mapping wins; a quoted "<<" is a plain key', () => {
    expect(read('kind: A\nx: &a {k: 1}\ny: &b {k: 2, j: 2}\nv:\n  <<: [*a, *b]\n  "<<": q\n')[0].v).toEqual({ 'k': 1, 'j': 2, '<<': 'q' });
  });

  test('only mappings merge', () => {
    expect(refusal('kind: A\nv:\n  <<: 5\n')).toBe('f.yaml:3:7: invalid YAML: map merge requires map or sequence of maps as the value');
    expect(refusal('kind: A\nx: &s [1]\nv:\n  <<: [*s]\n')).toBe('f.yaml:4:7: invalid YAML: map merge requires map or sequence of maps as the value');
  });

  test('aliases are copies, undefined or self-referencing ones are refused', () => {
    expect(read('kind: A\nx: &x {a: yes}\nz: [*x, *x]\n')[0].z).toEqual([{ a: true }, { a: true }]);
    expect(refusal('kind: A\nv: *nope\n')).toBe("f.yaml:2:4: invalid YAML: unknown anchor 'nope' referenced");
    expect(refusal('kind: A\nv: &a [*a]\n')).toBe("f.yaml:2:8: invalid YAML: anchor 'a' value contains itself");
  });

  const BOMB = [
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
    'kind: A',
    '',
  ].join('\n');

  test('a 1 KB "billion laughs" is refused in well under a second (go-yaml v2\'s alias budget)', () => {
    expect(BOMB.length).toBeLessThan(1024);
    const dir = tmp();
    const file = write(dir, 'bomb.yaml', BOMB);
    const started = process.hrtime.bigint();
    const r = audit([file]);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    expect(r).toEqual({ exitCode: 2, stdout: `${file}:2:17: error: invalid YAML: document contains excessive aliasing\n\n${ONE_UNREAD}\n`, stderr: '' });
    expect(ms).toBeLessThan(1000);
  });

  test('the same bomb with a small heap: refused, not out of memory', () => {
    const dir = tmp();
    const file = write(dir, 'bomb.yaml', BOMB.replace('kind: A', 'kind: A\nz: [*i, *i, *i, *i, *i, *i, *i, *i, *i]'));
    const entry = path.join(__dirname, '..', '..', 'src', 'cli', 'main.ts');
    const r = spawnSync(process.execPath, ['--max-old-space-size=128', '-r', 'ts-node/register/transpile-only', entry, 'audit', '--format', 'json', file], {
      encoding: 'utf8', timeout: 60_000, env: { ...process.env, TS_NODE_PROJECT: path.join(__dirname, '..', 'tsconfig.json') },
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`error: ${file}:2:17: invalid YAML: document contains excessive aliasing\n`);
    expect(JSON.parse(r.stdout).unreadFiles).toEqual([{ file, line: 2, column: 17, message: 'invalid YAML: document contains excessive aliasing' }]);
  });

  test('aliases within the budget are expanded (go-yaml allows 99% alias work below 400,000 decodes)', () => {
    const ten = Array(10).fill('*a').join(',');
    const text = `kind: A\nx: &a [${Array(10).fill('1').join(',')}]\ny: &b [${ten}]\nz: [${Array(10).fill('*b').join(',')}]\n`;
    expect(read(text)[0].z.flat(2)).toHaveLength(1000);
  });
});

describe('comments that hold a {{…}} template (Pipelines-as-Code fills them as it fills values)', () => {
  test('each is said of the object of its document; those of a piece without one of the next object, else of the last', () => {
    const text = '# head {{ a }}\n---\n# top {{ body.x }}\nkind: A\nv: 1 # after {{ b }}\n# none\nw: |\n  # {{ in block }}\n'
      + 'q: "# {{ quoted }}"\nc: x #{{ c }}\nd: x#{{ plain }}\n---\n# tail {{ c }}\n---\nkind: B\n---\n# last {{ d }}\n';
    const objects = parseManifests(text, 'f.yaml');
    expect(objects.map((o) => o.object.kind)).toEqual(['A', 'B']);
    expect(objects.map((o) => commentsOf(o.object))).toEqual([
      [
        { text: '# head {{ a }}', line: 1, column: 1 },
        { text: '# top {{ body.x }}', line: 3, column: 1 },
        { text: '# after {{ b }}', line: 5, column: 6 },
        { text: '#{{ c }}', line: 10, column: 6 },
      ],
      [{ text: '# tail {{ c }}', line: 13, column: 1 }, { text: '# last {{ d }}', line: 17, column: 1 }],
    ]);
    // a # in a block or quoted scalar, or inside a plain one, is text
    expect(objects[0].object).toMatchObject({ w: '# {{ in block }}\n', q: '# {{ quoted }}', c: 'x', d: 'x#{{ plain }}' });
    // a JSON document has none; nor has a file without {{ after a #
    expect(commentsOf(parseManifests('{"kind": "A", "v": "# {{ body.x }}"}', 'f.json')[0].object)).toEqual([]);
    expect(templateComments('kind: A # {{\nv: 1 # }}\n')).toEqual([{ offset: 8, text: '# {{' }]);
    expect(templateComments('kind: A # x\nv: "{{ body.x }}"\n')).toEqual([]);
  });

  test('a file without an object whose comment (or, not a manifest, whose text) holds a placeholder the event fills is refused: no object to say the finding of', () => {
    const said = (at: string, text: string, placeholder: string) => `${at}: the comment ${JSON.stringify(text)} holds ${placeholder}, which `
      + "Pipelines-as-Code replaces with text the event's sender writes before the YAML is read, in a file with no object: a line break in "
      + 'it ends the comment, and what follows is YAML, after a `---` line a PipelineRun of its own, which no rule sees here '
      + `(TEMPLATE_INJECTION). Take ${placeholder} out of the comment, or leave the file out of the audit where Pipelines-as-Code does not read it.`;
    expect(() => parseManifests('# triggered by {{ body.pull_request.body }}\n', 'f.yaml'))
      .toThrow(new InputError(said('f.yaml:1:1', '# triggered by {{ body.pull_request.body }}', '{{ body.pull_request.body }}')));
    expect(() => parseManifests('---\n# a\n---\nnull # {{ trigger_comment }}\n', 'f.yaml'))
      .toThrow(new InputError(said('f.yaml:4:6', '# {{ trigger_comment }}', '{{ trigger_comment }}')));
    expect(() => parseManifests('kind: List\napiVersion: v1\nitems: [] # {{cel: body.x}}\n', 'f.yaml'))
      .toThrow(new InputError(said('f.yaml:3:11', '# {{cel: body.x}}', '{{cel: body.x}}')));
    // a file that is no manifest (Helm values, a list) is refused, not skipped, when its text holds one anywhere
    const text = (at: string, placeholder: string) => `${at}: the text holds ${placeholder}, which Pipelines-as-Code replaces with text the `
      + "event's sender writes before the YAML is read, in a file with no Kubernetes object (no document is a mapping with apiVersion and "
      + 'kind), which the audit would skip: a line break or a quote in the value ends what it is written in, and what follows is YAML, after '
      + `a \`---\` line a PipelineRun of its own, which no rule sees here (TEMPLATE_INJECTION). Take ${placeholder} out of the file, or leave `
      + 'the file out of the audit where Pipelines-as-Code does not read it.';
    expect(() => parseManifests('values:\n  title: "{{ body.pull_request.title }}"\n', 'f.yaml'))
      .toThrow(new InputError(text('f.yaml:2:11', '{{ body.pull_request.title }}')));
    expect(() => parseManifests('- a\n- b # {{ sender }}\n', 'f.yaml')).toThrow(new InputError(text('f.yaml:2:7', '{{ sender }}')));
    expect(() => parseManifests('values:\n  title: "{{ .Values.title }} {{ revision }}"\n', 'f.yaml'))
      .toThrow(new NotManifestError('f.yaml: no Kubernetes object (no document is a mapping with apiVersion and kind)'));
    // placeholders the event does not fill, and none at all, leave it a file without objects
    expect(parseManifests('# {{ revision }} {{ .Values.x }}\n---\n# plain\n', 'f.yaml')).toEqual([]);
  });

  test('kustomize patches of `.tekton/` holding a placeholder the event fills: judged as objects, or refused as files without one', () => {
    const judged = (text: string) => parseManifests(text, 'f.yaml').flatMap((o) => TEMPLATE_INJECTION.check(o.object).map((f) => [o.object.kind, f.property, f.value]));
    // a Kustomization's inline patch, and a strategic merge patch with its kind (an object, even without apiVersion)
    expect(judged('apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [pr.yaml]\npatches:\n  - patch: |-\n'
      + '      - op: add\n        path: /metadata/annotations/b\n        value: "{{ source_branch }}"\n'))
      .toEqual([['Kustomization', 'patches[0].patch', '- op: add\n  path: /metadata/annotations/b\n  value: "{{ source_branch }}"']]);
    expect(judged('kind: PipelineRun\nmetadata:\n  name: build\n  annotations:\n    b: "{{ trigger_comment }}"\n'))
      .toEqual([['PipelineRun', 'metadata.annotations.b', '{{ trigger_comment }}']]);
    // a JSON 6902 patch (a list) and a strategic merge patch without a kind are no objects: refused, not skipped
    const text = (at: string, placeholder: string) => `${at}: the text holds ${placeholder}, which Pipelines-as-Code replaces with text the `
      + "event's sender writes before the YAML is read, in a file with no Kubernetes object (no document is a mapping with apiVersion and "
      + 'kind), which the audit would skip: a line break or a quote in the value ends what it is written in, and what follows is YAML, after '
      + `a \`---\` line a PipelineRun of its own, which no rule sees here (TEMPLATE_INJECTION). Take ${placeholder} out of the file, or leave `
      + 'the file out of the audit where Pipelines-as-Code does not read it.';
    expect(() => parseManifests('- op: add\n  path: /spec/params/-\n  value: {name: branch, value: "{{ source_branch }}"}\n', 'patch.yaml'))
      .toThrow(new InputError(text('patch.yaml:3:33', '{{ source_branch }}')));
    expect(() => parseManifests('[{"op": "replace", "path": "/metadata/name", "value": "{{ sender }}"}]\n', 'patch.json'))
      .toThrow(new InputError(text('patch.json:1:56', '{{ sender }}')));
    expect(() => parseManifests('metadata:\n  name: build\n  annotations:\n    b: "{{ cel: body.ref }}"\n', 'patch.yaml'))
      .toThrow(new InputError(text('patch.yaml:4:9', '{{ cel: body.ref }}')));
  });

  test('a comment on a `---` line that cuts the text is said of the next object, else of the last (CRLF too)', () => {
    const objects = parseManifests('kind: A\n--- # {{ body.x }}\nkind: B\n...\n---\t#{{ sender }}\r\nkind: C\n--- # {{ cel: body.y }}\n', 'f.yaml');
    expect(objects.map((o) => [o.object.kind, commentsOf(o.object)])).toEqual([
      ['A', []],
      ['B', [{ text: '# {{ body.x }}', line: 2, column: 5 }]],
      ['C', [{ text: '#{{ sender }}', line: 5, column: 5 }, { text: '# {{ cel: body.y }}', line: 7, column: 5 }]],
    ]);
  });

  test('an entry a later duplicate key overwrites that holds one is recorded (kubectl reads the last, PaC fills both)', () => {
    const [o] = parseManifests('kind: A\nv: "{{ body.x }}"\nw:\n  a: 1\n  a: |\n    {{ sender }}\n  a: 2\nv: ok # {{ revision }}\n', 'f.yaml');
    expect(o.object).toEqual({ kind: 'A', v: 'ok', w: { a: 2 } });
    expect(commentsOf(o.object)).toEqual([
      { text: '# {{ revision }}', line: 8, column: 7 },
      { text: 'a: |\n    {{ sender }}\n', line: 5, column: 3, overwritten: true },
      { text: 'v: "{{ body.x }}"', line: 2, column: 1, overwritten: true },
    ]);
    // one without a template, or only through an alias, is not
    expect(commentsOf(parseManifests('kind: A\nv: 1\nv: 2\nx: &a {k: "{{ body.x }}"}\ny: {<<: *a, k: 3}\n', 'f.yaml')[0].object)).toEqual([]);
  });

  test('a placeholder the event fills written across YAML\'s tokens is recorded (no scalar or comment holds it whole)', () => {
    const [o] = parseManifests('kind: A\nv:\n  - x {{ cel: body.ref }}\n  - "{{ cel: body.ok }}"\nw: a {{ body.b #c }}\r\nz: "{{ body.z" # }}\n', 'f.yaml');
    expect(o.object).toEqual({ kind: 'A', v: [{ 'x {{ cel': 'body.ref }}' }, '{{ cel: body.ok }}'], w: 'a {{ body.b', z: '{{ body.z' });
    // (the comments `#c }}` and `# }}` hold no `{{`: not comments of a template)
    expect(commentsOf(o.object)).toEqual([
      { text: '{{ cel: body.ref }}', line: 3, column: 7, split: true },
      { text: '{{ body.b #c }}', line: 5, column: 6, split: true },
      { text: '{{ body.z" # }}', line: 6, column: 5, split: true },
    ]);
  });

  test('a placeholder the event fills after the ... line that ends the document, or the flow collection that is it, is recorded (kubectl does not read that text)', () => {
    const [o] = parseManifests('kind: A\nv: 1\n... x: "{{ body.a }}"\nw: "{{ sender }}" # {{ body.c }}\nz: "{{ revision }}"\n', 'f.yaml');
    expect(o.object).toEqual({ kind: 'A', v: 1 });
    expect(commentsOf(o.object)).toEqual([
      { text: '# {{ body.c }}', line: 4, column: 19 },
      { text: '{{ body.a }}', line: 3, column: 9, afterEnd: true },
      { text: '{{ sender }}', line: 4, column: 5, afterEnd: true },
    ]);
    // after a flow collection that is the document, which go-yaml reads alone
    const [flow] = parseManifests('{kind: A, v: "{{ body.a }}"}\nx: "{{ body.b }}"\n', 'f.yaml');
    expect([flow.object, commentsOf(flow.object)]).toEqual([{ kind: 'A', v: '{{ body.a }}' }, [{ text: '{{ body.b }}', line: 2, column: 5, afterEnd: true }]]);
  });

  test('a long line of # is looked at once: no time quadratic in its length', () => {
    const started = Date.now();
    const [o] = parseManifests(`kind: A\n#${'#'.repeat(300_000)}\nv: "{{ body.x }}"\n`, 'f.yaml');
    expect([o.object.v, commentsOf(o.object)]).toEqual(['{{ body.x }}', []]);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('a comment ends at a line break as libyaml reads them: a lone CR, NEL, U+2028 (CRLF files counted as editors do)', () => {
    // (a U+2028 the reader takes only where it changes nothing, as here before a LF)
    for (const brk of ['\r', '\u0085', '\u2028\n']) {
      const [o] = parseManifests(`kind: A\nv: 1 # {{ body.x }}${brk}w: 2\n`, 'f.yaml');
      expect([o.object, commentsOf(o.object)]).toEqual([{ kind: 'A', v: 1, w: 2 }, [{ text: '# {{ body.x }}', line: 2, column: 6 }]]);
    }
    const [crlf] = parseManifests('kind: A\r\n\r\nv: 1 # {{ body.x }}\r\n', 'f.yaml');
    expect(commentsOf(crlf.object)).toEqual([{ text: '# {{ body.x }}', line: 3, column: 6 }]);
  });
});

describe('where a text is written', () => {
  test('locate with a text: where it is written inside the node, else the node', () => {
    const [o] = parseManifests('kind: A\nspec:\n  script: |\n    echo hi\n\n    echo "{{ body.x }}"\n  f: >\n    a\n    ä {{ body.z }}\n'
      + '  q: "a \\x7b{ body.y }}"\n  r: "{{ body.y }}"\n  s:\n  - "{{ body.y }}"\n  m: "a\n\n     b {{ body.m }}"\n  p: \'a\n   {{ body.n }}\'\n', 'f.yaml');
    expect(o.locate(['spec', 'script'], '{{ body.x }}')).toEqual({ line: 6, column: 11, depth: 2 });
    expect(o.locate(['spec', 'f'], '{{ body.z }}')).toEqual({ line: 9, column: 7, depth: 2 });
    // written with an escape: not there; the next one is another node's, at the node's indentation
    expect(o.object.spec.q).toBe('a {{ body.y }}');
    expect(o.locate(['spec', 'q'], '{{ body.y }}')).toEqual({ line: 10, column: 3, depth: 2 });
    expect(o.locate(['spec', 'r'], '{{ body.y }}')).toEqual({ line: 11, column: 7, depth: 2 });
    expect(o.locate(['spec', 's', 0], '{{ body.y }}')).toEqual({ line: 13, column: 6, depth: 3 });
    // a quoted string over lines: on its line
    expect([o.object.spec.m, o.object.spec.p]).toEqual(['a\nb {{ body.m }}', 'a {{ body.n }}']);
    expect(o.locate(['spec', 'm'], '{{ body.m }}')).toEqual({ line: 16, column: 8, depth: 2 });
    expect(o.locate(['spec', 'p'], '{{ body.n }}')).toEqual({ line: 18, column: 4, depth: 2 });
    // a path that goes further than the object: its deepest node, the text not looked for
    expect(o.locate(['spec', 'script', 'x'], '{{ body.x }}')).toEqual({ line: 3, column: 3, depth: 2 });
    expect(o.locate(['spec', 'nothing'], 'kind')).toEqual({ line: 2, column: 1, depth: 1 });
  });
});

describe('documents', () => {
  test('empty files, comment-only and null documents are no objects', () => {
    const dir = tmp();
    write(dir, 'empty.yaml', '');
    write(dir, 'comments.yaml', '# nothing\n---\n# still nothing\n---\n~\n---\n\n');
    // a run that read no object says so (a wrong path should not pass unnoticed); the exit code is untouched
    expect(audit([dir])).toEqual({ exitCode: 0, stdout: '2 files, 0 objects: 0 findings failed, 0 relaxed\n', stderr: `notice: no Kubernetes object in ${dir}: nothing was audited\n` });
  });

  test('a document that is a scalar, a sequence, or a mapping without kind next to objects is refused: what it is, as written, and what to do', () => {
    const kubectl = (type: string) => `(kubectl refuses it: json: cannot unmarshal ${type} into Go value of type unstructured.detector).`;
    const patch = ' If it is a kustomize patch, put it in a file of its own that its kustomization lists as a patch (the audit skips it) '
      + 'and audit what kustomize renders: `kubectl kustomize KUSTOMIZATION_DIR | cdk8s-secure-tekton audit -`.';
    const noKind = (at: string, written: string) => `f.yaml:${at}: a document is not a Kubernetes object: a mapping with no kind (a non-empty string), `
      + `written ${written} (kubectl refuses it: Object 'Kind' is missing). Give it its apiVersion and kind, or take the document out of the file.${patch}`;
    expect(refusal('kind: A\n---\njust text\n'))
      .toBe(`f.yaml:3:1: a document is not a Kubernetes object: a string, written "just text" ${kubectl('string')} Take the document out of the file.`);
    expect(refusal('kind: A\n---\n12\n...\n'))
      .toBe(`f.yaml:3:1: a document is not a Kubernetes object: a number, written "12" ${kubectl('number')} Take the document out of the file.`);
    expect(refusal('kind: A\n---\ntrue # c\n'))
      .toBe(`f.yaml:3:1: a document is not a Kubernetes object: a boolean, written "true # c" ${kubectl('bool')} Take the document out of the file.`);
    expect(refusal('kind: A\n---\n- a\n- b\n'))
      .toBe(`f.yaml:3:1: a document is not a Kubernetes object: a sequence, written "- a" ${kubectl('array')} Take the document out of the file.${patch}`);
    expect(refusal('kind: A\n---\n# c\napiVersion: v1\nmetadata: {name: x}\n')).toBe(noKind('4:1', '"apiVersion: v1"'));
    expect(refusal('kind: A\n---\nkind: ""\n')).toBe(noKind('3:1', '"kind: \\"\\""'));
    // a long first line is cut; JSON documents as well
    expect(refusal(`{"kind": "A"}\n[{"op": "add", "path": "/metadata/annotations/${'a'.repeat(40)}", "value": "x"}]\n`))
      .toBe(`f.yaml:2:1: a document is not a Kubernetes object: a sequence, written "[{\\"op\\": \\"add\\", \\"path\\": \\"/metadata/annotations/${'a'.repeat(14)}…" ${kubectl('array')} `
        + `Take the document out of the file.${patch}`);
  });

  test('a kustomize patch next to objects that holds a placeholder the event fills: the refusal names it where it is written, not what follows the document', () => {
    const pasted = "which Pipelines-as-Code replaces with text the event's sender writes before the YAML is read (TEMPLATE_INJECTION).";
    // a JSON 6902 patch after a PipelineRun: its placeholder named; one in the next document's comment is not its own
    const refused = (text: string): string => {
      try {
        parseManifests(text, 'f.yaml');
      } catch (e) {
        if (e instanceof InputError) return e.message;
      }
      throw new Error('not refused');
    };
    expect(refused('kind: PipelineRun\n---\n- op: add\n  path: /metadata/annotations/b\n  value: "{{ source_branch }}"\n--- # {{ sender }}\nkind: B\n'))
      .toBe('f.yaml:3:1: a document is not a Kubernetes object: a sequence, written "- op: add" (kubectl refuses it: json: cannot unmarshal array into Go value '
        + `of type unstructured.detector). Its text holds {{ source_branch }} (f.yaml:5:11), ${pasted} Take the document out of the file. If it is a kustomize `
        + 'patch, put it in a file of its own that its kustomization lists as a patch (the audit skips it) and audit what kustomize renders: '
        + '`kubectl kustomize KUSTOMIZATION_DIR | cdk8s-secure-tekton audit -`.');
    expect(refused('kind: PipelineRun\n---\n- op: add\n  value: "{{ revision }}"\n--- # {{ sender }}\nkind: B\n')).not.toContain('{{');
    // a strategic merge patch without kind, its placeholder in a comment
    expect(refused('kind: PipelineRun\n---\nmetadata:\n  name: build # {{ cel: body.ref }}\n'))
      .toContain(`written "metadata:" (kubectl refuses it: Object 'Kind' is missing). Its text holds {{ cel: body.ref }} (f.yaml:4:17), ${pasted} Give it`);
  });

  test('a file none of whose documents is an object is skipped with a notice, given or found (Helm values, workflows, JSON patches)', () => {
    const dir = tmp();
    const notice = (f: string) => `notice: ${f}: no Kubernetes object (no document is a mapping with apiVersion and kind), skipped\n`;
    const files = [
      write(dir, 'text.yaml', 'just text\n'),
      write(dir, 'patch.yaml', '- op: replace\n  path: /spec/steps/0/image\n  value: alpine\n'),
      write(dir, 'values.yaml', 'image:\n  tag: latest\n---\nreplicas: 2\n'),
      write(dir, 'workflow.yml', 'name: ci\non: [push]\njobs:\n  test: {runs-on: ubuntu-latest}\n'),
      // a Helm chart's Chart.yaml (an apiVersion, no metadata), a kustomization without its kind
      write(dir, 'Chart.yaml', 'apiVersion: v2\nname: ci\nversion: 1.0.0\ndescription: CI\ntype: application\nappVersion: "1"\ndependencies: []\nannotations: {a: b}\n'),
      write(dir, 'kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nmetadata: {name: k}\nresources: []\n'),
    ];
    const nothing = (p: string) => `notice: no Kubernetes object in ${p}: nothing was audited\n`;
    for (const f of files) {
      expect(audit([f])).toEqual({ exitCode: 0, stdout: '0 files, 0 objects: 0 findings failed, 0 relaxed, 1 file skipped\n', stderr: notice(f) + nothing(f) });
    }
    expect(audit([dir])).toEqual({
      exitCode: 0,
      stdout: '0 files, 0 objects: 0 findings failed, 0 relaxed, 6 files skipped\n',
      stderr: [...files].sort().map(notice).join('') + nothing(dir),
    });
  });

  test('a mapping written as an object with no kind is refused as kubectl refuses it, alone as beside an object', () => {
    const noKind = (written: string) => `a document is not a Kubernetes object: a mapping with no kind (a non-empty string), written "${written}" `
      + "(kubectl refuses it: Object 'Kind' is missing). Give it its apiVersion and kind, or take the document out of the file. If it is a "
      + 'kustomize patch, put it in a file of its own that its kustomization lists as a patch (the audit skips it) and audit what kustomize '
      + 'renders: `kubectl kustomize KUSTOMIZATION_DIR | cdk8s-secure-tekton audit -`.';
    const task = 'metadata:\n  name: build\nspec:\n  steps:\n  - {name: s, image: alpine, securityContext: {privileged: true}}\n';
    expect(refusal(`apiVersion: tekton.dev/v1\nkind:\n${task}`)).toBe(`f.yaml:1:1: ${noKind('apiVersion: tekton.dev/v1')}`);
    // an apiVersion and items with no kind (kubectl: Object 'Kind' is missing), alone in its file: refused, not skipped
    expect(refusal('apiVersion: v1\nitems: []\n')).toBe(`f.yaml:1:1: ${noKind('apiVersion: v1')}`);
    // an apiVersion and any body but a Helm Chart.yaml's (a ConfigMap's data, a Role's rules, a binding's subjects), or items that hold an object
    expect(refusal('apiVersion: v1\ndata:\n  default-service-account: build-bot\n')).toBe(`f.yaml:1:1: ${noKind('apiVersion: v1')}`);
    expect(refusal('apiVersion: rbac.authorization.k8s.io/v1\nrules:\n- {apiGroups: [""], resources: [secrets], verbs: [get]}\n'))
      .toBe(`f.yaml:1:1: ${noKind('apiVersion: rbac.authorization.k8s.io/v1')}`);
    expect(refusal('apiVersion: rbac.authorization.k8s.io/v1\nsubjects: []\nroleRef: {kind: Role, name: r}\n')).toBe(`f.yaml:1:1: ${noKind('apiVersion: rbac.authorization.k8s.io/v1')}`);
    expect(refusal('items:\n- apiVersion: tekton.dev/v1\n  kind: PipelineRun\n  metadata: {name: xx}\n')).toBe(`f.yaml:1:1: ${noKind('items:')}`);
    expect(refusal(`# a Task\napiVersion: tekton.dev/v1\nkind: ""\n${task}`)).toBe(`f.yaml:2:1: ${noKind('apiVersion: tekton.dev/v1')}`);
    // the last of two kind keys wins (sigs.k8s.io/yaml): null
    expect(refusal('apiVersion: tekton.dev/v1\nkind: Task\nmetadata: {name: a}\nkind: ~\n')).toBe(`f.yaml:1:1: ${noKind('apiVersion: tekton.dev/v1')}`);
    // no kind key at all, with an apiVersion and metadata; a kind key with no apiVersion
    expect(refusal(`apiVersion: tekton.dev/v1\n${task}`)).toBe(`f.yaml:1:1: ${noKind('apiVersion: tekton.dev/v1')}`);
    expect(refusal(`apiVersion: tekton.dev/v1\n${task.replace('metadata:\n  name: build\n', '')}`)).toBe(`f.yaml:1:1: ${noKind('apiVersion: tekton.dev/v1')}`);
    expect(refusal('kind: ""\n')).toBe(`f.yaml:1:1: ${noKind('kind: \\"\\"')}`);
    expect(refusal('---\nkind: 5\nspec: {}\n')).toBe(`f.yaml:2:1: ${noKind('kind: 5')}`);
    // beside an object, as before
    expect(refusal(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\napiVersion: tekton.dev/v1\nkind:\n${task}`))
      .toBe(`f.yaml:5:1: ${noKind('apiVersion: tekton.dev/v1')}`);
  });

  test('documents are cut at lines starting with ---; only a comment may follow', () => {
    expect(read('--- # first\nkind: A\n---\nkind: B\n---   \nkind: C\n').map((o) => o.kind)).toEqual(['A', 'B', 'C']);
    expect(refusal('kind: A\n--- {kind: B}\n')).toBe('f.yaml:2:1: invalid YAML: invalid document separator: {kind: B}');
    expect(refusal('kind: A\n----\n')).toBe('f.yaml:2:1: invalid YAML: invalid document separator: -');
  });

  test('go-yaml reads the first document of a piece: what follows a ... line is not applied', () => {
    expect(read('kind: A\n...\nkind: B\n')).toEqual([{ kind: 'A' }]);
  });

  test('a --- line that ends nothing stays in its piece, as YAMLReader keeps it: go-yaml reads a document start', () => {
    // kubectl applies nothing of these: the document the --- starts is ended by ... or a directive
    expect(read('---\n...\nkind: A\n')).toEqual([]);
    expect(read('kind: A\n---\n---\n...\nkind: B\n')).toEqual([{ kind: 'A' }]);
    expect(read('--- # c\n%YAML 1.1\n---\nkind: A\n')).toEqual([{ kind: 'A' }]);
    // the object starts after the ---
    expect(parseManifests('--- # c\n\n  kind: A\n', 'f.yaml').map((o) => [o.line, o.column])).toEqual([[3, 3]]);
    // ---# is a plain scalar to go-yaml: kubectl fails on what follows
    expect(refusal('---#c\nkind: A\n')).toBe('f.yaml:1:1: invalid YAML: a --- line followed by # without a space is a plain scalar to go-yaml, not a document start');
    expect(read('kind: A\n---#c\nkind: B\n')).toEqual([{ kind: 'A' }, { kind: 'B' }]);
    // after one JSON value, a failing first YAML document is reported as the JSON error
    expect(refusal('{"kind": "A"}\n---#c\nkind: B\n')).toBe('f.yaml:2:2: invalid JSON: No number after minus sign');
  });

  test('content on a ... line is a second document, which go-yaml does not read', () => {
    expect(read('kind: A\n... x\nkind: B\n')).toEqual([{ kind: 'A' }]);
    expect(read('kind: A\nv: |\n  a\n...\tx: 1\n')).toEqual([{ kind: 'A', v: 'a\n' }]);
  });

  test('a CR not before LF is a line break to go-yaml, but not to kubectl\'s --- cutting: a --- after it starts a second document', () => {
    expect(read('kind: A\r---\rkind: B\r')).toEqual([{ kind: 'A' }]);
    expect(read('kind: A\rv: "x\r  y"\r')).toEqual([{ kind: 'A', v: 'x y' }]);
  });

  test('positions count a CR not before LF as a line break, as editors and go-yaml do', () => {
    expect(refusal('kind: A\rv:\r  - *b\r')).toBe("f.yaml:3:5: invalid YAML: unknown anchor 'b' referenced");
    expect(refusal('kind: A\r\nv: 1\rw: *b\n')).toBe("f.yaml:3:4: invalid YAML: unknown anchor 'b' referenced");
    const [object] = parseManifests('kind: A\rv:\r  w: 1\r', 'f.yaml');
    expect(object.locate(['v', 'w'])).toEqual({ line: 3, column: 3, depth: 2 });
    expect(refusal(Buffer.concat([Buffer.from('kind: A\rv: x'), Buffer.from([0xff]), Buffer.from('\r')]))).toBe('f.yaml:2:5: invalid UTF-8 (byte 0xff)');
  });

  test('a ... line before any content of an implicit document is refused, as go-yaml refuses it', () => {
    expect(refusal('...\nkind: A\n')).toBe('f.yaml:1:1: invalid YAML: did not find expected node content (a ... line before the document)');
    expect(refusal('kind: A\n---\n# c\n...\nkind: B\n')).toBe('f.yaml:4:1: invalid YAML: did not find expected node content (a ... line before the document)');
    expect(refusal('{"kind": "A"}\n...\nkind: B\n')).toBe("f.yaml:2:1: invalid JSON: Unexpected token '.'");
    // indented, it is a plain scalar
    expect(read('kind: A\nv:\n  ...\n')).toEqual([{ kind: 'A', v: '...' }]);
  });

  test('keys kubectl would keep at random, null keys, NaN and infinities are refused', () => {
    expect(refusal('kind: A\ndata:\n  1: a\n  "1": b\n')).toBe('f.yaml:4:3: invalid YAML: keys 1 and "1" are both "1" in JSON, and kubectl keeps one of them at random');
    expect(refusal('kind: A\ndata:\n  ~: a\n')).toBe('f.yaml:3:3: invalid YAML: a mapping key is null, which JSON cannot have (unsupported map key of type: %!s(<nil>))');
    expect(refusal('kind: A\nv: .nan\n')).toBe('f.yaml:2:4: invalid YAML: .nan is not a JSON number (json: unsupported value: NaN)');
    expect(refusal('kind: A\nv: [-.inf]\n')).toBe('f.yaml:2:5: invalid YAML: -.inf is not a JSON number (json: unsupported value: -Inf)');
    expect(refusal('kind: A\nv:\n  ? [a]\n  : b\n')).toBe('f.yaml:3:5: invalid YAML: invalid map key: a sequence');
  });

  test('what go-yaml refuses and YAML 1.2 parsers accept', () => {
    expect(refusal('kind: A\nv: !!int yes\n')).toBe('f.yaml:2:10: invalid YAML: cannot decode !!bool `yes` as a !!int');
    expect(refusal('kind: A\nv: "\\/"\n')).toBe('f.yaml:2:5: invalid YAML: found unknown escape character');
    expect(refusal('kind: A\nv: "\\ud83d\\ude00"\n')).toBe('f.yaml:2:5: invalid YAML: found invalid Unicode character escape code');
    expect(refusal('%YAML 1.1\n---\nkind: A\n')).toBe('f.yaml:1:1: invalid YAML: did not find expected <document start> (a % directive needs a --- line after it, and kubectl cuts the file at --- lines)');
    expect(refusal('kind: A\nv: "a\u0007b"\n')).toBe('f.yaml:2:6: invalid YAML: control characters are not allowed (U+0007)');
    expect(refusal('kind: A\nv: !!binary "a"\n')).toBe('f.yaml:2:13: invalid YAML: !!binary value contains invalid base64 data');
  });

  test('anchor and alias names end where go-yaml ends them: kubectl reads &a:b 1 as the anchor a on ":b 1"', () => {
    expect(read('kind: A\nv: &a:b 1\nw: *a\nx: &a-b?c 2\n')).toEqual([{ kind: 'A', v: ':b 1', w: ':b 1', x: '?c 2' }]);
    // in a flow collection the : after an alias is a value indicator
    expect(read('kind: A\nv: &a 1\nw: [*a:c]\n')).toEqual([{ kind: 'A', v: 1, w: [{ 1: 'c' }] }]);
    expect(parseManifests('kind: A\nv: &a:b 1\nw: [*a:c, {d: 1}]\n', 'f.yaml')[0].locate(['w', 1, 'd'])).toEqual({ line: 3, column: 12, depth: 3 });
    // a name with another character (or none) is one go-yaml fails on
    expect(refusal('kind: A\nv: &é 1\nw: *é\n')).toBe("f.yaml:2:4: invalid YAML: anchor &é: go-yaml's names have only letters, digits, - and _ (it reads & and then what follows)");
    expect(refusal('kind: A\nv: &a.b 1\n')).toBe("f.yaml:2:4: invalid YAML: anchor &a.b: go-yaml's names have only letters, digits, - and _ (it reads &a and then what follows)");
    expect(read('kind: A\nv: &a-b_9 [1]\nw: *a-b_9\n')).toEqual([{ kind: 'A', v: [1], w: [1] }]);
    // what follows the name is read anew: a plain scalar here, whose # is text
    expect(read('kind: A\nw: &a:b [1, 2]#c\n')).toEqual([{ kind: 'A', w: ':b [1, 2]#c' }]);
    // each such name is read again from there: past 1000 of them, the text is not read
    expect(refusal(`kind: A\nv:\n${'- &a:b\n'.repeat(1000)}`)).toBe(
      'f.yaml:1:1: invalid YAML: more than 1000 places where go-yaml reads the text otherwise than YAML 1.2 parsers (an anchor name followed by ? or :, a ? or : starting a flow scalar, a flow collection or quoted scalar indented too little): the audit does not read it',
    );
  });

  test('a block scalar\'s lines of spaces keep the spaces beyond its indentation, as go-yaml keeps them', () => {
    // (the anchor sends the document to the full path, whose parser took the lines for empty ones)
    expect(read('kind: A\nm: &m 1\nv:\n  a: |2\n      \n  b: |2+\n      \n\n  c: >2-\n       \n')).toEqual([
      { kind: 'A', m: 1, v: { a: '  \n', b: '  \n\n', c: '   ' } },
    ]);
    // the indentation counts from the sequence's - or the mapping's first key
    expect(read('kind: A\nm: &m 1\nv:\n- |2\n     \n- a: |1\n     \n')).toEqual([{ kind: 'A', m: 1, v: ['   \n', { a: '  \n' }] }]);
    expect(fastDecode('kind: A\nv:\n  a: |2\n      \n')?.value).toEqual({ kind: 'A', v: { a: '  \n' } });
    // with the indentation found from the first line, the lines of spaces after the last line of content too
    const text = 'kind: A\nv: |\n  echo hi\n      \nw: >-\n   a\n    \n     \nx: |+\n\n   \n    b\n     \n';
    const expected = { kind: 'A', v: 'echo hi\n    \n', w: 'a\n \n  ', x: '\n\nb\n \n' };
    expect(read(text.replace('kind: A\n', 'kind: A\nm: &m 1\n'))).toEqual([{ ...expected, m: 1 }]);
    expect(fastDecode(text)?.value).toEqual(expected);
    // the collection holding it is indented as its first key, tag or anchor included
    expect(read('kind: A\nm: &m 1\nv:\n  !!str a: 1\n  b: |\n      x\nw:\n- &k c: 1\n  d: |\n    y\n')).toEqual([
      { kind: 'A', m: 1, v: { a: 1, b: 'x\n' }, w: [{ c: 1, d: 'y\n' }] },
    ]);
  });

  test('a key without ? must have its : on its line, at most 1024 characters from its start, as libyaml looks for it', () => {
    const message = "could not find expected ':' (go-yaml takes a key without ? only with its ':' on the same line, at most 1024 characters from its start)";
    for (const [text, at] of [
      ['kind: A\nv: {a\n  b: 1}\n', '2:5'],
      ['kind: A\nv: {"a\n  b": 1}\n', '2:5'],
      ['kind: A\nv: {a\n : 1}\n', '2:5'],
      [`kind: A\nv: {${'k'.repeat(1025)}: 1}\n`, '2:5'],
    ]) {
      // the fast path leaves these to the full path, which refuses them
      expect(fastDecode(text)).toBeUndefined();
      expect(refusal(text)).toBe(`f.yaml:${at}: invalid YAML: ${message}`);
    }
    expect(refusal(`kind: A\n${'k'.repeat(1024)} : 1\n`)).toBe('f.yaml:2:1: invalid YAML: The : indicator must be at most 1024 chars after the start of an implicit block mapping key');
    // at the limit, with ?, or without a value, kubectl reads them
    expect(read(`kind: A\n${'k'.repeat(1024)}: 1\nv: {${'w'.repeat(1024)}: 2}\n`)).toEqual([{ kind: 'A', ['k'.repeat(1024)]: 1, v: { ['w'.repeat(1024)]: 2 } }]);
    expect(read(`kind: A\n? ${'k'.repeat(1100)}\n: 1\nv: {? a\n  b : 2, c\n  d}\n`)).toEqual([{ kind: 'A', ['k'.repeat(1100)]: 1, v: { 'a b': 2, 'c d': null } }]);
  });

  test('a plain scalar of a flow collection is read as go-yaml scans it: kubectl reads [a:, b] as ["a:", "b"], [-] as ["-"], [?a] as [{a: null}]', () => {
    // a : before , [ ] { } is part of the plain scalar, even after blanks or a line break
    expect(read('kind: A\nv: [a:, b]\nw: {a:}\nx: {x: a:}\nu: [a :, b]\nz: [a\n  b:, c]\n')).toEqual([
      { kind: 'A', v: ['a:', 'b'], w: { 'a:': null }, x: { x: 'a:' }, u: ['a :', 'b'], z: ['a b:', 'c'] },
    ]);
    // a - not followed by a blank starts a plain scalar
    expect(read('kind: A\nv: [-]\nw: {a: -}\nx: [-, a, -#c]\nu: {-: a}\n')).toEqual([{ kind: 'A', v: ['-'], w: { a: '-' }, x: ['-', 'a', '-#c'], u: { '-': 'a' } }]);
    // a ? where a token starts is a key indicator, with or without a space after it
    expect(read('kind: A\nv: [?a]\nw: {?a: 1, ?b}\nx: [?a: 1, ? b]\n')).toEqual([{ kind: 'A', v: [{ a: null }], w: { a: 1, b: null }, x: [{ a: 1 }, { b: null }] }]);
    // positions after a ? so read are the text's
    expect(refusal('kind: A\nv: [?a, *b]\n')).toBe("f.yaml:2:9: invalid YAML: unknown anchor 'b' referenced");
    expect(parseManifests('kind: A\nv: [?a, {b: 1}]\n', 'f.yaml')[0].locate(['v', 1, 'b'])).toEqual({ line: 2, column: 10, depth: 3 });
    // kubectl fails on a ? inside a plain scalar and on a : that starts an entry (js-yaml reads both as text)
    expect(refusal('kind: A\nargs: [--url=http://h/p?x=1]\n')).toBe('f.yaml:2:24: invalid YAML: a ? in a plain scalar of a flow collection is a key indicator to go-yaml, which reads the scalar otherwise (quote it)');
    // a quote inside a plain scalar is a character of it: `a":` is a key that no `:` follows
    expect(refusal('kind: A\nv: {a":{b: 1}}\n')).toBe('f.yaml:2:8: invalid YAML: Missing , or : between flow map items');
    expect(read('kind: A\nv: [a":b, {"c":{"d": 1}}]\n')).toEqual([{ kind: 'A', v: ['a":b', { c: { d: 1 } }] }]);
    expect(refusal('kind: A\nv: [:a]\n')).toBe('f.yaml:2:5: invalid YAML: did not find expected node content (an entry of a flow collection starts with :)');
    for (const text of ['kind: A\nv: [a:, b]\n', 'kind: A\nv: [a?b]\n', 'kind: A\nv: [:a]\n', 'kind: A\nv: {a: :b}\n']) expect(fastDecode(text)).toBeUndefined();
    // what both read alike: a : before a space, a URL's :, quoted text, a ? in a block scalar or a comment
    expect(read('kind: A\nv: [a: 1, "b:", \'c?\', http://h:80/p, "x?y"] # why?\nw: a?b\n')).toEqual([{ kind: 'A', v: [{ a: 1 }, 'b:', 'c?', 'http://h:80/p', 'x?y'], w: 'a?b' }]);
    expect(fastDecode('kind: A\nv: [a: 1, "b:", \'c?\', http://h:80/p, "x?y"] # why?\nw: a?b\n')).toBeDefined();
  });

  test('a flow collection that starts an entry of a flow mapping is a key without a : after it too, which go-yaml refuses (a {{ template }})', () => {
    // said at the template's first brace, with the template and how to quote it
    const hint = (template: string, quoted: string) => `invalid map key: a mapping (${template} unquoted: Pipelines-as-Code and Helm fill it `
      + `in before the YAML is read, but the audit reads the file as written, as kubectl does: quote it, ${quoted}, for the file to be audited)`;
    expect(refusal('kind: A\nv: {{ body.x }}\n')).toBe(`f.yaml:2:4: invalid YAML: ${hint('{{ body.x }}', '"{{ body.x }}"')}`);
    expect(refusal('kind: A\nspec:\n  params:\n    - name: revision\n      value: {{revision}}\n')).toBe(`f.yaml:5:14: invalid YAML: ${hint('{{revision}}', '"{{revision}}"')}`);
    expect(refusal('kind: A\nv: [{name: a, value: {{ sender }}}]\n')).toBe(`f.yaml:2:22: invalid YAML: ${hint('{{ sender }}', '"{{ sender }}"')}`);
    // a template that holds a double quote goes in single quotes; one of several lines is shown by its first
    expect(refusal('kind: A\nv: {{ cel: body.a == "b" }}\n')).toBe(`f.yaml:2:4: invalid YAML: ${hint('{{ cel: body.a == "b" }}', '\'{{ cel: body.a == "b" }}\'')}`);
    expect(refusal('kind: A\nv: {{ body.x\n  }}\n')).toBe(`f.yaml:2:4: invalid YAML: ${hint('{{ body.x…', '"{{ body.x…"')}`);
    // a template YAML cannot even read as a mapping is refused with the parser's words, at the template, with the same hint
    const because = (template: string, quoted: string) => hint(template, quoted).replace('invalid map key: a mapping', 'Missing , or : between flow map items');
    expect(refusal('kind: A\nv: {{ headers["X-Tag"] }}\n')).toBe(`f.yaml:2:4: invalid YAML: ${because('{{ headers["X-Tag"] }}', '\'{{ headers["X-Tag"] }}\'')}`);
    expect(refusal("kind: A\nv:\n  - {{ headers['X-Github-Event'] }}\n")).toBe(`f.yaml:3:5: invalid YAML: ${because("{{ headers['X-Github-Event'] }}", '"{{ headers[\'X-Github-Event\'] }}"')}`);
    // the same error elsewhere, or in a template that does not start a value, has no hint
    expect(refusal('kind: A\nv: {a: b{{ "x" c }}}\n')).toBe('f.yaml:2:9: invalid YAML: Unexpected flow-map-start at node end');
    expect(refusal('kind: A\nv: {a: "b" c}\nw: {{ y }}\n')).toBe('f.yaml:2:12: invalid YAML: Unexpected scalar at node end');
    expect(refusal('kind: A\nv: {x: {{b: 1}: 2}}\n')).toBe('f.yaml:2:9: invalid YAML: invalid map key: a mapping');
    expect(refusal('kind: A\nv: {a: 1, [b]}\n')).toBe('f.yaml:2:11: invalid YAML: invalid map key: a sequence');
    for (const text of ['kind: A\nv: {{ body.x }}\n', 'kind: A\nv: {a: 1,\n  {b: 2}}\n', 'kind: A\nv: {a: # c\n  {b: 1}}\n']) expect(fastDecode(text)).toBeUndefined();
    // a null key, with no `:` after it (`{~}`): go-yaml refuses it as any null key
    expect(refusal('kind: A\nv: [{~}]\n')).toBe('f.yaml:2:6: invalid YAML: a mapping key is null, which JSON cannot have (unsupported map key of type: %!s(<nil>))');
    expect(read('kind: A\nv: {a: , b: ~}\n')).toEqual([{ kind: 'A', v: { a: null, b: null } }]);
    // a value after its :, on its line or the next, and collections in a flow sequence, stay on the fast path
    expect(fastDecode('kind: A\nv: {a: {b: 1}, c:\n  [d]}\nw: [{e: 2}, [f]]\n')?.value).toEqual({ kind: 'A', v: { a: { b: 1 }, c: ['d'] }, w: [{ e: 2 }, ['f']] });
  });

  test('a flow collection or a quoted scalar indented no further than its key is read as go-yaml reads it (YAML 1.2 wants more)', () => {
    // the anchor sends the document to the full path, whose parser ended the collection at such a line
    const text = 'kind: A\nm: &m 1\nv:\n  a: [b,\n  c]\n  d: "e\n  f"\n  g: [\nh]\n  i: {j: [k,\n   l]}\n';
    expect(read(text)).toEqual([{ kind: 'A', m: 1, v: { a: ['b', 'c'], d: 'e f', g: ['h'], i: { j: ['k', 'l'] } } }]);
    // positions are the text's, before the spaces the reader put in
    const [object] = parseManifests(text, 'f.yaml');
    expect([object.locate(['v', 'a', 1]), object.locate(['v', 'g', 0]), object.locate(['v', 'i'])]).toEqual([
      { line: 5, column: 3, depth: 3 }, { line: 9, column: 1, depth: 3 }, { line: 10, column: 3, depth: 2 },
    ]);
    // a ... line there ends the document to go-yaml too
    expect(refusal('kind: A\nm: &m 1\nv: [b,\n...\n  c]\n')).toBe('f.yaml:4:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]');
  });

  test('a tag ends where go-yaml ends it: , [ and ] are in it, and a blank or a line break must follow it', () => {
    // [!!int, 5] holds "5" tagged !!int, (a tag go-yaml does not know), not !!int and 5
    expect(read('kind: A\nv: [!x, a]\nw: [!!int, 5]\nx: !x[a]\n')).toEqual([{ kind: 'A', v: ['a'], w: ['5'], x: '' }]);
    expect(refusal('kind: A\nv: !!str"a"\n')).toBe('f.yaml:2:4: invalid YAML: did not find expected whitespace or line break (go-yaml takes a tag only with a blank or a line break after it)');
    expect(refusal('kind: A\nv: {a: [1], b: !x}\n')).toBe('f.yaml:2:16: invalid YAML: did not find expected whitespace or line break (go-yaml takes a tag only with a blank or a line break after it)');
    expect(refusal('kind: A\nv: [?a, !x#c]\n')).toBe('f.yaml:2:9: invalid YAML: did not find expected whitespace or line break (go-yaml takes a tag only with a blank or a line break after it)');
    // found after spaces were put in (the line's indentation): the position is the text's
    expect(refusal('kind: A\nm: &m 1\nv: [b,\nc, !x#c]\n')).toBe('f.yaml:4:4: invalid YAML: did not find expected whitespace or line break (go-yaml takes a tag only with a blank or a line break after it)');
  });

  test('a tag is a handle (!, !! or !name!) and a suffix, in which a ! is a character; !<!> is the ! tag', () => {
    // tags go-yaml does not know: the values are strings (`!!str!` is tag:yaml.org,2002:str!, no !!str)
    expect(read('kind: A\nv: !~!str 1\nw: [!!!x 1, !.! yes]\nx: !!int! 0x10\nz: !~!map\n  a: !a~!b 2\n')).toEqual([
      { kind: 'A', v: '1', w: ['1', 'yes'], x: '0x10', z: { a: '2' } },
    ]);
    // !<!> is the non-specific tag: a string, and a merge key on <<
    expect(read('kind: A\nv: !<!> 1\nw:\n  !<!> <<: {a: 1}\n  b: 2\n')).toEqual([{ kind: 'A', v: '1', w: { a: 1, b: 2 } }]);
    // a handle that no %TAG declares stays an error
    expect(refusal('kind: A\nv: !a!b!c 1\n')).toBe('f.yaml:2:4: invalid YAML: Could not resolve tag: !a!b.c');
  });

  test('what follows a flow collection that is the document is scanned as go-yaml scans it, and read only by itself', () => {
    // go-yaml reads the collection as the document; what follows is one token to it
    const text = '{"apiVersion":"v1","kind":"A","metadata":{"name":"x"},}\n{"kind":"B"}\n---\nkind: C\n';
    expect(read(text)).toEqual([{ apiVersion: 'v1', kind: 'A', metadata: { name: 'x' } }, { kind: 'C' }]);
    expect(read('# c\n{kind: A} trailing # c\n')).toEqual([{ kind: 'A' }]);
    expect(read('{kind: A}#c\n\n  b: c\n')).toEqual([{ kind: 'A' }]);
    const [object] = parseManifests('{kind: A, v: [1, 2]}\n[b]\n', 'f.yaml');
    expect(object.locate(['v', 1])).toEqual({ line: 1, column: 18, depth: 2 });
    // what go-yaml's scanner fails on
    expect(refusal('# c\n{kind: A} - a\n')).toBe('f.yaml:2:11: invalid YAML: block sequence entries are not allowed in this context (after the flow collection that is the document)');
    expect(refusal('# c\n{kind: A}\t? a\n')).toBe('f.yaml:2:11: invalid YAML: mapping keys are not allowed in this context (after the flow collection that is the document)');
    expect(refusal('# c\n{kind: A}\n  # c\n \t{}\n')).toBe('f.yaml:4:2: invalid YAML: found character that cannot start any token (a tab in the indentation of a line)');
    // what the audit cannot read by itself, though go-yaml may scan no further than its first token
    expect(refusal('# c\n{kind: A}\na: b: c\n')).toBe('f.yaml:3:1: invalid YAML: Unexpected scalar at node end: go-yaml reads the flow collection before it as the document '
      + 'and scans what follows only as far as its next token; the audit reads what follows only when it is a YAML document by itself (remove it, or put a --- line before it)');
    // (what follows is read once, not as a flow collection and more in turn)
    expect(refusal('# c\n{kind: A}\n{b: 1} x\n')).toBe('f.yaml:3:1: invalid YAML: Unexpected flow-map-start at node end: go-yaml reads the flow collection before it as the document '
      + 'and scans what follows only as far as its next token; the audit reads what follows only when it is a YAML document by itself (remove it, or put a --- line before it)');
    // in a file that starts as JSON, that (not the JSON error) is the reason
    expect(refusal('{"kind":"A",}\n{a: [}\n')).toBe('f.yaml:2:1: invalid YAML: Unexpected flow-map-start at node end: go-yaml reads the flow collection before it as the document '
      + 'and scans what follows only as far as its next token; the audit reads what follows only when it is a YAML document by itself (remove it, or put a --- line before it)');
    // thousands of collections after it: one refusal (the parser's errors made without stacks; the global limit restored)
    const limit = Error.stackTraceLimit;
    expect(refusal(`{kind: A}${' {}'.repeat(20_000)}\n`)).toBe('f.yaml:1:11: invalid YAML: Unexpected flow-map-start at node end: go-yaml reads the flow collection before it as the document '
      + 'and scans what follows only as far as its next token; the audit reads what follows only when it is a YAML document by itself (remove it, or put a --- line before it)');
    expect(Error.stackTraceLimit).toBe(limit);
    // (where that first token is broken kubectl fails too, with the JSON error)
    expect(refusal('{"kind":"A",}\n"unterminated\n')).toBe('f.yaml:2:1: invalid YAML: Unexpected double-quoted-scalar at node end: go-yaml reads the flow collection before it as the document '
      + 'and scans what follows only as far as its next token; the audit reads what follows only when it is a YAML document by itself (remove it, or put a --- line before it)');
  });

  test('a block scalar of 100,000 lines that look like keyless values, beside a tab in a quoted scalar: read (text, not entries)', () => {
    const lines = '  : x\n'.repeat(100_000);
    const [object] = read(`kind: A\nt: "a\tb"\nv: |\n${lines}`);
    expect(object.t).toBe('a\tb');
    expect(object.v).toBe(': x\n'.repeat(100_000));
  });

  test('a flow collection over lines ends its entry: nothing but a comment follows it on its last line in the block context', () => {
    // js-yaml would read e as the next key of v, and f as the next item
    expect(fastDecode('kind: A\nv:\n  b: {\n    c: d\n  }  e: f\n')).toBeUndefined();
    expect(refusal('kind: A\nv:\n  b: {\n    c: d\n  }  e: f\n')).toBe('f.yaml:5:6: invalid YAML: Unexpected scalar at node end');
    expect(refusal('kind: A\nv:\n  - [\n    c\n  ]  - f\n')).toBe('f.yaml:5:6: invalid YAML: Unexpected seq-item-ind at node end');
    expect(fastDecode('kind: A\nv:\n  b: {\n    c: d\n  }  # c\n  e: [\n   f]\nw: [{a: 1}, [b]]\n')).toBeDefined();
    expect(read('kind: A\nv:\n  b: {\n    c: d\n  }  # c\n  e: [\n   f]\nw: [{a: 1}, [b]]\n')).toEqual([{ kind: 'A', v: { b: { c: 'd' }, e: ['f'] }, w: [{ a: 1 }, ['b']] }]);
  });

  test('a byte order mark is dropped at the start of a document only: before its content elsewhere it is text to go-yaml', () => {
    // (a ... line before the content: as at the start of a line)
    expect(refusal('kind: A\n---\n\ufeff...\n')).toBe('f.yaml:3:2: invalid YAML: did not find expected node content (a ... line before the document)');
    expect(read('kind: A\n---\n\ufeff# c\nkind: B\n')).toEqual([{ kind: 'A' }, { kind: 'B' }]);
    // (go-yaml drops one, and then the first character of every line)
    expect(refusal('kind: A\n---\n\ufeff\ufeffkind: B\n')).toBe("f.yaml:3:2: invalid YAML: a byte order mark (U+FEFF) before the document's content is no blank to kubectl's YAML parser, which reads it as text (a plain scalar's first character): remove it");
    // YAML 1.2 parsers read a comment, a key and a --- marker
    for (const text of ['# c\n\ufeff# d\nkind: A\n', '# c\n\ufeff? a\nkind: A\n', '# c\n\ufeff---\nkind: A\n', '\n\ufeff"k": v\nkind: A\n']) {
      expect(refusal(text)).toBe("f.yaml:2:1: invalid YAML: a byte order mark (U+FEFF) before the document's content is no blank to kubectl's YAML parser, which reads it as text (a plain scalar's first character): remove it");
    }
    // right before a plain scalar, both read it as its first character
    expect(read('# c\n\ufeffk: v\nkind: A\n')).toEqual([{ '\ufeffk': 'v', 'kind': 'A' }]);
  });

  test('a line that would start with an indicator or a tab is text inside a block or a quoted scalar: the fast path reads it', () => {
    const script = 'kind: A\nv:\n  s: |\n    : >"$HOME/f" # truncate\n    -\n    ? x\n    \tmake all\n    - \tx\n  q: "a\n    : b\n\t-"\n  r: \'c\n    - \'\n';
    expect(fastDecode(script)).toBeDefined();
    expect(read(script)).toEqual([{ kind: 'A', v: { s: ': >"$HOME/f" # truncate\n-\n? x\n\tmake all\n- \tx\n', q: 'a : b -', r: 'c - ' } }]);
    // (a tab in the block scalar's indentation: not text to libyaml)
    expect(fastDecode('kind: A\nv: |\n    x\n\t  y\n')).toBeUndefined();
    // the same lines outside a scalar: the full path, which refuses them
    expect(fastDecode('kind: A\nv:\n  s: a\n  : b\n')).toBeUndefined();
    expect(refusal('kind: A\nv:\n  s: |\n    x\n  : b\n')).toBe('f.yaml:5:3: invalid YAML: did not find expected key (a : with no key before it)');
    expect(fastDecode('kind: A\nv:\n  - a\n  -\nw: 1\n')).toBeUndefined();
    expect(fastDecode('kind: A\nv: [a,\n  : b]\n')).toBeUndefined();
    expect(fastDecode('kind: A\nv: "a"\n\tw: 1\n')).toBeUndefined();
  });

  test('a comment right after a token needs no space before its #, as go-yaml reads it', () => {
    expect(read('kind: A\nv: |#c\n  hi\nw: |-#c\n  a\nx: >#c\n  a\n  b\nq: "x"#c\nz: [a,#c\n  b]\nu: \'q\'#c\n')).toEqual([
      { kind: 'A', v: 'hi\n', w: 'a', x: 'a b\n', q: 'x', z: ['a', 'b'], u: 'q' },
    ]);
    expect(read('kind: A\nv: [a]#c\nw: {a: 1}#c\n')).toEqual([{ kind: 'A', v: ['a'], w: { a: 1 } }]);
    // inside a plain scalar a # is text
    expect(read('kind: A\nv: a#c\n')).toEqual([{ kind: 'A', v: 'a#c' }]);
  });

  test('a tab after the - of a sequence entry is refused, as go-yaml refuses it', () => {
    expect(refusal('kind: A\nv:\n- a\n-\tb\n')).toBe('f.yaml:4:2: invalid YAML: found character that cannot start any token (go-yaml takes no tab after the - of a sequence entry)');
    expect(refusal('kind: A\nv:\n  - - a\n    - \tb\n')).toBe('f.yaml:4:7: invalid YAML: found character that cannot start any token (go-yaml takes no tab after the - of a sequence entry)');
    expect(refusal('kind: A\nv:\n-\t\n  a: 1\n')).toBe('f.yaml:3:2: invalid YAML: found character that cannot start any token (go-yaml takes no tab after the - of a sequence entry)');
    // in a block scalar, a line starting with - is text
    expect(read('kind: A\nv:\n- |\n  -\tb\n')).toEqual([{ kind: 'A', v: ['-\tb\n'] }]);
  });

  test('a tab where a block scalar\'s indentation is still expected is refused, as go-yaml refuses it', () => {
    const message = 'invalid YAML: found a tab character where an indentation space is expected';
    for (const [text, at] of [
      ['kind: A\nv: |\n  \ta\n', '3:3'], // the first line, its indentation not yet known
      ['kind: A\nv: |\n  \t\n  a\n', '3:3'], // a leading empty line
      ['kind: A\nv: |\n  a\n\t\nw: 1\n', '4:1'], // after the last line
      ['kind: A\nx:\n  v: >\n    a\n  \tb\n', '5:3'],
    ]) {
      expect(fastDecode(text)).toBeUndefined();
      expect(refusal(text)).toBe(`f.yaml:${at}: ${message}`);
    }
    // an empty line less indented, with content after it (the YAML 1.2 parser fails there too)
    expect(refusal('kind: A\nv: |\n  a\n\t\n  b\n')).toBe(`f.yaml:4:1: ${message}`);
    // a tab at or beyond the indentation is content; an indentation indicator fixes it
    expect(read('kind: A\nv: |\n  a\n  \tb\n   \t\n  c\nw: |1\n \td\n')).toEqual([{ kind: 'A', v: 'a\n\tb\n \t\nc\n', w: '\td\n' }]);
  });

  test('a tab in the indentation of a line of the block context is refused, as go-yaml refuses it (YAML 1.2 parsers take it as a blank)', () => {
    const noToken = 'invalid YAML: found character that cannot start any token (a tab in the indentation of a line)';
    const violates = 'invalid YAML: found a tab character that violates indentation';
    for (const [text, message] of [
      // where a token may start the line: only spaces are skipped, on blank and comment lines too
      ['\tkind: A\n', `f.yaml:1:1: ${noToken}`],
      ['\t\nkind: A\n', `f.yaml:1:1: ${noToken}`],
      ['kind: A\nv:\n\t\n  a: 1\n', `f.yaml:3:1: ${noToken}`],
      ['kind: A\nv: 1 # c\n  \t\nw: 2\n', `f.yaml:3:3: ${noToken}`],
      ['kind: A\nv: "1"\n \t# c\nw: 2\n', `f.yaml:3:2: ${noToken}`],
      ['kind: A\n---\n\t\n', `f.yaml:3:1: ${noToken}`],
      // after a plain scalar its scanner reads the blank lines: a tab left of the collection's indentation + 1
      ['kind: A\n\t\n', `f.yaml:2:1: ${violates}`],
      ['kind: A\nv:\n  a: 1\n  \t\n  b: 2\n', `f.yaml:4:3: ${violates}`],
      ['kind: A\nv:\n  - a\n\t# c\n  - b\n', `f.yaml:4:1: ${violates}`],
      // a tab-indented comment line between mapping entries, lines ended by LF or by a lone CR (a line break to libyaml too), as kubectl reports them
      ['kind: A\nv:\n  a: 1\n\t# c\n  b: 2\n', `f.yaml:4:1: ${violates}`],
      ['kind: A\rv:\r  a: 1\r\t# c\r  b: 2\r', `f.yaml:4:1: ${violates}`],
      ['kind: A\r\t# c\rv: 1\r', `f.yaml:2:1: ${violates}`],
      ['kind: A\nv:\n  a: 1\n  \t# c\n  b: 2\n', `f.yaml:4:3: ${violates}`],
      ['kind: A\rv:\r  a:\r\t# c\r    b: 2\r', `f.yaml:4:1: ${noToken}`],
    ]) {
      expect(fastDecode(text)).toBeUndefined();
      expect(refusal(text)).toBe(message);
    }
    // a tab beyond that indentation continues the plain scalar; in a flow collection, a quoted or a block scalar, a tab is a blank or text
    expect(read('kind: A\n \t\nv:\n  a: x\n   \ty\n  b: {c: 1,\n\t d: 2}\n  e: "f\n\t g"\n  h: |\n    i\n    \tj\n')).toEqual([
      { kind: 'A', v: { a: 'x y', b: { c: 1, d: 2 }, e: 'f g', h: 'i\n\tj\n' } },
    ]);
    // go-yaml reads the first document of a piece only: a tab after its `...` is not looked at
    expect(read('kind: A\n...\n\t\n')).toEqual([{ kind: 'A' }]);
  });

  test('a tab after the ? of an explicit key or the : of its value is refused, as go-yaml refuses it; a verbatim tag takes URI characters only', () => {
    const message = (c: string) => `invalid YAML: found character that cannot start any token (go-yaml takes no tab after the ${c} of an explicit key's entry)`;
    for (const [text, expected] of [
      ['kind: A\nv:\n  ?\ta\n  : b\n', `f.yaml:3:4: ${message('?')}`],
      ['kind: A\nv:\n  - ? \ta\n', `f.yaml:3:7: ${message('?')}`],
      ['kind: A\nv:\n  ? a\n  :\tb\n', `f.yaml:4:4: ${message(':')}`],
      ['kind: A\nv: !<tag:a#b> 1\n', "f.yaml:2:11: invalid YAML: did not find the expected '>' (go-yaml takes only URI characters in a verbatim tag)"],
      ['kind: A\nv: !<tag:a b> 1\n', "f.yaml:2:11: invalid YAML: did not find the expected '>' (go-yaml takes only URI characters in a verbatim tag)"],
    ]) {
      expect(fastDecode(text)).toBeUndefined();
      expect(refusal(text)).toBe(expected);
    }
    // a tab after the : of a key on its line is a blank; URI characters in a verbatim tag
    expect(refusal('kind: A\nv: !<> 1\n')).toBe('f.yaml:2:6: invalid YAML: did not find expected tag URI (an empty verbatim tag)');
    expect(read('kind: A\nv:\n  a:\tb\nw: !<tag:a,b[c]%20> 1\n')).toEqual([{ kind: 'A', v: { a: 'b' }, w: '1' }]);
  });

  test('a flow entry that starts with :, and a ? with no key in a flow sequence, are refused as go-yaml\'s parser refuses them, a later duplicate key notwithstanding', () => {
    const noNode = 'invalid YAML: did not find expected node content (an entry of a flow collection starts with :)';
    const noKey = "invalid YAML: did not find expected ',' or ']' (a ? with no key in a flow sequence)";
    for (const [v, message] of [
      ['[:]', `f.yaml:3:4: ${noNode}`], ['[a, : b]', `f.yaml:3:7: ${noNode}`], ['{: b}', `f.yaml:3:4: ${noNode}`], ['{a: [x, {b: 1, :}]}', `f.yaml:3:18: ${noNode}`],
      ['[?]', `f.yaml:3:5: ${noKey}`], ['[?, a]', `f.yaml:3:5: ${noKey}`], ['[? : b]', `f.yaml:3:6: ${noKey}`],
    ]) {
      // (the null key would be refused after decoding too, were it not replaced by the second v)
      expect(refusal(`kind: A\nv:\n  ${v}\nv: 1\n`)).toBe(message);
    }
    // a ? with a key, a flow mapping's empty key (a null key: refused after decoding, so replaced by a duplicate it is gone)
    expect(read('kind: A\nv: [? a, ?b, ? c : d]\nw: {?}\nw: 1\n')).toEqual([{ kind: 'A', v: [{ a: null }, { b: null }, { c: 'd' }], w: 1 }]);
    // the parser skips the , or : after a ? with no key: then a : and a value, or a , or ] is read (a null key, gone when replaced)
    expect(read('kind: A\nv: [x, ?, :]\nw: [?, : v, y]\nu: [? :]\nv: 1\nw: 2\nu: 3\n')).toEqual([{ kind: 'A', v: 1, w: 2, u: 3 }]);
    expect(refusal('kind: A\nv: [x, ?, :]\n')).toBe('f.yaml:2:9: invalid YAML: a mapping key is null, which JSON cannot have (unsupported map key of type: %!s(<nil>))');
    expect(refusal('kind: A\nv: [x, ?, y]\nv: 1\n')).toBe(`f.yaml:2:9: ${noKey}`);
  });

  test('a : with no key before it in the block context is refused as go-yaml\'s parser refuses it; the : of a ? key is read', () => {
    const message = 'invalid YAML: did not find expected key (a : with no key before it)';
    for (const [text, at] of [
      [': b\nkind: A\n', '1:1'],
      ['kind: A\nv:\n  : b\nv: 1\n', '3:3'],
      ['kind: A\nv:\n  x: 1\n  : b\n', '4:3'],
      ['kind: A\nv:\n  - : b\n', '3:5'],
      ['kind: A\nv:\n  ? x\n  : b\n  : c\n', '5:3'],
    ]) {
      expect(fastDecode(text)).toBeUndefined();
      expect(refusal(text)).toBe(`f.yaml:${at}: ${message}`);
    }
    expect(read('kind: A\nv:\n  ? x\n  : b\nu:\n  - ? |\n      y\n    : c\nw: "a\n  : b"\n')).toEqual([{ kind: 'A', v: { x: 'b' }, u: [{ 'y\n': 'c' }], w: 'a : b' }]);
  });

  test('an empty entry ending a nested sequence stays in it (js-yaml alone would take the next outer entry in)', () => {
    expect(read('kind: A\nv:\n  - - x\n    -\n  - y\n')[0].v).toEqual([['x', null], true]);
  });

  test('floats: values as written, keys as sigs.k8s.io/yaml formats them', () => {
    expect(read('kind: A\nv: {cpu: 0.5, big: 1.5e3}\n')[0].v).toEqual({ cpu: 0.5, big: 1500 });
    expect(read('kind: A\nv: {x: 0.5, 16777216.0: a, 0.1: b}\n')[0].v).toEqual({ 'x': 0.5, '1.6777216e+07': 'a', '0.1': 'b' });
  });

  test("what go-yaml accepts and YAML 1.2 parsers refuse: \\' in double quotes", () => {
    expect(read('kind: A\nv: "it\\\'s"\n')[0].v).toBe("it's");
  });

  test('a line separator ends a comment for kubectl and is refused; NEL is a line break', () => {
    expect(refusal('kind: A # note\u2028privileged: true\n')).toBe(
      "f.yaml:1:15: invalid YAML: U+2028 (line separator) is a line break to kubectl's YAML parser; use \\n, or \\L and \\P in a double-quoted string",
    );
    expect(read('kind: A # note\u0085v: 1\n')).toEqual([{ kind: 'A', v: 1 }]);
  });

  test('syntax errors and absurd nesting: one line, file:line:col', () => {
    expect(refusal('kind: A\nv: [1, 2\n')).toMatch(/^f\.yaml:3:1: invalid YAML: /);
    const started = Date.now();
    expect(refusal(`kind: A\nv: ${'['.repeat(20000)}${']'.repeat(20000)}\n`)).toMatch(/^f\.yaml:2:\d+: invalid YAML: exceeded max depth/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  test('CRLF, a UTF-8 BOM, UTF-16 with a BOM are read as kubectl reads them', () => {
    const text = 'kind: A\nv: on\n---\nkind: B\n';
    const expected = [{ kind: 'A', v: true }, { kind: 'B' }];
    const dir = tmp();
    const files = [
      write(dir, 'crlf.yaml', text.replace(/\n/g, '\r\n')),
      write(dir, 'bom.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])),
      write(dir, 'le.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])),
      write(dir, 'be.yaml', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()])),
    ];
    for (const file of files) expect(readManifests([file]).objects.map((o) => o.object)).toEqual(expected);
    expect(readManifests([files[0]]).objects.map((o) => [o.line, o.column])).toEqual([[1, 1], [4, 1]]);
  });

  test('invalid UTF-8 is refused with its line and column', () => {
    expect(refusal(Buffer.concat([Buffer.from('kind: A\nv: é'), Buffer.from([0xff]), Buffer.from('\n')]))).toBe('f.yaml:2:5: invalid UTF-8 (byte 0xff)');
    expect(refusal(Buffer.from([0x6b, 0xc3]))).toBe('f.yaml:1:2: invalid UTF-8 (byte 0xc3)');
  });
});

describe('apiVersion, kind and metadata, as cli-runtime decodes them into their Go types first', () => {
  test('a document whose apiVersion or metadata kubectl cannot decode is refused at the field', () => {
    expect(refusal('apiVersion: 1\nkind: Pod\n')).toBe('f.yaml:1:1: kubectl cannot decode the object: apiVersion must be a string, not a number');
    expect(refusal('apiVersion: v1\nkind: Pod\nmetadata:\n  name: 123\n')).toBe('f.yaml:4:3: kubectl cannot decode the object: metadata.name must be a string, not a number');
    expect(refusal('apiVersion: v1\nkind: Pod\nmetadata:\n  annotations:\n    secure-tekton/relax.PRIVILEGED: yes\n')).toBe(
      'f.yaml:5:5: kubectl cannot decode the object: metadata.annotations["secure-tekton/relax.PRIVILEGED"] must be a string, not a boolean',
    );
    expect(refusal('kind: Pod\nmetadata: {labels: {app: 1}}\n')).toBe('f.yaml:2:21: kubectl cannot decode the object: metadata.labels.app must be a string, not a number');
    expect(refusal('kind: Pod\nmetadata: {creationTimestamp: 2020-01-01}\n')).toBe(
      'f.yaml:2:12: kubectl cannot decode the object: metadata.creationTimestamp must be an RFC 3339 time (2006-01-02T15:04:05Z), not "2020-01-01"',
    );
    // a List's own metadata is decoded; its items' are not
    expect(refusal('apiVersion: v1\nkind: List\nmetadata: {name: 1}\nitems: []\n')).toBe('f.yaml:3:12: kubectl cannot decode the object: metadata.name must be a string, not a number');
    expect(read('apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Pod, metadata: {labels: {a: 1}}}\n')).toEqual([{ apiVersion: 'v1', kind: 'Pod', metadata: { labels: { a: 1 } } }]);
    // JSON: an int64 written with a fraction or an exponent
    expect(refusal('{"apiVersion": "v1", "kind": "Pod", "metadata": {"generation" :\n 1.0}}')).toBe(
      'f.yaml:1:50: kubectl cannot decode the object: metadata.generation must be an integer (int64), not 1.0 (encoding/json reads no fraction or exponent into one)',
    );
    // an int64 beyond its range, read from the integer or float written (2^63 - 1 and 2^63 are one JavaScript number)
    const range = 'must be an integer (int64) from -9223372036854775808 to 9223372036854775807, not';
    expect(refusal('apiVersion: v1\nkind: Pod\nmetadata: {name: p, generation: 9223372036854775808}\n')).toBe(`f.yaml:3:21: kubectl cannot decode the object: metadata.generation ${range} 9223372036854775808`);
    expect(refusal('apiVersion: v1\nkind: Pod\nmetadata: {name: p, generation: 9223372036854775807.0}\n')).toBe(`f.yaml:3:21: kubectl cannot decode the object: metadata.generation ${range} 9223372036854776000`);
    expect(refusal('apiVersion: v1\nkind: Pod\nmetadata: {name: p, deletionGracePeriodSeconds: -9223372036854775809}\n')).toBe(
      `f.yaml:3:21: kubectl cannot decode the object: metadata.deletionGracePeriodSeconds ${range} -9223372036854776000`,
    );
    expect(refusal('{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "generation": -9223372036854775809}}\n')).toBe(
      `f.yaml:1:63: kubectl cannot decode the object: metadata.generation ${range} -9223372036854775809`,
    );
    expect(read('apiVersion: v1\nkind: Pod\nmetadata: {name: p, generation: 9223372036854775807, deletionGracePeriodSeconds: -9223372036854775808}\n')[0].metadata).toEqual({
      name: 'p', generation: 2 ** 63, deletionGracePeriodSeconds: -(2 ** 63),
    });
    expect(read('{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "generation": 9223372036854775807}}\n')[0].metadata.generation).toBe(2 ** 63);
    expect(read('kind: Pod\nmetadata: {generation: 1.0, creationTimestamp: 2020-01-01T00:00:00Z, labels: {a: null}}\n')).toEqual([
      { kind: 'Pod', metadata: { generation: 1, creationTimestamp: '2020-01-01T00:00:00Z', labels: { a: null } } },
    ]);
  });
});

describe('a key that Go\'s encoding/json reads as kind or apiVersion though spelled otherwise (Pipelines-as-Code decodes the type so)', () => {
  const PAC = 'Pipelines-as-Code, which decodes every document of `.tekton/` into Go types, reads';
  const spelled = (at: string, key: string, odd: string, field: string, kubectl: string, who = PAC) => `f.yaml:${at}: the key ${key}${odd} is not spelled \`${field}\`: `
    + `kubectl ${kubectl}, but ${who} this key as \`${field}\` `
    + "(Go's encoding/json ignores case, and takes `ſ` for s and the Kelvin sign for k), so it may run an object of another kind or version than the one "
    + `the audit would judge. Spell the key \`${field}\`, and write it once.`;
  const NO_KIND = "finds no `kind` and refuses the document (Object 'Kind' is missing)";
  const BODY = 'metadata:\n  name: pull-request\nspec:\n  pipelineSpec:\n    tasks:\n    - name: build\n      taskSpec:\n        steps:\n'
    + '        - {name: build, image: docker:dind, securityContext: {privileged: true}}\n';

  test('a document with no kind but Kind and ApiVersion (PaC runs its PipelineRun, kubectl refuses it) is refused, not skipped as no object', () => {
    expect(refusal(`ApiVersion: tekton.dev/v1\nKind: PipelineRun\n${BODY}`)).toBe(spelled('1:1', '"ApiVersion"', '', 'apiVersion', 'finds no `apiVersion`'));
    expect(refusal(`apiVersion: tekton.dev/v1\nKind: PipelineRun\n${BODY}`)).toBe(spelled('2:1', '"Kind"', '', 'kind', NO_KIND));
    // after a document with an object, and in JSON
    expect(refusal(`kind: ConfigMap\n---\napiVersion: tekton.dev/v1\nKIND: PipelineRun\n${BODY}`)).toBe(spelled('4:1', '"KIND"', '', 'kind', NO_KIND));
    expect(refusal('{"apiVersion": "tekton.dev/v1",\n "kInD": "PipelineRun", "metadata": {"name": "x"}}')).toBe(spelled('2:2', '"kInD"', '', 'kind', NO_KIND));
  });

  test('next to the key as written, the spelling PaC reads last wins: a ConfigMap to kubectl with ſ and the Kelvin sign is refused', () => {
    expect(refusal(`apiVersion: v1\nkind: ConfigMap\napiVer\u017fion: tekton.dev/v1\n\u212aind: PipelineRun\n${BODY}`))
      .toBe(spelled('3:1', '"apiVer\u017fion"', ' (U+017F, a long s, for s)', 'apiVersion', 'reads "v1" from `apiVersion`'));
    expect(refusal(`apiVersion: tekton.dev/v1\nkind: ConfigMap\n\u212aIND: PipelineRun\n${BODY}`))
      .toBe(spelled('3:1', '"\u212aIND"', ' (U+212A, the Kelvin sign, for k)', 'kind', 'reads "ConfigMap" from `kind`'));
    expect(refusal('{"apiVersion": "v1", "kind": "ConfigMap", "Kind": "PipelineRun"}')).toBe(spelled('1:43', '"Kind"', '', 'kind', 'reads "ConfigMap" from `kind`'));
    // an item of a list
    expect(refusal('apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    APIVERSION: tekton.dev/v1\n'))
      .toBe(spelled('6:5', '"APIVERSION"', '', 'apiVersion', 'reads "v1" from `apiVersion`', 'the API server, to which kubectl sends the item as written, may read'));
    // (an item with no kind of its own, which kubectl would give the list's)
    expect(refusal('apiVersion: v1\nkind: SecretList\nitems:\n  - {metadata: {name: a}, KIND: ConfigMap}\n'))
      .toBe(spelled('4:27', '"KIND"', '', 'kind', 'finds no `kind`', 'the API server, to which kubectl sends the item as written, may read'));
  });

  test('keys spelled as written, keys that fold to neither, and the body\'s keys (read case-sensitively by that decoder) are read as before', () => {
    expect(read(`apiVersion: tekton.dev/v1\nkind: PipelineRun\n${BODY}`)[0].spec.pipelineSpec.tasks[0].name).toBe('build');
    // dotted and dotless i are no i to Go's folding; a trailing space is another key
    expect(read('apiVersion: v1\nkind: ConfigMap\nk\u0131nd: a\nK\u0130ND: b\n"kind ": c\nkinds: d\n')).toEqual([
      { 'apiVersion': 'v1', 'kind': 'ConfigMap', 'k\u0131nd': 'a', 'K\u0130ND': 'b', 'kind ': 'c', 'kinds': 'd' },
    ]);
    expect(read('apiVersion: tekton.dev/v1\nkind: PipelineRun\nMetadata: {name: x}\nSpec: {timeouts: {pipeline: 1h}}\n')).toEqual([
      { apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', Metadata: { name: 'x' }, Spec: { timeouts: { pipeline: '1h' } } },
    ]);
    // a nested Kind (a ref's) is a field of the body
    expect(read('apiVersion: tekton.dev/v1\nkind: PipelineRun\nspec: {pipelineRef: {Kind: x}}\n')).toHaveLength(1);
  });
});

describe('Lists, as kubectl flattens them', () => {
  test('any object with items is a list: items without kind and apiVersion get the list\'s', () => {
    expect(read('apiVersion: v1\nkind: SecretList\nitems:\n  - metadata: {name: a}\n  - {apiVersion: v2, kind: ConfigMap, metadata: {name: b}}\n')).toEqual([
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'a' } },
      { apiVersion: 'v2', kind: 'ConfigMap', metadata: { name: 'b' } },
    ]);
  });

  test('an item with a kind and no apiVersion, or one the list gives an empty one, is refused (cli-runtime cannot type it)', () => {
    const message = "an item of SecretList has no apiVersion (a non-empty string): kubectl refuses it (Object 'apiVersion' is missing)";
    expect(refusal('apiVersion: v1\nkind: SecretList\nitems:\n  - {kind: ConfigMap, metadata: {name: b}}\n')).toBe(`f.yaml:4:5: ${message}`);
    expect(refusal('apiVersion: v1\nkind: SecretList\nitems:\n  - {apiVersion: 1, kind: ConfigMap}\n')).toBe(`f.yaml:4:5: ${message}`);
    expect(refusal('kind: SecretList\nitems:\n  - metadata: {name: a}\n')).toBe(`f.yaml:3:5: ${message}`);
    // a document with a kind and no apiVersion is decoded (its version is the preferred one)
    expect(read('kind: Secret\n')).toEqual([{ kind: 'Secret' }]);
  });

  test('an item with apiVersion but no kind is refused; items: null is an empty list', () => {
    expect(refusal('apiVersion: v1\nkind: SecretList\nitems:\n  - {apiVersion: v2}\n')).toBe('f.yaml:4:5: an item of SecretList is not a Kubernetes object (no kind)');
    expect(read('apiVersion: v1\nkind: List\nitems: null\n')).toEqual([]);
    expect(refusal('apiVersion: v1\nkind: List\nitems: 5\n')).toBe('f.yaml:1:1: the items of List are not a list');
    expect(refusal('apiVersion: v1\nkind: List\nitems: [5]\n')).toBe('f.yaml:1:1: an item of List is not an object (a number)');
  });

  test('an object of a kind that does not end in List with an items key is refused at the key, in .tekton/ and elsewhere', () => {
    const run = (items: string) => `apiVersion: tekton.dev/v1\nkind: PipelineRun\nmetadata: {name: on-push}\n${items}\nspec:\n  pipelineRef: {name: p}\n`;
    const message = (sent: string) => 'a PipelineRun with an `items` key: kubectl reads a document with `items` as a List, whatever its kind, '
      + `and sends ${sent} instead of the PipelineRun, but Pipelines-as-Code (which reads every file of \`.tekton/\` as objects), kustomize and `
      + 'other clients read it as the PipelineRun and run that, which the audit would not see. Take `items` out of the PipelineRun; for a list '
      + 'of objects, give it a kind that ends in `List` (`kind: List`).';
    expect(refusal(run('items: []'))).toBe(`f.yaml:4:1: ${message('nothing')}`);
    expect(refusal(run('items: ~'))).toBe(`f.yaml:4:1: ${message('nothing')}`);
    expect(refusal(run('items:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: decoy}}'))).toBe(`f.yaml:4:1: ${message('its only item')}`);
    expect(refusal('{"apiVersion": "tekton.dev/v1", "kind": "Task",\n  "items": [{}, {}]}')).toBe(`f.yaml:2:3: ${message('its 2 items').replace(/PipelineRun/g, 'Task')}`);
    // in .tekton/, beside an object that is read: the run fails (exit 2) with the place of the key
    const dir = tmp();
    write(dir, '.tekton/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n');
    const hidden = write(dir, '.tekton/pr.yaml', `# c\n${run('items: []')}`);
    const r = audit([dir]);
    expect(r.exitCode).toBe(2);
    expect(r.stdout.split('\n')[0]).toBe(`${hidden}:5:1: error: ${message('nothing')}`);
    // not a sequence or null: kubectl fails on it too
    expect(refusal(run('items: 5'))).toBe('f.yaml:1:1: the items of PipelineRun are not a list');
  });

  test('kind: list in any case is read as kubectl reads it, a List (an item without kind and apiVersion of kind list); a kind that only holds list is not', () => {
    expect(read('apiVersion: v1\nkind: list\nitems:\n- {apiVersion: tekton.dev/v1, kind: PipelineRun, metadata: {name: a}}\n- {metadata: {name: b}}\n')).toEqual([
      { apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { name: 'a' } },
      { apiVersion: 'v1', kind: 'list', metadata: { name: 'b' } },
    ]);
    expect(read('apiVersion: v1\nkind: LIST\nitems: []\n')).toEqual([]);
    expect(refusal('apiVersion: v1\nkind: lists\nitems: []\n')).toBe('f.yaml:3:1: a lists with an `items` key: kubectl reads a document with `items` as a List, '
      + 'whatever its kind, and sends nothing instead of the lists, but Pipelines-as-Code (which reads every file of `.tekton/` as objects), kustomize and other '
      + 'clients read it as the lists and run that, which the audit would not see. Take `items` out of the lists; for a list of objects, give it a kind that '
      + 'ends in `List` (`kind: List`).');
  });

  test('lists whose kind ends in List are still read as lists', () => {
    expect(read('apiVersion: v1\nkind: List\nitems: []\n---\nkind: List\nitems: ~\n')).toEqual([]);
    expect(read('apiVersion: tekton.dev/v1\nkind: PipelineRunList\nitems:\n- {metadata: {name: a}, spec: {}}\n')).toEqual([
      { apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { name: 'a' }, spec: {} },
    ]);
    expect(read('apiVersion: v1\nkind: List\nitems:\n- {apiVersion: tekton.dev/v1, kind: PipelineRun, metadata: {name: a}}\n')).toEqual([
      { apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { name: 'a' } },
    ]);
  });

  test('a List nested in a List is refused, as kubectl refuses it', () => {
    expect(refusal('apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: List\n    items:\n      - {apiVersion: v1, kind: Secret, metadata: {name: s}}\n')).toBe(
      'f.yaml:4:5: a list inside List: kubectl refuses it (*unstructured.Unstructured is not a list: no Items field in this object)',
    );
  });

  test('items keep their own line and column (fast path, full path, JSON)', () => {
    const yaml = 'apiVersion: v1\nkind: List\nitems:\n  - kind: A\n    apiVersion: v1\n    v: yes\n  - # b\n    kind: B\n    apiVersion: v1\n';
    const at = (text: string, file = 'f.yaml') => parseManifests(text, file).map((o) => [o.object.kind, o.line, o.column]);
    expect(at(yaml)).toEqual([['A', 4, 5], ['B', 8, 5]]);
    expect(at(`${yaml}x: &x 1\n`)).toEqual([['A', 4, 5], ['B', 8, 5]]); // an anchor: the full path
    expect(at('{"kind": "List",\n "items": [{"kind": "A", "apiVersion": "v1"},\n   {"kind": "B", "apiVersion": "v1"}]}', 'f.json')).toEqual([['A', 2, 12], ['B', 3, 4]]);
  });
});

describe('JSON, as YAMLOrJSONDecoder reads it', () => {
  test('a stream of JSON values; one value then YAML; three values then garbage refused', () => {
    expect(read('{"kind": "A", "v": "yes"}{"kind": "B"}\n{"kind": "C"}')).toEqual([{ kind: 'A', v: 'yes' }, { kind: 'B' }, { kind: 'C' }]);
    expect(read('{"kind": "A"}\n---\nkind: B\nv: yes\n')).toEqual([{ kind: 'A' }, { kind: 'B', v: true }]);
    expect(refusal('{"kind": "A"}\n{"kind": "B"}\n{"kind": C}\n')).toBe("f.yaml:3:1: invalid JSON: Unexpected token 'C'");
    expect(refusal('{"kind": "A"}\n{"kind": "B"}\n{"kind": "C",}\n')).toBe('f.yaml:3:14: invalid JSON: Expected double-quoted property name');
  });

  test('after one JSON value, a failing first YAML document is reported as the JSON error, a later one as itself', () => {
    expect(refusal('{"kind": "A"}\nkind: [\n')).toBe("f.yaml:2:1: invalid JSON: Unexpected token 'k'");
    expect(refusal('{"kind": "A"}\nkind: B\n---\nkind: [\n')).toMatch(/^f\.yaml:5:1: invalid YAML: /);
    // a first YAML document that kubectl reads and the audit refuses on purpose is reported as itself
    expect(refusal('{"kind": "A"}\n---\nkind: B\nv: {1: a, 1.0: b}\n')).toBe('f.yaml:4:11: invalid YAML: keys 1 and 1 are both "1" in JSON, and kubectl keeps one of them at random');
    // also when the document is read with lines of a flow mapping indented no further than its key (re-indented to read them as
    // libyaml does): the refusal stays one of a document kubectl reads
    expect(refusal('{"kind": "A"}\n---\nkind: B\nv:\n  k: {a\n  g,\n   \n   \tg,}\n  i: [{1: ~ ,1. ,y: 1e}]\n')).toBe(
      'f.yaml:9:14: invalid YAML: keys 1 and 1 are both "1" in JSON, and kubectl keeps one of them at random');
    expect(refusal('{"kind": "A"}\n---\nkind: B\nv:\n  k: {a,\n  g}\n  i: {1: a, 1.0: b}\n')).toBe(
      'f.yaml:7:13: invalid YAML: keys 1 and 1 are both "1" in JSON, and kubectl keeps one of them at random');
  });

  test('JSON nested deeper than encoding/json reads, and numbers beyond float64, are refused', () => {
    const nested = (depth: number) => `{"kind": "A", "v": ${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
    expect(read(nested(10000))[0].kind).toBe('A');
    expect(refusal(nested(10001))).toBe('f.yaml:1:10019: invalid JSON: exceeded max depth of 10000');
    expect(refusal('{"kind": "A", "v": [1E400]}')).toBe('f.yaml:1:21: kubectl cannot decode the object: the number 1E400 is beyond float64 (json: cannot unmarshal number into Go value of type float64)');
    expect(refusal(`{"kind": "A", "v": -${'9'.repeat(400)}}`)).toBe(
      `f.yaml:1:20: kubectl cannot decode the object: the number -${'9'.repeat(39)}... is beyond float64 (json: cannot unmarshal number into Go value of type float64)`,
    );
    expect(read('{"kind": "A", "v": "1e400", "w": 1e-400, "x": 1e308}')).toEqual([{ kind: 'A', v: '1e400', w: 0, x: 1e308 }]);
  });

  test('a \\u escape of a lone surrogate is U+FFFD, as encoding/json decodes it', () => {
    expect(read('{"kind": "A", "v\\ud800": "x\\udc00y", "w": "\\ud83d\\ude00"}')).toEqual([{ 'kind': 'A', 'v\ufffd': 'x\ufffdy', 'w': '\u{1f600}' }]);
  });

  test('what is not JSON after all is read as YAML (a flow mapping)', () => {
    expect(read('{kind: A, v: on}\n')).toEqual([{ kind: 'A', v: true }]);
  });
});

describe('files', () => {
  test('a file of 150,000 documents: every object read (more than a call takes arguments)', () => {
    const file = write(tmp(), 'many.yaml', Array.from({ length: 150_000 }, (_, i) => `---\nkind: A\nmetadata: {name: a${i}}\n`).join(''));
    const objects = readManifests([file]).objects;
    expect(objects).toHaveLength(150_000);
    expect(objects[149_999].object.metadata.name).toBe('a149999');
  });

  test('directories: recursive, byte order, any case of .yaml/.yml/.json, other names ignored', () => {
    const dir = tmp();
    for (const name of ['b.YAML', 'a.json', 'sub/c.Yml', 'B.yml', 'notes.txt', 'x.yaml.bak']) write(dir, name, name.endsWith('json') ? '{"kind": "A"}' : 'kind: A\n');
    expect(readManifests([dir]).files.map((f) => path.relative(dir, f))).toEqual(['B.yml', 'a.json', 'b.YAML', path.join('sub', 'c.Yml')]);
  });

  test('a file given explicitly is read whatever its name; a file reached twice is read once', () => {
    const dir = tmp();
    const file = write(dir, 'manifest.txt', 'kind: A\n');
    fs.symlinkSync(file, path.join(dir, 'link.yaml'));
    expect(readManifests([file, dir, path.join(dir, 'link.yaml')]).files).toEqual([file]);
  });

  test('symbolic links to directories are followed once, after the real directories; a loop is a notice', () => {
    const dir = tmp();
    write(dir, 'real/a.yaml', 'kind: A\n');
    write(dir, 'elsewhere/b.yaml', 'kind: B\n');
    const other = tmp();
    write(other, 'c.yaml', 'kind: C\n');
    fs.symlinkSync(path.join(dir, 'real'), path.join(dir, 'alias'));
    fs.symlinkSync(other, path.join(dir, 'linked'));
    fs.symlinkSync(dir, path.join(dir, 'real', 'up'));
    const r = readManifests([dir]);
    expect(r.files).toEqual([path.join(dir, 'elsewhere', 'b.yaml'), path.join(dir, 'real', 'a.yaml'), path.join(dir, 'linked', 'c.yaml')]);
    expect(r.notices).toEqual([`${path.join(dir, 'real', 'up')}: a symbolic link loop (to ${dir}), skipped`]);
  });

  test('a symbolic link loop and a dangling link: exit 2 when given, a notice inside a directory', () => {
    const dir = tmp();
    write(dir, 'ok.yaml', 'kind: A\n');
    fs.symlinkSync('loop.yaml', path.join(dir, 'loop.yaml'));
    fs.symlinkSync('missing.yaml', path.join(dir, 'dangling.yaml'));
    expect(audit([path.join(dir, 'loop.yaml')])).toEqual({ exitCode: 2, stdout: `${path.join(dir, 'loop.yaml')}: error: symbolic link loop\n\n${ONE_UNREAD}\n`, stderr: '' });
    expect(audit([path.join(dir, 'dangling.yaml')])).toEqual({ exitCode: 2, stdout: `${path.join(dir, 'dangling.yaml')}: error: dangling symbolic link\n\n${ONE_UNREAD}\n`, stderr: '' });
    expect(audit([dir])).toEqual({
      exitCode: 0,
      stdout: '1 file, 1 object: 0 findings failed, 0 relaxed\n',
      stderr: `notice: ${path.join(dir, 'dangling.yaml')}: dangling symbolic link, skipped\nnotice: ${path.join(dir, 'loop.yaml')}: symbolic link loop, skipped\n`
        + `notice: ${path.join(dir, 'ok.yaml')}: no object of a kind the rules check (A): read, not checked\n`,
    });
  });

  const mkfifo = (file: string): boolean => {
    try {
      execFileSync('mkfifo', [file], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };

  test('a FIFO is never opened: exit 2 when given, a notice inside a directory', () => {
    const dir = tmp();
    write(dir, 'ok.yaml', 'kind: A\n');
    const fifo = path.join(dir, 'pipe.yaml');
    if (!mkfifo(fifo)) {
      console.warn('mkfifo is not available: FIFO test skipped');
      return;
    }
    expect(audit([fifo])).toEqual({ exitCode: 2, stdout: `${fifo}: error: a FIFO, not a regular file or directory\n\n${ONE_UNREAD}\n`, stderr: '' });
    expect(audit([dir])).toEqual({
      exitCode: 0,
      stdout: '1 file, 1 object: 0 findings failed, 0 relaxed\n',
      stderr: `notice: ${fifo}: a FIFO, not a regular file, skipped\nnotice: ${path.join(dir, 'ok.yaml')}: no object of a kind the rules check (A): read, not checked\n`,
    });
  });

  test('a socket inside a directory is a notice; a device given explicitly is exit 2', async () => {
    const dir = tmp();
    write(dir, 'ok.yaml', 'kind: A\n');
    const socket = path.join(dir, 's.yaml');
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      expect(audit([dir]).stderr).toBe(`notice: ${socket}: a socket, not a regular file, skipped\nnotice: ${path.join(dir, 'ok.yaml')}: no object of a kind the rules check (A): read, not checked\n`);
    } finally {
      server.close();
    }
    if (fs.existsSync('/dev/null')) {
      expect(audit(['/dev/null'])).toEqual({ exitCode: 2, stdout: `/dev/null: error: a character device, not a regular file or directory\n\n${ONE_UNREAD}\n`, stderr: '' });
    }
  });
});

describe('command line', () => {
  let out: jest.SpyInstance;
  let err: jest.SpyInstance;
  beforeEach(() => {
    out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => jest.restoreAllMocks());

  test('an unexpected failure is one line and exit 2, never a stack trace', () => {
    jest.spyOn(auditModule, 'audit').mockImplementation(() => {
      throw new TypeError('boom\n    at somewhere (x.ts:1:1)');
    });
    expect(main(['audit', 'x.yaml'])).toBe(2);
    expect(err.mock.calls.map((c) => c[0])).toEqual(['error: internal error: boom\n']);
  });

  test('-- ends the options: what follows is a path', () => {
    expect(main(['audit', '--', '--format'])).toBe(2);
    expect(out.mock.calls.map((c) => c[0])).toEqual([`--format: error: no such file or directory\n\n${ONE_UNREAD}\n`]);
    expect(err.mock.calls.map((c) => c[0])).toEqual(['']);
  });
});

describe('the fast path (js-yaml) and the full path (yaml + go-yaml v2 rules) agree', () => {
  const chunks = (text: string) => text.replace(/\r\n/g, '\n').split(/^---.*\n/m);

  test('on the examples and the fixtures, where the fast path applies', () => {
    const dir = tmp();
    for (const build of Object.values(EXAMPLES)) build(dir).synth();
    const texts = [...fs.readdirSync(dir).map((f) => path.join(dir, f)), ...fs.readdirSync(FIXTURES).map((f) => path.join(FIXTURES, f))]
      .filter((f) => /\.ya?ml$/i.test(f)).map((f) => fs.readFileSync(f, 'utf8'));
    let fast = 0;
    for (const chunk of texts.flatMap(chunks)) {
      const a = fastDecode(chunk);
      if (!a) continue;
      fast++;
      const b = fullDecode(chunk);
      expect(a.value).toEqual(b.value);
      expect(a.offset).toBe(b.offset);
    }
    expect(fast).toBeGreaterThan(10);
  });

  const scalar = fc.constantFrom(
    'yes', 'No', 'on', 'OFF', 'y', 'n', 'true', '~', 'null', '', '0', '0777', '0x1F', '0o7', '1_000', '-12', '+3', '08', '2001-12-14', '12:30',
    'text', 'a b', '"yes"', "'on'", '"\\x41"', '|\n  lit', 'x-y', 'http://h/p?q=1', '"#x"',
  );
  const key = fc.constantFrom('a', 'b', 'c', 'yes', 'on', '1', '0x2', 'kind', '"q"', 'x y');
  const doc: fc.Arbitrary<string> = fc.letrec<{ node: string; map: string; seq: string }>((tie) => ({
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('map'), tie('seq')),
    map: fc.uniqueArray(fc.tuple(key, tie('node')), { maxLength: 4, selector: ([k]) => k }).map((pairs) => `{${pairs.map(([k, v]) => `${k}: ${v.startsWith('|') ? '"lit"' : v}`).join(', ')}}`),
    seq: fc.array(tie('node'), { maxLength: 3 }).map((items) => `[${items.map((v) => (v.startsWith('|') ? '"lit"' : v)).join(', ')}]`),
  })).map.map((m) => `kind: A\nv: ${m}\n`);

  test('on generated documents', () => {
    fc.assert(fc.property(doc, (text) => {
      const a = fastDecode(text);
      let b: unknown;
      try {
        b = fullDecode(text).value;
      } catch (e) {
        b = e;
      }
      if (a) expect(a.value).toEqual(b);
    }), { numRuns: 300, seed: Number(process.env.PROPERTY_SEED ?? 20261201) });
  });
});

describe('reading on after an error (continueOnError, as the audit reads)', () => {
  test('each path and file that cannot be read is recorded in the order found, with its place; none of its objects is kept', () => {
    const dir = tmp();
    const a = write(dir, 'a.yaml', 'kind: A\n');
    const bad = write(dir, 'sub/bad.yaml', 'kind: B\n---\nkind: C\nx: [1\n');
    const c = write(dir, 'sub/c.yaml', 'kind: C\n');
    const missing = path.join(dir, 'missing.yaml');
    const r = readManifests([missing, dir, '-'], () => Buffer.from('kind: D\n\tx: 1\n'), { continueOnError: true });
    expect(r.files).toEqual([a, c]);
    expect(r.objects.map((o) => [o.file, o.object.kind])).toEqual([[a, 'A'], [c, 'C']]);
    expect(r.unread).toEqual([
      { file: missing, message: 'no such file or directory' },
      { file: bad, line: 5, column: 1, message: 'invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]' },
      { file: '<stdin>', line: 2, column: 1, message: 'invalid YAML: found a tab character that violates indentation' },
    ]);
  });

  test('without it, the first error ends the read, as before (paths are found before any file is read)', () => {
    const dir = tmp();
    write(dir, 'bad.yaml', 'kind: B\nx: [1\n');
    const missing = path.join(dir, 'missing.yaml');
    expect(() => readManifests([dir, missing])).toThrow(new InputError(`${missing}: no such file or directory`));
    expect(() => readManifests([dir])).toThrow(new InputError(`${path.join(dir, 'bad.yaml')}:3:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]`));
    expect(() => readManifests(['-', '-'], () => Buffer.from(''), { continueOnError: true })).toThrow(new InputError('-: standard input is given more than once'));
  });
});
