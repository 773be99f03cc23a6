import * as fc from 'fast-check';
import { configDefaultsWithTemplate, describeRule, operatorPipelineConfig, pipelineRun, pipelineRunEmbedding, task, taskRun } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { VAULT_TLS } from '../../../src/policy/rules/vault-tls';
import { goHttpsHost, goParseUrl } from '../../../src/private/go-url';
import { goParseBool } from '../../../src/private/parse-bool';

/** A Vault SecretProviderClass `vault` with these parameters. */
function spc(parameters: Record<string, any>, provider = 'vault'): any {
  return {
    apiVersion: 'secrets-store.csi.x-k8s.io/v1',
    kind: 'SecretProviderClass',
    metadata: { name: 'vault', namespace: 'ci' },
    spec: { provider, parameters: { roleName: 'ci', objects: '- objectName: k\n  secretPath: secret/data/k\n  secretKey: v\n', ...parameters } },
  };
}

const finding = (property: string, value: string | undefined, problem: string, fix?: string) =>
  ({ rule: RuleId.VAULT_TLS, kind: 'SecretProviderClass', name: 'vault', property, value, problem, ...(fix ? { fix } : {}) });
const NOT_HTTPS = 'is not an https:// address';
const SKIPS = 'turns TLS verification off';
const NOT_BOOL = 'is not a boolean Go\'s strconv.ParseBool reads (the provider refuses the mount)';
const NOT_BOOL_FIX = 'Write "false" (or leave the parameter out); this rule cannot be relaxed.';
const HTTPS = 'https://vault.example.com:8200';

/** strconv.ParseBool as documented in Go's src/strconv/atob.go, written out independently. */
const PARSE_BOOL: ReadonlyMap<string, boolean> = new Map<string, boolean>([
  ...['1', 't', 'T', 'true', 'TRUE', 'True'].map((s): [string, boolean] => [s, true]),
  ...['0', 'f', 'F', 'false', 'FALSE', 'False'].map((s): [string, boolean] => [s, false]),
]);

