import { mountTails, relativeRootsOf, rootsAfterCd, underRelativeRoot } from '../../src/private/relative-roots';

describe('relative roots (a workspace reached from a WORKDIR not known)', () => {
  test('mountTails: every tail of a mount path', () => {
    expect(mountTails('/workspace/source')).toEqual(['workspace/source', 'source']);
    expect(mountTails('/src/app/')).toEqual(['src/app', 'app']);
    expect(mountTails('/')).toEqual([]);
  });

  test('relativeRootsOf: the tails of the default and the other mount paths, and workspace itself', () => {
    expect(relativeRootsOf(['/src/app'], ['source'])).toEqual(['workspace', 'src/app', 'app', 'workspace/source', 'source']);
  });

  test('underRelativeRoot: a root or a path below one, after ./, not a name that only starts like one', () => {
    expect(underRelativeRoot('./source/ci.sh', ['source'])).toBe(true);
    expect(underRelativeRoot('source/', ['source'])).toBe(true);
    expect(underRelativeRoot('sources/ci.sh', ['source'])).toBe(false);
    expect(underRelativeRoot('../source/ci.sh', ['source'])).toBe(false);
  });

  test('rootsAfterCd: the roots below a relative directory, from it; all of them for . or a climb with ..', () => {
    expect(rootsAfterCd(['workspace/source', 'source'], 'workspace')).toEqual(['source']);
    expect(rootsAfterCd(['workspace/source', 'source'], './workspace/')).toEqual(['source']);
    expect(rootsAfterCd(['workspace/source', 'source'], 'build')).toEqual([]);
    expect(rootsAfterCd(['workspace/source', 'source'], '../x')).toEqual(['workspace/source', 'source']);
    expect(rootsAfterCd(['source'], '.')).toEqual(['source']);
  });
});
