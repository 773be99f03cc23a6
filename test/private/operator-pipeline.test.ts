import { OPERATOR_FLAG_DEFAULTS, OPERATOR_FLAG_FIELDS, operatorFlagTypeProblem, operatorPipelineRefusals, operatorPipelineValueRefusals } from '../../src/private/operator-pipeline';
import { UPSTREAM_FEATURE_FLAGS } from '../../src/private/tekton-config';

describe("the Tekton operator's reading of pipeline settings", () => {
  test("the webhook's defaults are the release's values but enable-step-actions, and add enable-custom-tasks and max-result-size", () => {
    const differ = Object.entries(OPERATOR_FLAG_DEFAULTS).filter(([flag, v]) => UPSTREAM_FEATURE_FLAGS[flag] !== v).map(([flag]) => flag);
    expect(differ).toEqual(['enable-custom-tasks', 'max-result-size', 'enable-step-actions']);
    for (const flag of Object.keys(OPERATOR_FLAG_DEFAULTS)) expect(OPERATOR_FLAG_FIELDS[flag]).toBeDefined();
  });

  test('a typed flag of a type its Go field cannot hold (max-result-size an int32)', () => {
    expect(operatorFlagTypeProblem('bool', 'true')).toBe('is not a boolean');
    expect(operatorFlagTypeProblem('int', 2 ** 31)).toBe('is not a whole number of 32 bits');
    expect(operatorFlagTypeProblem('int', -(2 ** 31))).toBeUndefined();
    expect(operatorFlagTypeProblem('int', 1.5)).toBe('is not a whole number of 32 bits');
    expect(operatorFlagTypeProblem('string', 1)).toBe('is not a string');
  });

  test("the values PipelineProperties' validate refuses, exactly as written; \"\" is always accepted", () => {
    const paths = (settings: Record<string, unknown>) => operatorPipelineValueRefusals('spec', settings).map((r) => `${r.path} ${r.problem}`);
    expect(paths({ 'enable-api-fields': 'beta', 'coschedule': '', 'disable-inline-spec': 'pipeline,taskrun', 'default-timeout-minutes': 1, 'max-result-size': 1572863 })).toEqual([]);
    expect(paths({ 'enable-api-fields': 'Beta' })).toEqual(["spec['enable-api-fields'] is not one of alpha, beta, stable"]);
    expect(paths({ 'results-from': 'sidecar-logs ' })).toEqual(["spec['results-from'] is not one of termination-message, sidecar-logs"]);
    expect(paths({ 'disable-inline-spec': 'pipeline,' })).toEqual([]);
    expect(paths({ 'disable-inline-spec': 'Pipeline' })).toEqual(["spec['disable-inline-spec'] is not one of pipeline, pipelinerun, taskrun (each of a comma-separated list, without spaces: \"Pipeline\" is not)"]);
    expect(paths({ 'default-timeout-minutes': 0, 'max-result-size': 1572864 })).toEqual(["spec['max-result-size'] is 1572864 or more", "spec['default-timeout-minutes'] is 0"]);
  });

  test('operatorPipelineRefusals: the flags, config-defaults fields, options and values; without flags, the flags and feature-flags data are left to the flags reader', () => {
    const settings = { 'disable-creds-init': 'yes', 'default-service-account': 1, 'enable-api-fields': 'x', 'options': { configMaps: { 'feature-flags': { data: { a: 1 } } } } };
    expect(operatorPipelineRefusals('spec', settings).map((r) => r.path)).toEqual([
      "spec['disable-creds-init']", "spec['default-service-account']", "spec.options.configMaps['feature-flags'].data['a']", "spec['enable-api-fields']",
    ]);
    expect(operatorPipelineRefusals('spec', settings, false).map((r) => r.path)).toEqual(["spec['default-service-account']", "spec['enable-api-fields']"]);
  });
});
