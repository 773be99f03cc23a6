import * as fs from 'fs';
import { FIELD_NAMES_FILE, fieldNamesSource } from '../../scripts/generate-field-names';
import { DECODED_SHAPES, FieldTree, TEKTON_SPEC_FIELDS } from '../../src/private/tekton-field-names';

test('src/private/tekton-field-names.ts is generated from schemas/ and up to date (npx projen field-names)', () => {
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
});
