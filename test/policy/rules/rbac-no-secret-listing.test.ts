import * as fc from 'fast-check';
import { aggregation, clusterRole, describeRule, namedSecretRule, role } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { ruleContext } from '../../../src/policy/engine/context';
import { RBAC_NO_SECRET_LISTING } from '../../../src/policy/rules/rbac-no-secret-listing';

const lists = (location: string, value: string, kind = 'Role') =>
  ({ rule: RuleId.RBAC_NO_SECRET_LISTING, kind, name: 'reader', location, property: 'verbs', value, problem: 'lists or watches secrets' });


describe('RBAC_NO_SECRET_LISTING', () => {
  describeRule(RBAC_NO_SECRET_LISTING, RuleId.RBAC_NO_SECRET_LISTING, Severity.HIGH, true);

  test('applies to Roles and ClusterRoles only', () => {
    expect(RBAC_NO_SECRET_LISTING.appliesTo(role())).toBe(true);
    expect(RBAC_NO_SECRET_LISTING.appliesTo(clusterRole())).toBe(true);
    expect(RBAC_NO_SECRET_LISTING.appliesTo({ kind: 'Secret' })).toBe(false);
  });

  test('compliant: get on a named Secret, list on other resources, secrets-named resources of other groups', () => {
    expect(RBAC_NO_SECRET_LISTING.check(role(
      namedSecretRule(),
      { apiGroups: [''], resources: ['configmaps'], resourceNames: ['settings'], verbs: ['list', 'watch'] },
      { apiGroups: ['external-secrets.io'], resources: ['secrets'], resourceNames: ['x'], verbs: ['list'] },
    ))).toEqual([]);
  });

  test('non-compliant: a verb, resource or API group an event chooses (a TriggerTemplate\'s param) where the rest may list secrets', () => {
    const chosen = (property: string, value: string) => ({
      rule: RuleId.RBAC_NO_SECRET_LISTING,
      kind: 'Role',
      name: 'reader',
      location: 'rules[0]',
      property,
      value,
      problem: `holds ${value.replace(/^.*(\$\(tt\.params\.[a-z]+\)).*$/, '$1')}, which Tekton Triggers replaces with the event's value when it creates the object: the event may make the rule `
        + 'list or watch secrets',
    });
    expect(RBAC_NO_SECRET_LISTING.check(role(namedSecretRule({ verbs: ['get', '$(tt.params.verb)'] })))).toEqual([chosen('verbs', '$(tt.params.verb)')]);
    expect(RBAC_NO_SECRET_LISTING.check(role(namedSecretRule({ resources: ['$(tt.params.resource)'], verbs: ['list'] }))))
      .toEqual([chosen('resources', '$(tt.params.resource)')]);
    expect(RBAC_NO_SECRET_LISTING.check(role(namedSecretRule({ apiGroups: ['$(tt.params.group)'], verbs: ['watch'] }))))
      .toEqual([chosen('apiGroups', '$(tt.params.group)')]);
    // the rest cannot: another resource, or only get; and a literal listing is reported as such
    expect(RBAC_NO_SECRET_LISTING.check(role(namedSecretRule({ apiGroups: ['$(tt.params.group)'], resources: ['configmaps'], verbs: ['list'] })))).toEqual([]);
    expect(RBAC_NO_SECRET_LISTING.check(role(namedSecretRule({ resources: ['$(tt.params.resource)'] })))).toEqual([]);
    expect(RBAC_NO_SECRET_LISTING.check(role(namedSecretRule({ verbs: ['list', '$(tt.params.verb)'] })))).toEqual([lists('rules[0]', 'list')]);
    // a value pasted into text around it that cannot then read secrets in bulk
    expect(RBAC_NO_SECRET_LISTING.check(role(namedSecretRule({ verbs: ['get', '$(tt.params.verb)-status'] })))).toEqual([]);
    expect(RBAC_NO_SECRET_LISTING.check(role(namedSecretRule({ resources: ['secrets/$(tt.params.sub)'], verbs: ['list'] })))).toEqual([]);
    expect(RBAC_NO_SECRET_LISTING.check(role(namedSecretRule({ verbs: ['get', 'wat$(tt.params.rest)'] })))).toEqual([chosen('verbs', 'wat$(tt.params.rest)')]);
  });

  test('non-compliant: list on secrets, even with resourceNames', () => {
    expect(RBAC_NO_SECRET_LISTING.check(role(namedSecretRule({ verbs: ['get', 'list'] })))).toEqual([lists('rules[0]', 'list')]);
  });

  test('non-compliant: list and watch together, in the second rule', () => {
    expect(RBAC_NO_SECRET_LISTING.check(role(namedSecretRule(), namedSecretRule({ verbs: ['watch', 'get', 'list'] })))).toEqual([lists('rules[1]', 'watch,list')]);
  });

  test.each([
    ['verbs *', { verbs: ['*'] }, '*'],
    ['resources *', { resources: ['*'], verbs: ['list'] }, 'list'],
    ['apiGroups *', { apiGroups: ['*'], verbs: ['watch'] }, 'watch'],
    ['secrets among other resources', { resources: ['configmaps', 'secrets'], verbs: ['list'] }, 'list'],
    ['no apiGroups (read as the core group)', { apiGroups: undefined, verbs: ['list'] }, 'list'],
    ['"" and * as names', { resourceNames: ['', '*'], verbs: ['list'] }, 'list'],
  ])('non-compliant: %s', (_, overrides, value) => {
    expect(RBAC_NO_SECRET_LISTING.check(role(namedSecretRule(overrides)))).toEqual([lists('rules[0]', value)]);
  });

  test('compliant: what the API server never matches to a list of Secrets', () => {
    expect(RBAC_NO_SECRET_LISTING.check(role(
      namedSecretRule({ resources: ['Secrets', 'secret', 'secrets/*', '*/status'], verbs: ['list', 'watch'] }),
      namedSecretRule({ apiGroups: ['v1', 'core'], verbs: ['list'] }),
      namedSecretRule({ verbs: ['List', 'WATCH', 'get', 'deletecollection'] }),
    ))).toEqual([]);
  });

  test('non-compliant: a ClusterRole', () => {
    expect(RBAC_NO_SECRET_LISTING.check(clusterRole(namedSecretRule({ verbs: ['list'] })))).toEqual([lists('rules[0]', 'list', 'ClusterRole')]);
  });

  test('non-compliant: deletecollection without names (or with ""), which returns every Secret it deletes', () => {
    const deletes = (value: string) => ({ ...lists('rules[0]', value), problem: 'deletes secrets by collection, which returns every Secret it deletes (and with dryRun deletes none)' });
    expect(RBAC_NO_SECRET_LISTING.check(role(namedSecretRule({ resourceNames: undefined, verbs: ['deletecollection'] })))).toEqual([deletes('deletecollection')]);
    expect(RBAC_NO_SECRET_LISTING.check(role(namedSecretRule({ resourceNames: ['', 'x'], verbs: ['get', 'deletecollection'] })))).toEqual([deletes('deletecollection')]);
    expect(RBAC_NO_SECRET_LISTING.check(role(namedSecretRule({ resourceNames: undefined, verbs: ['deletecollection', 'list'] })))).toEqual([lists('rules[0]', 'deletecollection,list')]);
  });

  test('non-compliant: a null entry is "", as the API server decodes it (the core group; the name of a list)', () => {
    expect(RBAC_NO_SECRET_LISTING.check(role(namedSecretRule({ apiGroups: [null, 'apps'], resourceNames: [null, 'x'], verbs: ['list', 'watch'] })))).toEqual([
      lists('rules[0]', 'list,watch'),
    ]);
    expect(RBAC_NO_SECRET_LISTING.check(role(namedSecretRule({ resourceNames: [null], verbs: ['deletecollection'] })))).toHaveLength(1);
  });

  test('property: a rule is reported exactly when it lets a list or watch of core Secrets through, or a deletecollection of them', () => {
    const VERBS = ['get', 'list', 'watch', 'create', 'deletecollection', 'List', '*'];
    const GROUPS = ['', '*', 'apps', 'v1', 'external-secrets.io', null];
    const RESOURCES = ['secrets', 'Secrets', 'secrets/status', 'configmaps', '*', '*/status'];
    const policyRule = fc.record({
      verbs: fc.subarray(VERBS, { minLength: 1, maxLength: 3 }),
      apiGroups: fc.subarray(GROUPS, { minLength: 1, maxLength: 2 }),
      resources: fc.subarray(RESOURCES, { minLength: 1, maxLength: 3 }),
      resourceNames: fc.option(fc.subarray(['', '*', 'git-key', null], { maxLength: 2 }), { nil: undefined }),
    }, { requiredKeys: ['verbs', 'apiGroups', 'resources'] });
    // RuleAllows for a list or watch of core Secrets by any name (or none): names never make a list safe here;
    // a deletecollection carries the name "" (null decodes as "")
    const anyOf = (xs: Array<string | null>, x: string) => xs.some((y) => y === '*' || (y ?? '') === x);
    const listsSecrets = (r: { verbs: string[]; apiGroups: Array<string | null>; resources: string[]; resourceNames?: Array<string | null> }) =>
      (anyOf(r.verbs, 'list') || anyOf(r.verbs, 'watch')
        || (r.verbs.includes('deletecollection') && (r.resourceNames === undefined || r.resourceNames.length === 0 || r.resourceNames.some((n) => (n ?? '') === ''))))
      && anyOf(r.apiGroups, '') && r.resources.some((e) => e === '*' || e === 'secrets');
    fc.assert(fc.property(policyRule, (rule) => {
      expect(RBAC_NO_SECRET_LISTING.check(role(rule)).length).toBe(listsSecrets(rule) ? 1 : 0);
    }), { numRuns: 300 });
  });

  test('aggregation: a null matchLabels value is "", as the API server decodes it; a refused selector may match any ClusterRole', () => {
    const { aggregator, source } = aggregation([{ apiGroups: [''], resources: ['secrets'], verbs: ['list'] }]);
    const FOUND = [{
      rule: RuleId.RBAC_NO_SECRET_LISTING,
      kind: 'ClusterRole',
      name: 'ci',
      location: "aggregated from ClusterRole 'extra' rules[0]",
      property: 'verbs',
      value: 'list',
      problem: 'lists or watches secrets',
    }];
    const selecting = (selector: any) => ({ ...aggregator, aggregationRule: { clusterRoleSelectors: [selector] } });
    const labelled = (labels: any) => ({ ...source, metadata: { name: 'extra', labels } });
    // {team: null} selects the ClusterRoles labelled team: "", not those labelled otherwise
    const nullValue = selecting({ matchLabels: { 'example.com/team': null } });
    expect(RBAC_NO_SECRET_LISTING.check(nullValue, ruleContext([nullValue, labelled({ 'example.com/team': 'a' })]))).toEqual([]);
    expect(RBAC_NO_SECRET_LISTING.check(nullValue, ruleContext([nullValue, labelled({ 'example.com/team': '' })]))).toEqual(FOUND);
    // a null label value of the ClusterRole is "" too: a selector of another value does not match it
    const teamA = selecting({ matchLabels: { 'example.com/team': 'a' } });
    expect(RBAC_NO_SECRET_LISTING.check(teamA, ruleContext([teamA, labelled({ 'example.com/team': null })]))).toEqual([]);
    expect(RBAC_NO_SECRET_LISTING.check(nullValue, ruleContext([nullValue, labelled({ 'example.com/team': null })]))).toEqual(FOUND);
    // NotIn [null] is NotIn [""]: it selects a ClusterRole without the label
    const notIn = selecting({ matchExpressions: [{ key: 'example.com/team', operator: 'NotIn', values: [null] }] });
    expect(RBAC_NO_SECRET_LISTING.check(notIn, ruleContext([notIn, labelled({})]))).toEqual(FOUND);
    // the API server refuses In without values: what it would match is not known, so its rules are counted
    const refused = selecting({ matchExpressions: [{ key: 'example.com/team', operator: 'In', values: [] }] });
    // (the finding says why the rule is counted)
    expect(RBAC_NO_SECRET_LISTING.check(refused, ruleContext([refused, labelled({ 'example.com/team': 'a' })]))).toEqual(FOUND.map((f: any) => ({
      ...f,
      location: `${f.location} (a selector the API server refuses may match it: aggregationRule.clusterRoleSelectors[0].matchExpressions[0] (In) has no values)`,
    })));
  });

  test('non-compliant: a ClusterRole that aggregates, with the objects checked together, one that lists secrets', () => {
    const { aggregator, source } = aggregation([{ apiGroups: [''], resources: ['secrets'], verbs: ['list'] }]);
    expect(RBAC_NO_SECRET_LISTING.check(aggregator, ruleContext([aggregator, source]))).toEqual([{
      rule: RuleId.RBAC_NO_SECRET_LISTING,
      kind: 'ClusterRole',
      name: 'ci',
      location: "aggregated from ClusterRole 'extra' rules[0]",
      property: 'verbs',
      value: 'list',
      problem: 'lists or watches secrets',
    }]);
    // checked alone, or with a ClusterRole its selectors do not match, it has no rules
    expect(RBAC_NO_SECRET_LISTING.check(aggregator)).toEqual([]);
    const other = { ...source, metadata: { name: 'extra', labels: { 'example.com/aggregate-to-ci': 'false' } } };
    expect(RBAC_NO_SECRET_LISTING.check(aggregator, ruleContext([aggregator, other]))).toEqual([]);
  });
});