describe('VAULT_TLS', () => {
  describeRule(VAULT_TLS, RuleId.VAULT_TLS, Severity.HIGH, false);

  test('applies to SecretProviderClasses of the vault provider only', () => {
    expect(VAULT_TLS.appliesTo(spc({}))).toBe(true);
    expect(VAULT_TLS.appliesTo(spc({}, 'azure'))).toBe(false);
    expect(VAULT_TLS.appliesTo({ kind: 'ConfigMap', spec: { provider: 'vault' } })).toBe(false);
    const azure = { ...spc({}, 'azure'), spec: { provider: 'azure', parameters: { keyvaultName: 'kv', tenantId: 't', objects: 'array: []' } } };
    expect(VAULT_TLS.appliesTo(azure)).toBe(false);
    expect(VAULT_TLS.check(azure)).toEqual([]);
  });

  test.each(['hashicorp-vault', 'Vault', 'vault-ent'])('non-compliant: a class of provider %j with Vault parameters (the operator names the provider\'s socket)', (provider) => {
    const m = spc({ vaultAddress: 'http://vault:8200', vaultSkipTLSVerify: 'true' }, provider);
    expect(VAULT_TLS.appliesTo(m)).toBe(true);
    expect(VAULT_TLS.check(m)).toEqual([
      finding('parameters.vaultAddress', 'http://vault:8200', NOT_HTTPS),
      finding('parameters.vaultSkipTLSVerify', 'true', SKIPS),
    ]);
    expect(VAULT_TLS.check(spc({ vaultAddress: HTTPS, vaultSkipTLSVerify: 'false' }, provider))).toEqual([]);
  });

  test('parameter names are matched as written (the provider reads its map by exact key): another case is no parameter of the provider', () => {
    // the switch in another case is never read: verification stays on
    expect(VAULT_TLS.check(spc({ vaultAddress: HTTPS, VaultSkipTLSVerify: 'true', vaultskiptlsverify: 'true' }))).toEqual([]);
    // an address in another case is not the provider's: it falls back to its own flag, which the manifest does not show
    expect(VAULT_TLS.check(spc({ VaultAddress: HTTPS }))).toEqual([finding('parameters.vaultAddress', undefined, NOT_HTTPS)]);
  });

  test('compliant: https, verification on or left to its default, a private CA', () => {
    expect(VAULT_TLS.check(spc({ vaultAddress: HTTPS }))).toEqual([]);
    expect(VAULT_TLS.check(spc({ vaultAddress: 'https://vault.example.com', vaultSkipTLSVerify: 'false', vaultCACertPath: '/vault/tls/ca.crt' }))).toEqual([]);
  });

  test.each([
    ['an upper-case scheme (Go lower-cases it)', 'HTTPS://vault.example.com'],
    ['a mixed-case scheme', 'HtTpS://vault.example.com:8200/'],
    ['an IPv4 address', 'https://10.0.0.5:8200'],
    ['an IPv6 literal with port', 'https://[fd00::5]:8200'],
    ['an IPv6 literal with zone', 'https://[fe80::1%25eth0]:8200'],
    ['a path, query and fragment', 'https://vault.example.com/v1?x=1#top'],
    ['an empty port', 'https://vault.example.com:'],
    ['a non-ASCII host', 'https://vault.exämple.com'],
    ['a percent-encoded non-ASCII host byte', 'https://vault.ex%C3%A4mple.com'],
    ['white space after the path (Go keeps it in the path)', 'https://vault.example.com/ '],
  ])('compliant: %s', (_, address) => {
    expect(VAULT_TLS.check(spc({ vaultAddress: address }))).toEqual([]);
  });

  test.each([
    ['no CA override', {}],
    ['a CA file', { vaultCACertPath: '/etc/vault/ca.pem' }],
    ['a CA directory', { vaultCADirectory: '/etc/vault/cas' }],
    ['a server name other than the host (still verified, against that name)', { vaultAddress: 'https://10.0.0.5:8200', vaultTLSServerName: 'vault.example.com' }],
    ['a client certificate', { vaultTLSClientCertPath: '/etc/vault/tls.crt', vaultTLSClientKeyPath: '/etc/vault/tls.key' }],
    ['the ignored vaultCAPem', { vaultCAPem: '-----BEGIN CERTIFICATE-----' }],
  ])('compliant: trust-anchor settings that keep verification on: %s', (_, params) => {
    expect(VAULT_TLS.check(spc({ vaultAddress: HTTPS, ...params }))).toEqual([]);
  });

  test('non-compliant: plain http', () => {
    expect(VAULT_TLS.check(spc({ vaultAddress: 'http://vault.vault.svc:8200' }))).toEqual([finding('parameters.vaultAddress', 'http://vault.vault.svc:8200', NOT_HTTPS)]);
  });

  test.each([
    ['no address (the provider\'s flag or VAULT_ADDR applies)', undefined],
    ['an empty address', ''],
    ['an address without scheme', 'vault.example.com:8200'],
    ['https only further in', 'http://proxy/?to=https://vault'],
    ['https without // (opaque, no host)', 'https:vault.example.com'],
    ['https without a host', 'https:///v1/secret'],
    ['https with only a port', 'https://:8200'],
    ['https with userinfo and no host', 'https://user@'],
    ['a leading space (Go finds no scheme)', ' https://vault.example.com'],
    ['a trailing space in the host', 'https://vault.example.com '],
    ['a newline', 'https://vault.example.com\n'],
    ['a tab inside', 'https://vault.\texample.com'],
    ['a space inside the host', 'https://vault example.com'],
    ['a bad port', 'https://vault.example.com:82a0'],
    ['a bad percent escape', 'https://vault.example.com/%zz'],
    ['an ASCII byte percent-encoded in the host', 'https://vault%2eexample.com'],
    ['an unclosed IPv6 literal', 'https://[fd00::5:8200'],
    ['a unix socket', 'unix:///var/run/vault.sock'],
    ['a scheme that only starts with https', 'https+unix://vault'],
    ['a missing scheme before ://', '://vault.example.com'],
    ['a lookalike scheme', 'httpss://vault.example.com'],
    ['an invalid userinfo', 'https://us er@vault.example.com'],
  ])('non-compliant: %s', (_, address) => {
    expect(VAULT_TLS.check(spc({ vaultAddress: address }))).toEqual([finding('parameters.vaultAddress', address, NOT_HTTPS)]);
  });

  test('non-compliant: an address that is not a string', () => {
    expect(VAULT_TLS.check(spc({ vaultAddress: 8200 }))).toEqual([finding('parameters.vaultAddress', '8200', NOT_HTTPS)]);
  });

  test.each(['1', 't', 'T', 'true', 'TRUE', 'True'])('non-compliant: vaultSkipTLSVerify %j, which strconv.ParseBool reads as true', (skip) => {
    expect(VAULT_TLS.check(spc({ vaultAddress: HTTPS, vaultSkipTLSVerify: skip }))).toEqual([finding('parameters.vaultSkipTLSVerify', skip, SKIPS)]);
  });

  test.each(['0', 'f', 'F', 'false', 'FALSE', 'False'])('compliant: vaultSkipTLSVerify %j, which strconv.ParseBool reads as false', (skip) => {
    expect(VAULT_TLS.check(spc({ vaultAddress: HTTPS, vaultSkipTLSVerify: skip }))).toEqual([]);
  });

  test.each(['yes', 'on', 'tRUE', 'TRue', ' true', 'true ', 'y', '', '2', 'truE', 'no'])('non-compliant: vaultSkipTLSVerify %j, which the provider refuses', (skip) => {
    expect(VAULT_TLS.check(spc({ vaultAddress: HTTPS, vaultSkipTLSVerify: skip }))).toEqual([finding('parameters.vaultSkipTLSVerify', skip, NOT_BOOL, NOT_BOOL_FIX)]);
  });

  test('non-compliant: both at once, and a boolean true', () => {
    expect(VAULT_TLS.check(spc({ vaultAddress: 'http://vault:8200', vaultSkipTLSVerify: true }))).toEqual([
      finding('parameters.vaultAddress', 'http://vault:8200', NOT_HTTPS),
      finding('parameters.vaultSkipTLSVerify', 'true', SKIPS),
    ]);
  });

  test('a boolean false and a number 0 read as false', () => {
    expect(VAULT_TLS.check(spc({ vaultAddress: HTTPS, vaultSkipTLSVerify: false }))).toEqual([]);
    expect(VAULT_TLS.check(spc({ vaultAddress: HTTPS, vaultSkipTLSVerify: 0 }))).toEqual([]);
  });

  test('property: vaultSkipTLSVerify is a finding unless strconv.ParseBool reads false', () => {
    const spellings = fc.oneof(fc.constantFrom(...PARSE_BOOL.keys()), fc.string({ maxLength: 6 }), fc.constantFrom('true', 'false').map((s) => s.toUpperCase()));
    fc.assert(fc.property(spellings, (skip) => {
      const reference = PARSE_BOOL.get(skip);
      expect(goParseBool(skip)).toBe(reference);
      const problems = VAULT_TLS.check(spc({ vaultAddress: HTTPS, vaultSkipTLSVerify: skip })).map((f) => f.problem);
      expect(problems).toEqual(reference === false ? [] : [reference === true ? SKIPS : NOT_BOOL]);
    }));
  });

  test('property: an address with a host is https exactly when its scheme, lower-cased, is "https"', () => {
    const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/);
    const scheme = fc.constantFrom('https', 'http', 'HTTPS', 'Https', 'hTTps', 'ftp', 'unix', 'httpss', 'http+https');
    const port = fc.option(fc.integer({ min: 1, max: 65535 }).map((p) => `:${p}`), { nil: '' });
    const path = fc.constantFrom('', '/', '/v1', '/v1/sys?x=1', '#frag');
    fc.assert(fc.property(scheme, fc.array(label, { minLength: 1, maxLength: 4 }), port, path, (s, labels, p, rest) => {
      const host = labels.join('.');
      const address = `${s}://${host}${p}${rest}`;
      const isHttps = s.toLowerCase() === 'https';
      expect(goHttpsHost(address)).toBe(isHttps ? host : undefined);
      expect(VAULT_TLS.check(spc({ vaultAddress: address })).length).toBe(isHttps ? 0 : 1);
    }));
  });

  test('property: Go\'s url.Parse refuses control characters anywhere', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), fc.nat(20), (ctl, at) => {
      const address = HTTPS.slice(0, at) + ctl + HTTPS.slice(at);
      expect(goParseUrl(address)).toBeUndefined();
      expect(VAULT_TLS.check(spc({ vaultAddress: address }))).toEqual([finding('parameters.vaultAddress', address, NOT_HTTPS)]);
    }));
  });

  test('the Go URL parser: userinfo, opaque parts, hostnames', () => {
    expect(goParseUrl('HTTPS://u%40x:p%3Aw@[::1]:8200/p')).toEqual({ scheme: 'https', opaque: '', username: 'u@x', password: 'p:w', host: '[::1]:8200', hostname: '::1' });
    expect(goParseUrl('https:vault')).toEqual({ scheme: 'https', opaque: 'vault', host: '', hostname: '' });
    expect(goParseUrl('mongodb://root@db:27017')).toEqual({ scheme: 'mongodb', opaque: '', username: 'root', host: 'db:27017', hostname: 'db' });
    expect(goParseUrl('a/b:c')).toEqual({ scheme: '', opaque: '', host: '', hostname: '' });
    expect(goParseUrl('b:c/d')).toEqual({ scheme: 'b', opaque: 'c/d', host: '', hostname: '' });
    expect(goParseUrl('./b:c')).toEqual({ scheme: '', opaque: '', host: '', hostname: '' });
    expect(goParseUrl('b/c:d')).toEqual({ scheme: '', opaque: '', host: '', hostname: '' });
    expect(goParseUrl('bc:d:e/f')).toEqual({ scheme: 'bc', opaque: 'd:e/f', host: '', hostname: '' });
    expect(goParseUrl('1b:c')).toBeUndefined(); // no scheme, and a colon in the first segment
    expect(goParseUrl('*')).toEqual({ scheme: '', opaque: '', host: '', hostname: '' });
    expect(goParseUrl('https://h/#%zz')).toBeUndefined();
    expect(goParseUrl('https://[fe80::1%25en%2F0]/')).toBeUndefined(); // a zone may not escape '/'
    expect(goParseUrl('https://[fe80::1%25en%200]/')?.hostname).toBe('fe80::1%en 0');
  });
  describe('volume attributes, which the driver copies over the class\'s parameters', () => {
    const csi = (attributes: Record<string, any>, driver = 'secrets-store.csi.k8s.io') => ({ driver, readOnly: true, volumeAttributes: { secretProviderClass: 'vault', ...attributes } });
    const OVERRIDES = ' (the Secrets Store CSI driver gives the provider the volume\'s attributes in place of the SecretProviderClass\'s parameters)';
    const VOLUME_FIX = 'Remove the attribute: leave only secretProviderClass in volumeAttributes, and reach Vault over https with TLS verified in the '
      + 'SecretProviderClass (VaultSecretProviderClass); this rule cannot be relaxed.';
    const at = (kind: string, name: string, where: Record<string, string>, property: string, value: string, problem: string) =>
      ({ rule: RuleId.VAULT_TLS, kind, name, ...where, property, value, problem: problem + OVERRIDES, fix: VOLUME_FIX });

    test('non-compliant: a PipelineRun workspace binding turns verification off and sends the token over http, with the exact findings', () => {
      const m = pipelineRun({ workspaces: [{ name: 'creds', csi: csi({ vaultSkipTLSVerify: 'true', vaultAddress: 'http://vault.vault.svc:8200' }) }] });
      expect(VAULT_TLS.appliesTo(m)).toBe(true);
      expect(VAULT_TLS.check(m)).toEqual([
        at('PipelineRun', 'pipe-run', { location: "workspace 'creds'", target: 'workspace/creds' }, 'workspaces.creds.csi.volumeAttributes.vaultAddress', 'http://vault.vault.svc:8200', 'is not an https:// address'),
        at('PipelineRun', 'pipe-run', { location: "workspace 'creds'", target: 'workspace/creds' }, 'workspaces.creds.csi.volumeAttributes.vaultSkipTLSVerify', 'true', 'turns TLS verification off'),
      ]);
    });

    test('non-compliant: a Task volume, an embedded spec, a TaskRun binding and pod template volumes', () => {
      expect(VAULT_TLS.check(task({ volumes: [{ name: 'v', csi: csi({ vaultSkipTLSVerify: '1' }) }] }))).toEqual([
        at('Task', 'build', {}, 'volumes.v.csi.volumeAttributes.vaultSkipTLSVerify', '1', 'turns TLS verification off'),
      ]);
      expect(VAULT_TLS.check(pipelineRunEmbedding({ steps: [], volumes: [{ name: 'v', csi: csi({ vaultAddress: 'vault:8200' }) }] }))).toEqual([
        at('PipelineRun', 'pipe-run', { location: "task 'build'", target: 'task/build' }, 'volumes.v.csi.volumeAttributes.vaultAddress', 'vault:8200', 'is not an https:// address'),
      ]);
      expect(VAULT_TLS.check(taskRun({ workspaces: [{ name: 'w', csi: csi({ vaultSkipTLSVerify: 'yes' }) }] }))).toEqual([
        at('TaskRun', 'build-run', { location: "workspace 'w'", target: 'workspace/w' }, 'workspaces.w.csi.volumeAttributes.vaultSkipTLSVerify', 'yes',
          'is not a boolean Go\'s strconv.ParseBool reads (the provider refuses the mount)'),
      ]);
      expect(VAULT_TLS.check(taskRun({ podTemplate: { volumes: [{ name: 'p', csi: csi({ vaultSkipTLSVerify: 'T' }) }] } }))).toEqual([
        at('TaskRun', 'build-run', {}, 'podTemplate.volumes.p.csi.volumeAttributes.vaultSkipTLSVerify', 'T', 'turns TLS verification off'),
      ]);
      expect(VAULT_TLS.check(pipelineRun({ taskRunSpecs: [{ pipelineTaskName: 'push', podTemplate: { volumes: [{ name: 'p', csi: csi({ vaultAddress: 'HTTP://v' }) }] } }] }))).toEqual([
        at('PipelineRun', 'pipe-run', { location: "taskRunSpec 'push'", target: 'task/push' }, 'podTemplate.volumes.p.csi.volumeAttributes.vaultAddress', 'HTTP://v', 'is not an https:// address'),
      ]);
    });

    test('non-compliant: a switch or address a run or an event fills in (a variable replaced before the driver reads it), said so', () => {
      const BY_TASK = "which Tekton replaces with the param's value, which whoever runs the task gives (or a result another task passes), before it creates the pod";
      const skip = (v: string, by: string) => `holds ${v}, ${by}: whoever gives that value can turn TLS verification off ("true")`;
      const addr = (v: string, by: string) => `holds ${v}, ${by}: whoever gives that value chooses the address, an http:// one included`;
      expect(VAULT_TLS.check(task({ volumes: [{ name: 'v', csi: csi({ vaultSkipTLSVerify: '$(params.skip)', vaultAddress: '$(params.addr)' }) }] }))).toEqual([
        at('Task', 'build', {}, 'volumes.v.csi.volumeAttributes.vaultAddress', '$(params.addr)', addr('$(params.addr)', BY_TASK)),
        at('Task', 'build', {}, 'volumes.v.csi.volumeAttributes.vaultSkipTLSVerify', '$(params.skip)', skip('$(params.skip)', BY_TASK)),
      ]);
      // the scheme written before the variable stays https
      expect(VAULT_TLS.check(task({ volumes: [{ name: 'v', csi: csi({ vaultAddress: 'https://$(params.host):8200' }) }] }))).toEqual([]);
      const TT = "which Tekton Triggers replaces with the event's value when it creates the object";
      expect(VAULT_TLS.check(spc({ vaultAddress: HTTPS, vaultSkipTLSVerify: '$(tt.params.insecure)' }))).toEqual([
        finding('parameters.vaultSkipTLSVerify', '$(tt.params.insecure)', skip('$(tt.params.insecure)', TT),
          'Write "false" (or leave the parameter out), not a variable; this rule cannot be relaxed.'),
      ]);
      // nothing replaces a variable of a run's binding: the provider reads it as written, and refuses it
      expect(VAULT_TLS.check(taskRun({ workspaces: [{ name: 'w', csi: csi({ vaultSkipTLSVerify: '$(params.skip)' }) }] })).map((f) => f.problem)).toEqual([
        NOT_BOOL + OVERRIDES,
      ]);
    });

    test('a param of an enum Tekton checks (enable-param-enum on): each of its values is judged as written', () => {
      const FLAGS = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'feature-flags', namespace: 'tekton-pipelines' }, data: { 'enable-param-enum': 'true' } };
      const t = (skips: string[], addresses: string[]) => task({
        params: [{ name: 'skip', enum: skips, default: skips[0] }, { name: 'addr', enum: addresses, default: addresses[0] }],
        volumes: [{ name: 'v', csi: csi({ vaultSkipTLSVerify: '$(params.skip)', vaultAddress: '$(params.addr)' }) }],
      });
      const judged = (m: any) => VAULT_TLS.check(m, { manifests: [m, FLAGS], credentialWorkspaces: () => [] } as any);
      expect(judged(t(['false'], ['https://vault.example.com:8200', 'https://vault-dr.example.com:8200']))).toEqual([]);
      const ENUM = "a value of its enum, which Tekton checks the run's value against";
      // the note of the value pasted follows the problem
      // and the fix first removes the value from the enum, in the param's words
      const REMOVE_ATTRIBUTE = 'remove the attribute: leave only secretProviderClass in volumeAttributes, and reach Vault over https with TLS verified in the '
        + 'SecretProviderClass (VaultSecretProviderClass); this rule cannot be relaxed.';
      const noted = (property: string, value: string, problem: string, removed: string) => ({
        ...at('Task', 'build', {}, property, value, ''),
        problem,
        fix: `Remove ${removed} (Tekton then refuses a run that gives it), or: ${REMOVE_ATTRIBUTE}`,
      });
      expect(judged(t(['false', 'true'], ['https://vault.example.com:8200', 'http://vault.example.com:8200']))).toEqual([
        noted('volumes.v.csi.volumeAttributes.vaultAddress', '$(params.addr)',
          `is not an https:// address${OVERRIDES} (with $(params.addr) "http://vault.example.com:8200" (${ENUM}))`, '"http://vault.example.com:8200" from the enum of param addr'),
        noted('volumes.v.csi.volumeAttributes.vaultSkipTLSVerify', '$(params.skip)', `turns TLS verification off${OVERRIDES} (with $(params.skip) "true" (${ENUM}))`,
          '"true" from the enum of param skip'),
      ]);
    });

    test('compliant: a volume of the driver\'s mock_provider, which it mounts empty without calling any provider', () => {
      expect(VAULT_TLS.check(pipelineRun({ workspaces: [{ name: 'creds', csi: csi({ providerName: 'mock_provider', vaultSkipTLSVerify: 'true', vaultAddress: 'http://v' }) }] })))
        .toEqual([]);
    });

    test('compliant: only the class named, an https address with verification on, another driver, no attributes', () => {
      expect(VAULT_TLS.check(pipelineRun({ workspaces: [{ name: 'creds', csi: csi({}) }] }))).toEqual([]);
      expect(VAULT_TLS.check(pipelineRun({ workspaces: [{ name: 'creds', csi: csi({ vaultAddress: HTTPS, vaultSkipTLSVerify: 'false' }) }] }))).toEqual([]);
      expect(VAULT_TLS.check(task({ volumes: [{ name: 'c', csi: csi({ vaultSkipTLSVerify: 'true' }, 'csi.cert-manager.io') }] }))).toEqual([]);
      expect(VAULT_TLS.appliesTo(task({ volumes: [{ name: 'c', csi: csi({ vaultSkipTLSVerify: 'true' }, 'csi.cert-manager.io') }] }))).toBe(false);
      expect(VAULT_TLS.check(pipelineRun({ workspaces: [{ name: 'creds', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true } }] }))).toEqual([]);
    });

    test('non-compliant: an app Deployment\'s volume over http with verification off, a Pod\'s, a CronJob\'s, a Job\'s', () => {
      const workload = (kind: string, podSpec: Record<string, any>) => ({
        apiVersion: kind === 'Deployment' ? 'apps/v1' : 'batch/v1',
        kind,
        metadata: { name: 'app', namespace: 'web' },
        spec: kind === 'CronJob' ? { schedule: '@daily', jobTemplate: { spec: { template: { spec: podSpec } } } } : { template: { spec: podSpec } },
      });
      const m = workload('Deployment', { containers: [], volumes: [{ name: 'secrets', csi: csi({ vaultAddress: 'http://vault.vault.svc:8200', vaultSkipTLSVerify: 'true' }) }] });
      expect(VAULT_TLS.appliesTo(m)).toBe(true);
      expect(VAULT_TLS.check(m)).toEqual([
        at('Deployment', 'app', {}, 'spec.template.spec.volumes.secrets.csi.volumeAttributes.vaultAddress', 'http://vault.vault.svc:8200', 'is not an https:// address'),
        at('Deployment', 'app', {}, 'spec.template.spec.volumes.secrets.csi.volumeAttributes.vaultSkipTLSVerify', 'true', 'turns TLS verification off'),
      ]);
      const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [], volumes: [{ name: 's', csi: csi({ baoSkipTLSVerify: 'True' }) }] } };
      expect(VAULT_TLS.check(pod)).toEqual([at('Pod', 'p', {}, 'spec.volumes.s.csi.volumeAttributes.baoSkipTLSVerify', 'True', 'turns TLS verification off')]);
      expect(VAULT_TLS.check(workload('CronJob', { volumes: [{ name: 's', csi: csi({ vaultAddress: 'vault:8200' }) }] }))).toEqual([
        at('CronJob', 'app', {}, 'spec.jobTemplate.spec.template.spec.volumes.s.csi.volumeAttributes.vaultAddress', 'vault:8200', 'is not an https:// address'),
      ]);
      expect(VAULT_TLS.check(workload('Job', { volumes: [{ name: 's', csi: csi({ vaultSkipTLSVerify: '1' }) }] }))).toEqual([
        at('Job', 'app', {}, 'spec.template.spec.volumes.s.csi.volumeAttributes.vaultSkipTLSVerify', '1', 'turns TLS verification off'),
      ]);
    });

    test('non-compliant: a volume of config-defaults\' default pod template, which Tekton merges into every run\'s', () => {
      const defaults = (namespace: string, template: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace }, data: { 'default-pod-template': template } });
      const m = defaults('tekton-pipelines', 'volumes:\n- name: v\n  csi: {driver: secrets-store.csi.k8s.io, readOnly: true, volumeAttributes: {secretProviderClass: c, vaultSkipTLSVerify: "true"}}\n');
      expect(VAULT_TLS.appliesTo(m)).toBe(true);
      expect(VAULT_TLS.check(m)).toEqual([
        at('ConfigMap', 'config-defaults', {}, "data['default-pod-template'].volumes.v.csi.volumeAttributes.vaultSkipTLSVerify", 'true', 'turns TLS verification off'),
      ]);
      // another namespace's ConfigMap of that name is no configuration of Tekton's, but in a Tekton operator's target namespace
      const web = { ...m, metadata: { name: 'config-defaults', namespace: 'web' } };
      expect(VAULT_TLS.check(web, { manifests: [web], credentialWorkspaces: () => [] } as any)).toEqual([]);
      const operator = { apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec: { targetNamespace: 'web' } };
      expect(VAULT_TLS.check(web, { manifests: [operator, web], credentialWorkspaces: () => [] } as any).map((x) => x.problem)).toEqual([
        `turns TLS verification off${OVERRIDES} (reading config-defaults with data['default-pod-template'] that ConfigMap 'config-defaults' in web keeps beside what `
          + "TektonConfig 'config' writes, unless kubectl apply created it)",
      ]);
    });

    test("config-defaults' default pod template beside a Tekton operator's object: each reading of it, named; none where the operator writes its own", () => {
      const template = 'volumes:\n- name: v\n  csi: {driver: secrets-store.csi.k8s.io, readOnly: true, volumeAttributes: {secretProviderClass: c, vaultAddress: "http://vault:8200"}}\n';
      const cm = configDefaultsWithTemplate(template);
      const check = (m: any, ...manifests: any[]) => VAULT_TLS.check(m, { manifests, credentialWorkspaces: () => [] } as any);
      const address = "data['default-pod-template'].volumes.v.csi.volumeAttributes.vaultAddress";
      const problem = "is not an https:// address (the Secrets Store CSI driver gives the provider the volume's attributes in place of the SecretProviderClass's parameters)";
      // the operator writes no template: the ConfigMap's stays only where kubectl apply did not create it
      expect(check(cm, operatorPipelineConfig({}), cm)).toEqual([{
        ...at('ConfigMap', 'config-defaults', {}, address, 'http://vault:8200', ''),
        problem: problem
        + " (reading config-defaults with data['default-pod-template'] that ConfigMap 'config-defaults' in tekton-pipelines keeps beside what TektonConfig 'config' "
        + 'writes, unless kubectl apply created it)',
      }]);
      // the operator writes its own template over it in every reading: it reaches no pod
      expect(check(cm, operatorPipelineConfig({ 'default-pod-template': 'dnsPolicy: Default' }), cm)).toEqual([]);
      // not one of a version the operator's CRDs do not serve (only v1alpha1, tektoncd/operator v0.81.0), which the API server refuses
      expect(check(cm, { ...operatorPipelineConfig({ 'default-pod-template': 'dnsPolicy: Default' }), apiVersion: 'operator.tekton.dev/v1beta1' }, cm)).toEqual([
        { ...at('ConfigMap', 'config-defaults', {}, address, 'http://vault:8200', ''), problem },
      ]);
      // the operator's own template is in every reading: no reading named
      const own = operatorPipelineConfig({ 'default-pod-template': template });
      expect(check(own, own, cm).map((x) => [x.property, x.problem])).toEqual([['spec.pipeline[\'default-pod-template\'].volumes.v.csi.volumeAttributes.vaultAddress', problem]]);
    });

    test('compliant: a workload whose volume only names its class, or is of another driver; a workload without volumes is not read', () => {
      const deployment = (volumes: unknown) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'app' }, spec: { template: { spec: { containers: [], volumes } } } });
      expect(VAULT_TLS.check(deployment([{ name: 's', csi: csi({}) }]))).toEqual([]);
      expect(VAULT_TLS.check(deployment([{ name: 's', csi: csi({ vaultAddress: HTTPS, vaultSkipTLSVerify: 'false' }) }]))).toEqual([]);
      expect(VAULT_TLS.appliesTo(deployment([{ name: 'c', csi: csi({ vaultSkipTLSVerify: 'true' }, 'csi.cert-manager.io') }]))).toBe(false);
      expect(VAULT_TLS.appliesTo(deployment(undefined))).toBe(false);
    });
  });

  describe('OpenBao\'s provider, which reads bao…, then openbao…, then vault… spellings', () => {
    const openBaoFix = (address: string, skip: string) => `Use an https:// ${address} and leave ${skip} "false" (OpenBao's provider reads the bao, `
      + 'openbao, then vault spelling of each parameter: the first present wins); this rule cannot be relaxed.';

    test('non-compliant: an openbao class over http with verification off, with the exact findings', () => {
      const m = spc({ baoAddress: 'http://bao.bao.svc:8200', baoSkipTLSVerify: 'true' }, 'openbao');
      expect(VAULT_TLS.appliesTo(m)).toBe(true);
      expect(VAULT_TLS.check(m)).toEqual([
        finding('parameters.baoAddress', 'http://bao.bao.svc:8200', NOT_HTTPS, openBaoFix('baoAddress', 'baoSkipTLSVerify')),
        finding('parameters.baoSkipTLSVerify', 'true', SKIPS, openBaoFix('baoAddress', 'baoSkipTLSVerify')),
      ]);
    });

    test('non-compliant: a bao spelling beside vault ones that pass is the one OpenBao reads', () => {
      expect(VAULT_TLS.check(spc({ vaultAddress: HTTPS, vaultSkipTLSVerify: 'false', openbaoSkipTLSVerify: 'True' }))).toEqual([
        finding('parameters.openbaoSkipTLSVerify', 'True', SKIPS, openBaoFix('vaultAddress', 'openbaoSkipTLSVerify')),
      ]);
      // an empty bao address shadows the vault one: the provider falls back to its flag or BAO_ADDR
      expect(VAULT_TLS.check(spc({ vaultAddress: HTTPS, baoAddress: '' }))).toEqual([
        finding('parameters.baoAddress', '', NOT_HTTPS, openBaoFix('baoAddress', 'baoSkipTLSVerify')),
      ]);
      expect(VAULT_TLS.check(spc({ vaultAddress: HTTPS, baoSkipTLSVerify: 'yes' }))).toEqual([
        finding('parameters.baoSkipTLSVerify', 'yes', NOT_BOOL, NOT_BOOL_FIX),
      ]);
    });

    test('non-compliant: an openbao class that reads the vault spelling, or names no address', () => {
      expect(VAULT_TLS.check(spc({ vaultAddress: 'http://v' }, 'openbao'))).toEqual([finding('parameters.vaultAddress', 'http://v', NOT_HTTPS)]);
      expect(VAULT_TLS.check(spc({}, 'openbao'))).toEqual([finding('parameters.baoAddress', undefined, NOT_HTTPS, openBaoFix('baoAddress', 'baoSkipTLSVerify'))]);
      // a class both providers may serve names no address once
      expect(VAULT_TLS.check(spc({ baoNamespace: 'ci' }))).toEqual([finding('parameters.vaultAddress', undefined, NOT_HTTPS)]);
    });

    test('compliant: the spelling OpenBao reads passes, whatever a spelling it never reads says', () => {
      expect(VAULT_TLS.check(spc({ baoAddress: HTTPS, baoSkipTLSVerify: 'false' }, 'openbao'))).toEqual([]);
      expect(VAULT_TLS.check(spc({ baoAddress: HTTPS, openbaoAddress: 'http://never-read' }, 'openbao'))).toEqual([]);
      expect(VAULT_TLS.check(spc({ openbaoAddress: HTTPS, vaultCACertPath: '/ca.crt' }, 'openbao'))).toEqual([]);
    });

    test('non-compliant: a bao or openbao spelling among a volume\'s attributes', () => {
      const OVERRIDES = ' (the Secrets Store CSI driver gives the provider the volume\'s attributes in place of the SecretProviderClass\'s parameters)';
      const VOLUME_FIX = 'Remove the attribute: leave only secretProviderClass in volumeAttributes, and reach Vault over https with TLS verified in the '
        + 'SecretProviderClass (VaultSecretProviderClass); this rule cannot be relaxed.';
      const csi = { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'vault', baoSkipTLSVerify: 'true', openbaoAddress: 'http://b' } };
      const where = { location: "workspace 'creds'", target: 'workspace/creds' };
      expect(VAULT_TLS.check(pipelineRun({ workspaces: [{ name: 'creds', csi }] }))).toEqual([
        { rule: RuleId.VAULT_TLS, kind: 'PipelineRun', name: 'pipe-run', ...where, property: 'workspaces.creds.csi.volumeAttributes.baoSkipTLSVerify', value: 'true', problem: SKIPS + OVERRIDES, fix: VOLUME_FIX },
        { rule: RuleId.VAULT_TLS, kind: 'PipelineRun', name: 'pipe-run', ...where, property: 'workspaces.creds.csi.volumeAttributes.openbaoAddress', value: 'http://b', problem: NOT_HTTPS + OVERRIDES, fix: VOLUME_FIX },
      ]);
    });
  });
});
