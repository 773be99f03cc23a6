import { formatPath } from '../../src/private/json-path';

describe('JSON paths as findings write them', () => {
  test('identifiers after a dot, other keys quoted as JSON, indexes in brackets', () => {
    expect(formatPath(['spec', 'steps', 0, 'image'])).toBe('spec.steps[0].image');
    expect(formatPath(['metadata', 'annotations', 'secure-tekton/relax.X'])).toBe('metadata.annotations["secure-tekton/relax.X"]');
    expect(formatPath(['data', 'artifacts.taskrun.format'])).toBe('data["artifacts.taskrun.format"]');
    expect(formatPath(['labels', 'app-name', '$ref', '1x', '-a', 'x y', '{{ files.all }}'])).toBe('labels.app-name.$ref["1x"]["-a"]["x y"]["{{ files.all }}"]');
    expect(formatPath(['a"b'])).toBe('["a\\"b"]');
    expect(formatPath([])).toBe('');
    expect(formatPath([3, 'x'])).toBe('[3].x');
  });
});
