import * as fc from 'fast-check';
import { aggregation, clusterRole, describeRule, namedSecretRule, role } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { ruleContext } from '../../../src/policy/engine/context';
import { RBAC_NO_WILDCARD } from '../../../src/policy/rules/rbac-no-wildcard';

const at = (location: string, finding: Record<string, unknown>, kind = 'Role') => ({ rule: RuleId.RBAC_NO_WILDCARD, kind, name: 'reader', location, ...finding });
const wildcard = (property: string) => ({ property, value: '*', problem: 'is a wildcard' });
const UNNAMED_PROBLEM = 'is empty, so the rule reaches every object of its kind';
/** The finding on an empty resourceNames: `granted`, the rule's verbs, each once and sorted. */
const unnamedFinding = (granted: string) => ({ property: 'resourceNames', granted, problem: UNNAMED_PROBLEM });
const emptyName = (verbs: string, granted: string) => ({
  property: 'resourceNames',
  value: '',
  granted,
  problem: `matches the requests that name no object: with ${verbs} they reach every object of its kind`,
  fix: 'Remove "" from resourceNames and name each object.',
});


describe('RBAC_NO_WILDCARD', () => {
  describeRule(RBAC_NO_WILDCARD, RuleId.RBAC_NO_WILDCARD, Severity.HIGH, true);

  test('applies to Roles and ClusterRoles only', () => {
    expect(RBAC_NO_WILDCARD.appliesTo(role())).toBe(true);
    expect(RBAC_NO_WILDCARD.appliesTo(clusterRole())).toBe(true);
    expect(RBAC_NO_WILDCARD.appliesTo({ kind: 'RoleBinding', roleRef: { kind: 'Role', name: '*' } })).toBe(false);
  });

  test('compliant: named verbs on named resources, in every rule', () => {
    expect(RBAC_NO_WILDCARD.check(role(namedSecretRule(), { apiGroups: ['tekton.dev'], resources: ['pipelineruns'], resourceNames: ['nightly'], verbs: ['get', 'update'] }))).toEqual([]);
    expect(RBAC_NO_WILDCARD.check(role())).toEqual([]);
  });

  test('non-compliant: no resourceNames', () => {
    expect(RBAC_NO_WILDCARD.check(role(namedSecretRule({ resourceNames: undefined })))).toEqual([at('rules[0]', unnamedFinding('get'))]);
    expect(RBAC_NO_WILDCARD.check(role(namedSecretRule({ resourceNames: [] })))).toEqual([at('rules[0]', unnamedFinding('get'))]);
  });

  test.each(['verbs', 'resources', 'apiGroups'])('non-compliant: * in %s', (field) => {
    expect(RBAC_NO_WILDCARD.check(role(namedSecretRule({ [field]: ['get', '*'] })))).toEqual([at('rules[0]', wildcard(field))]);
  });

  test('non-compliant: a wildcard in the extensions group alone, which serves nothing since 1.22 but an aggregated APIService may claim, said so', () => {
    const NOTE = ' (in the extensions group, which Kubernetes serves nothing of since 1.22 but an aggregated APIService may claim: the rule then grants what '
      + 'that server serves)';
    const noted = (f: { property: string; value?: string; problem: string }) => ({ ...f, problem: f.problem + NOTE });
    expect(RBAC_NO_WILDCARD.check(role({ apiGroups: ['extensions'], resources: ['*'], verbs: ['*'] }))).toEqual([
      at('rules[0]', noted(wildcard('verbs'))), at('rules[0]', noted(wildcard('resources'))), at('rules[0]', noted(unnamedFinding('*'))),
    ]);
    expect(RBAC_NO_WILDCARD.check(role({ apiGroups: ['extensions'], resources: ['ingresses'], verbs: ['get', 'list'] }))).toEqual([at('rules[0]', noted(unnamedFinding('get, list')))]);
    // beside a group Kubernetes serves, the finding is that group's too: no note
    expect(RBAC_NO_WILDCARD.check(role({ apiGroups: ['extensions', 'networking.k8s.io'], resources: ['ingresses'], verbs: ['get'] }))).toEqual([at('rules[0]', unnamedFinding('get'))]);
    // named resources: no wildcard, in that group as in any
    expect(RBAC_NO_WILDCARD.check(role({ apiGroups: ['extensions'], resources: ['ingresses'], resourceNames: ['web'], verbs: ['get'] }))).toEqual([]);
  });

  test('non-compliant: a verb, resource, API group or (in a ClusterRole) URL an event chooses (a TriggerTemplate\'s param), which may be *', () => {
    const chosen = (property: string, value: string) => ({
      property,
      value,
      problem: `holds ${value.replace(/^.*(\$\(tt\.params\.[a-z]+\)).*$/, '$1')}, which Tekton Triggers replaces with the event's value when it creates `
        + 'the object: the event chooses it, * included',
    });
    expect(RBAC_NO_WILDCARD.check(role(namedSecretRule({ verbs: ['get', '$(tt.params.verb)'], resources: ['$(tt.params.kind)s'], apiGroups: ['$(tt.params.group)'] }))))
      .toEqual([
        at('rules[0]', chosen('verbs', '$(tt.params.verb)')),
        at('rules[0]', chosen('resources', '$(tt.params.kind)s')),
        at('rules[0]', chosen('apiGroups', '$(tt.params.group)')),
      ]);
    expect(RBAC_NO_WILDCARD.check(clusterRole({ nonResourceURLs: ['/metrics/$(tt.params.path)'], verbs: ['get'] })))
      .toEqual([at('rules[0]', chosen('nonResourceURLs', '/metrics/$(tt.params.path)'), 'ClusterRole')]);
    // a Tekton variable is no variable in a Role: nothing replaces it there, and it matches only what it spells
    expect(RBAC_NO_WILDCARD.check(role(namedSecretRule({ verbs: ['get', '$(params.verb)'] })))).toEqual([]);
    // nor is a TriggerTemplate's param written with brackets: Triggers replaces `$(tt.params.<name>)` alone
    expect(RBAC_NO_WILDCARD.check(role(namedSecretRule({ verbs: ['get', '$(tt.params["verb"])'], apiGroups: ["$(tt.params['group'])"] })))).toEqual([]);
    // a value pasted into text around it that no * can complete: named, if by the event (pods/* and a group ending in .io are no wildcards)
    expect(RBAC_NO_WILDCARD.check(role(namedSecretRule({ verbs: ['get', 'g$(tt.params.verb)'], resources: ['pods/$(tt.params.sub)'], apiGroups: ['$(tt.params.team).io'] }))))
      .toEqual([]);
    // but a resource that starts with one may be */<subresource>
    expect(RBAC_NO_WILDCARD.check(role(namedSecretRule({ resources: ['$(tt.params.kind)/exec'] })))).toEqual([at('rules[0]', chosen('resources', '$(tt.params.kind)/exec'))]);
  });

  test('non-compliant: * in apiGroups reaches secrets of every group; each wildcard reported in its rule', () => {
    expect(RBAC_NO_WILDCARD.check(role(namedSecretRule(), { apiGroups: ['*'], resources: ['*'], verbs: ['*'] }))).toEqual([
      at('rules[1]', wildcard('verbs')),
      at('rules[1]', wildcard('resources')),
      at('rules[1]', wildcard('apiGroups')),
      at('rules[1]', unnamedFinding('*')),
    ]);
  });

  test.each(['exec', 'status', 'token'])('non-compliant: */%s matches that subresource of every resource', (sub) => {
    expect(RBAC_NO_WILDCARD.check(role(namedSecretRule({ resources: ['pods', `*/${sub}`] })))).toEqual([
      at('rules[0]', { property: 'resources', value: `*/${sub}`, problem: `is a wildcard: it matches the ${sub} subresource of every resource` }),
    ]);
  });

  test('compliant: pods/*, */* and a resource name * are no wildcards to the API server (they match only what they spell)', () => {
    expect(RBAC_NO_WILDCARD.check(role(namedSecretRule({ resources: ['pods/*', '*/*'] }), namedSecretRule({ resourceNames: ['*'] })))).toEqual([]);
  });

  test('compliant: */ is no wildcard (ResourceMatches never matches a request for a resource itself with a */ entry)', () => {
    expect(RBAC_NO_WILDCARD.check(role(namedSecretRule({ resources: ['*/', 'secrets'] })))).toEqual([]);
  });

  describe('a "" resource name matches the requests that carry no name', () => {
    test.each([
      [['list'], 'list', 'list'],
      [['watch'], 'watch', 'watch'],
      [['create'], 'create', 'create'],
      [['deletecollection'], 'deletecollection', 'deletecollection'],
      [['*'], '*', '*'],
      [['get', 'list', 'watch', 'create'], 'list, watch and create', 'create, list, watch'],
      [['use'], 'use', 'use'],
    ])('non-compliant: with verbs %j', (verbs, text, granted) => {
      const findings = RBAC_NO_WILDCARD.check(role({ apiGroups: [''], resources: ['configmaps'], resourceNames: ['settings', ''], verbs }));
      expect(findings.filter((f) => f.property === 'resourceNames')).toEqual([at('rules[0]', emptyName(text, granted))]);
    });

    test('compliant: with verbs whose requests always name an object (get, update, patch, delete)', () => {
      expect(RBAC_NO_WILDCARD.check(role({ apiGroups: [''], resources: ['configmaps'], resourceNames: [''], verbs: ['get', 'update', 'patch', 'delete'] }))).toEqual([]);
    });

    test('compliant: bind names the role a binding refers to, approve, sign and attest the signer (both required, never "")', () => {
      expect(RBAC_NO_WILDCARD.check(role({ apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], resourceNames: ['', 'view'], verbs: ['bind'] }))).toEqual([]);
      expect(RBAC_NO_WILDCARD.check(role({ apiGroups: ['certificates.k8s.io'], resources: ['signers'], resourceNames: [''], verbs: ['approve', 'sign', 'attest'] }))).toEqual([]);
    });

    test('only "" is reported when it is the only name', () => {
      expect(RBAC_NO_WILDCARD.check(role(namedSecretRule({ resourceNames: [''], verbs: ['list'] })))).toEqual([at('rules[0]', emptyName('list', 'list'))]);
    });
  });

  test('compliant: create, list, watch and deletecollection on named objects (a plain create or deletecollection then matches nothing, a list or watch only a metadata.name selection, an apply only the named object)', () => {
    expect(RBAC_NO_WILDCARD.check(role({ apiGroups: [''], resources: ['configmaps'], resourceNames: ['settings'], verbs: ['create', 'list', 'watch', 'deletecollection'] }))).toEqual([]);
  });

  describe('verbs that cannot take resourceNames (their requests name no object)', () => {
    test('compliant: create on a resource itself, without resourceNames (it reaches no existing object; naming would make it match nothing)', () => {
      expect(RBAC_NO_WILDCARD.check(role({ apiGroups: ['tekton.dev'], resources: ['pipelineruns', 'taskruns'], verbs: ['create'] }))).toEqual([]);
    });

    test('non-compliant: deletecollection without resourceNames deletes every object, with a fix that can work', () => {
      expect(RBAC_NO_WILDCARD.check(role({ apiGroups: ['tekton.dev'], resources: ['taskruns'], verbs: ['create', 'deletecollection'] }))).toEqual([at('rules[0]', {
        property: 'verbs',
        value: 'deletecollection',
        problem: 'deletes every object of its kind at once, and resourceNames cannot limit it (its requests name no object)',
        fix: 'Grant delete with resourceNames naming each object instead of deletecollection.',
      })]);
    });

    test('non-compliant: create on a subresource names its object (pods/eviction, serviceaccounts/token), so no resourceNames reaches every one', () => {
      expect(RBAC_NO_WILDCARD.check(role({ apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] }))).toEqual([at('rules[0]', unnamedFinding('create'))]);
      expect(RBAC_NO_WILDCARD.check(role({ apiGroups: [''], resources: ['*'], verbs: ['create'] })).map((f) => f.property)).toEqual(['resources', 'resourceNames']);
    });

    test('non-compliant: create next to a verb that takes names', () => {
      expect(RBAC_NO_WILDCARD.check(role({ apiGroups: [''], resources: ['configmaps'], verbs: ['create', 'get'] }))).toEqual([at('rules[0]', unnamedFinding('create, get'))]);
      expect(RBAC_NO_WILDCARD.check(role({ apiGroups: [''], resources: ['configmaps'], verbs: ['create', 'list'] }))).toEqual([at('rules[0]', unnamedFinding('create, list'))]);
    });
  });

  test('a rule without apiGroups is read as the core group: still reported', () => {
    expect(RBAC_NO_WILDCARD.check(role({ resources: ['configmaps'], verbs: ['get'] }))).toEqual([at('rules[0]', unnamedFinding('get'))]);
  });

  test("OpenShift's authorization.openshift.io: its old allow-all rule (no apiGroups, verbs and resources * alone) is apiGroups *, said so; a rule with attributeRestrictions grants nothing", () => {
    const openshift = (...rules: any[]) => ({ ...role(...rules), apiVersion: 'authorization.openshift.io/v1' });
    expect(RBAC_NO_WILDCARD.check(openshift({ resources: ['*'], verbs: ['*'] }))).toEqual([
      at('rules[0]', wildcard('verbs')),
      at('rules[0]', wildcard('resources')),
      at('rules[0]', {
        property: 'apiGroups',
        value: '*',
        problem: 'is a wildcard (authorization.openshift.io reads a rule without apiGroups whose verbs and resources are * alone as apiGroups *)',
      }),
      at('rules[0]', unnamedFinding('*')),
    ]);
    // in rbac.authorization.k8s.io the API server refuses such a rule: read as the core group
    expect(RBAC_NO_WILDCARD.check(role({ resources: ['*'], verbs: ['*'] }))).not.toContainEqual(expect.objectContaining({ property: 'apiGroups' }));
    expect(RBAC_NO_WILDCARD.check(openshift({ resources: ['*'], verbs: ['*'], attributeRestrictions: { kind: 'IsPersonalSubjectAccessReview' } }))).toEqual([]);
    expect(RBAC_NO_WILDCARD.check(openshift({ resources: ['configmaps'], verbs: ['get'], attributeRestrictions: null }))).toEqual([at('rules[0]', unnamedFinding('get'))]);
  });

  test('compliant: resources spelled in another case match nothing, and are not findings of this rule', () => {
    expect(RBAC_NO_WILDCARD.check(role(namedSecretRule({ resources: ['Secrets', 'secret'] })))).toEqual([]);
  });

  test('non-compliant: a signer name ending in /* names every signer of its domain', () => {
    const rule = { apiGroups: ['certificates.k8s.io'], resources: ['signers'], resourceNames: ['example.com/*', 'example.com/build'], verbs: ['approve'] };
    expect(RBAC_NO_WILDCARD.check(role(rule))).toEqual([at('rules[0]', {
      property: 'resourceNames', value: 'example.com/*', problem: 'is a wildcard: approve, sign and attest on every signer of example.com are also checked against it',
    })]);
    expect(RBAC_NO_WILDCARD.check(role({ ...rule, resources: ['configmaps'], apiGroups: [''] }))).toEqual([]);
  });

  test('non-compliant: a cert-manager signer name ending in /*, which its webhook checks the approval of every issuer of the kind against', () => {
    const rule = { apiGroups: ['cert-manager.io'], resources: ['signers'], resourceNames: ['clusterissuers.cert-manager.io/*', 'issuers.cert-manager.io/ci.internal-ca'], verbs: ['approve'] };
    expect(RBAC_NO_WILDCARD.check(clusterRole(rule))).toEqual([at('rules[0]', {
      property: 'resourceNames', value: 'clusterissuers.cert-manager.io/*', problem: 'is a wildcard: cert-manager checks approve for every issuer of clusterissuers.cert-manager.io against it too',
    }, 'ClusterRole')]);
    // another group's signers are no certificate API's
    expect(RBAC_NO_WILDCARD.check(clusterRole({ ...rule, apiGroups: ['example.com'] }))).toEqual([]);
  });

  describe('nonResourceURLs', () => {
    test('non-compliant: a ClusterRole with * or a prefix wildcard; no resourceNames finding (they have none)', () => {
      expect(RBAC_NO_WILDCARD.check(clusterRole({ nonResourceURLs: ['*'], verbs: ['get'] }))).toEqual([
        at('rules[0]', wildcard('nonResourceURLs'), 'ClusterRole'),
      ]);
      expect(RBAC_NO_WILDCARD.check(clusterRole({ nonResourceURLs: ['/healthz', '/logs/*'], verbs: ['get'] }))).toEqual([
        at('rules[0]', { property: 'nonResourceURLs', value: '/logs/*', problem: 'is a wildcard: it matches every path that starts with /logs/' }, 'ClusterRole'),
      ]);
    });

    test('a Role\'s nonResourceURLs grant nothing (RoleBindings never match non-resource requests)', () => {
      expect(RBAC_NO_WILDCARD.check(role({ nonResourceURLs: ['*'], verbs: ['get'] }))).toEqual([]);
    });
  });

  test('malformed entries are skipped, strings still read, null read as "" (as Go decodes it)', () => {
    expect(RBAC_NO_WILDCARD.check(role({ apiGroups: [null, ''], resources: [1, 'configmaps'], resourceNames: [{}, 'x'], verbs: [null, 'get'] }))).toEqual([]);
    // a null name is "": a list then reaches every object
    expect(RBAC_NO_WILDCARD.check(role({ apiGroups: [''], resources: ['configmaps'], resourceNames: [null, 'x'], verbs: ['list'] })).map((f) => f.property)).toEqual(['resourceNames']);
    expect(RBAC_NO_WILDCARD.check(role({ apiGroups: '', resources: 'configmaps', verbs: 'get' }))).toEqual([]);
  });

  describe('property: every grant that reaches an object it does not name is reported', () => {
    const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'bind', 'impersonate', 'use', 'Get', '*'];
    const GROUPS = ['', '*', 'apps', 'tekton.dev', 'certificates.k8s.io', 'v1'];
    const RESOURCES = ['pods', 'pods/exec', 'pods/log', 'pods/*', 'secrets', 'Secrets', 'configmaps', 'deployments', 'signers', 'widgets/status', '*', '*/exec', '*/status', '*/*', '*/'];
    const NAMES = ['', '*', 'x', 'git-key', 'example.com/*'];
    const subset = (xs: string[]) => fc.subarray(xs, { minLength: 0, maxLength: 4 });
    const policyRule = fc.record({
      verbs: fc.subarray(VERBS, { minLength: 1, maxLength: 4 }),
      apiGroups: fc.option(subset(GROUPS), { nil: undefined }),
      resources: subset(RESOURCES),
      resourceNames: fc.option(subset(NAMES), { nil: undefined }),
    }, { requiredKeys: ['verbs', 'resources'] });

    type Rule = { verbs: string[]; apiGroups?: string[]; resources: string[]; resourceNames?: string[] };
    type Request = { verb: string; group: string; resource: string; sub: string; name: string };

    /** The RBAC authorizer's RuleAllows, written from the Kubernetes source for this test. */
    function allows(rule: Rule, r: Request): boolean {
      const matches = (xs: string[] | undefined, x: string) => (xs ?? []).some((y) => y === '*' || y === x);
      const combined = r.sub === '' ? r.resource : `${r.resource}/${r.sub}`;
      const resource = rule.resources.some((e) => e === '*' || e === combined || (r.sub !== '' && e === `*/${r.sub}`));
      const name = (rule.resourceNames ?? []).length === 0 || rule.resourceNames!.includes(r.name);
      return matches(rule.verbs, r.verb) && matches(rule.apiGroups, r.group) && resource && name;
    }

    // every request the vocabulary can spell, plus a group, resource, subresource, verb and name no rule names
    const verbs = [...VERBS.filter((v) => v !== '*'), 'fresh-verb'];
    const groups = [...GROUPS.filter((g) => g !== '*'), 'fresh.example.com'];
    const parts = RESOURCES.filter((r) => !r.startsWith('*')).map((r) => r.split('/'));
    const resources = [...new Set([...parts.map((p) => p[0]), 'fresh'])];
    const subs = [...new Set(['', ...parts.map((p) => p[1] ?? ''), 'exec', 'status', 'fresh-sub'])];

    /**
     * The rule lets through a request for an object it does not name: any name, or (for list, watch and
     * deletecollection, which then reach every existing object) none. A create on a resource itself and a
     * deletecollection never carry a name; an unnamed create reaches no existing object.
     */
    function reachesUnnamed(rule: Rule): { anyName: boolean; noName: boolean } {
      let anyName = false;
      let noName = false;
      for (const verb of verbs) {
        for (const group of groups) {
          for (const resource of resources) {
            for (const sub of subs) {
              const nameless = verb === 'deletecollection' || (verb === 'create' && sub === '');
              if (!nameless && allows(rule, { verb, group, resource, sub, name: 'an-object-no-rule-names' })) anyName = true;
              const unnamed = sub === '' && ['list', 'watch', 'deletecollection'].includes(verb);
              if (unnamed && allows(rule, { verb, group, resource, sub, name: '' })) noName = true;
            }
          }
        }
      }
      return { anyName, noName };
    }

    test('sound: a rule that reaches any name, or the unnamed requests, gets the finding about its resourceNames', () => {
      fc.assert(fc.property(policyRule, (rule) => {
        const findings = RBAC_NO_WILDCARD.check(role(rule));
        const { anyName, noName } = reachesUnnamed(rule);
        if (anyName) expect(findings).toContainEqual(at('rules[0]', unnamedFinding([...new Set(rule.verbs)].sort().join(', '))));
        if (noName && !anyName) {
          // (the empty-names finding, or, where a verb such as create names no object either, the one about an empty resourceNames)
          expect(findings.some((f) => (f.property === 'resourceNames' && (f.value === '' || (f.value === undefined && f.problem === UNNAMED_PROBLEM)))
            || (f.property === 'verbs' && f.value === 'deletecollection'))).toBe(true);
        }
      }), { numRuns: 400, examples: [[{ verbs: ['create', 'deletecollection'], apiGroups: ['v1'], resources: ['Secrets', '*/'] }]] });
    });

    test('precise: a rule without wildcards, "" or signer wildcards, whose every resource is named, has no finding', () => {
      const named = policyRule.filter((r) => ![...r.verbs, ...r.resources, ...(r.apiGroups ?? [])].some((x) => x === '*' || x.startsWith('*/'))
        && (r.resourceNames ?? []).length > 0 && !r.resourceNames!.some((n) => n === '' || n.endsWith('/*')));
      fc.assert(fc.property(named, (rule) => {
        expect(RBAC_NO_WILDCARD.check(role(rule))).toEqual([]);
      }), { numRuns: 200 });
    });
  });

  test('non-compliant: a ClusterRole that aggregates, with the objects checked together, a wildcard', () => {
    const { aggregator, source } = aggregation([namedSecretRule(), { apiGroups: ['*'], resources: ['configmaps'], resourceNames: ['settings'], verbs: ['get'] }]);
    expect(RBAC_NO_WILDCARD.check(aggregator, ruleContext([aggregator, source]))).toEqual([{
      rule: RuleId.RBAC_NO_WILDCARD, kind: 'ClusterRole', name: 'ci', location: "aggregated from ClusterRole 'extra' rules[1]", ...wildcard('apiGroups'),
    }]);
    expect(RBAC_NO_WILDCARD.check(aggregator)).toEqual([]);
  });
});
