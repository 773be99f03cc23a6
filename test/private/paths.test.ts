import * as path from 'path';
import { containerPathWithin, isWithin } from '../../src/private/paths';

describe('isWithin', () => {
  test.each([
    ['/a/b', '/a/b', true],
    ['/a/b', '/a/b/c/d.yaml', true],
    ['/a/b', '/a/b/..data/x.yaml', true],
    ['/a/b', '/a/b/...', true],
    ['/a/b', '/a/b/c/../d', true],
    ['/a/b', '/a/b/../c', false],
    ['/a/b', '/a', false],
    ['/a/b', '/a/bc', false],
    ['/a/b', '/a/b..', false],
    ['/a/b/', '/a/b', true],
  ])('%s holds %s: %s', (dir, p, expected) => {
    expect(isWithin(dir, p)).toBe(expected);
  });

  test('relative paths are resolved from the working directory', () => {
    expect(isWithin('.', path.join(process.cwd(), 'x'))).toBe(true);
    expect(isWithin(process.cwd(), '..')).toBe(false);
  });
});

describe('containerPathWithin', () => {
  test.each([
    ['/workspace', '/workspace', true],
    ['/workspace', '/workspace/src/run.sh', true],
    ['/workspace/', '/workspace//src/./run.sh', true],
    ['/workspace', '/workspace/src/../run.sh', true],
    ['/workspace', '/workspace/../etc/run.sh', false],
    ['/workspace', '/workspaces/run.sh', false],
    ['/', '/tmp/run.sh', true],
    ['scripts', '/scripts/run.sh', true],
  ])('%s holds %s: %s', (dir, p, expected) => {
    expect(containerPathWithin(dir, p)).toBe(expected);
  });
});
