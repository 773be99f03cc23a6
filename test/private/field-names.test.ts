import * as fs from 'fs';
import { CORE_FIELDS_FILE, coreFieldsFromGo, FIELD_NAMES_FILE, fieldNamesSource } from '../../scripts/generate-field-names';
import { DECODED_SHAPES, FieldTree, TEKTON_SPEC_FIELDS } from '../../src/private/field-names';
import { describeWithOracle } from '../helpers/tekton-oracle';

test('src/private/field-names.ts is generated from schemas/ and up to date (npx projen field-names)', () => {
  expect(fs.readFileSync(FIELD_NAMES_FILE, 'utf8')).toBe(fieldNamesSource());
});

test('every shape a tree names exists, and the trees hold the fields the rules read', () => {
  const names = (tree: FieldTree): string[] =>
    typeof tree === 'string' ? [tree] : tree === 0 ? [] : Object.values(tree).flatMap(names);
  const all = [...Object.values(TEKTON_SPEC_FIELDS), ...Object.values(DECODED_SHAPES)].flatMap(names);
  expect(all.filter((n) => DECODED_SHAPES[n] === undefined)).toEqual([]);
  const at = (tree: FieldTree, ...path: string[]): FieldTree => path.reduce((t, f) => (typeof t === 'object' ? t[f] : 0), tree);
  expect(at(TEKTON_SPEC_FIELDS['v1/TaskRun'], 'taskSpec')).toBe('TaskSpec@v1');
  expect(at(TEKTON_SPEC_FIELDS['v1/PipelineRun'], 'taskRunTemplate', 'podTemplate', 'securityContext')).toBe('core.PodSecurityContext');
  expect(at(DECODED_SHAPES['TaskSpec@v1'], 'steps', 'securityContext', 'privileged')).toBe(0);
  expect(at(DECODED_SHAPES['TaskSpec@v1'], 'volumes')).toBe('core.Volume');
  expect(typeof at(DECODED_SHAPES['core.Volume'], 'hostPath')).toBe('object');
  expect(at(DECODED_SHAPES['EmbeddedTask@v1'], 'metadata')).toEqual({ annotations: 0, labels: 0 });
  // the core types of the Kubernetes release Tekton v1.15 builds with (1.35), not of 1.28's OpenAPI
  expect(typeof at(DECODED_SHAPES['core.PodSecurityContext'], 'appArmorProfile')).toBe('object');
  expect(at(DECODED_SHAPES['core.PodSecurityContext'], 'supplementalGroupsPolicy')).toBe(0);
  expect(typeof at(DECODED_SHAPES['core.Volume'], 'image')).toBe('object');
});

describeWithOracle('conformance/core-fields.json (the Go types Tekton v1.15 decodes)', () => {
  test('is what conformance/cmd/core-fields prints from k8s.io/api (npx projen field-names -- --refresh)', () => {
    expect(fs.readFileSync(CORE_FIELDS_FILE, 'utf8')).toBe(coreFieldsFromGo());
  }, 180_000);
});
