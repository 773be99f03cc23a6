import { restoredBefore } from '../../src/private/trusted-artifacts';

const TA = 'quay.io/konflux-ci/build-trusted-artifacts:latest@sha256:' + 'e'.repeat(64);
const volumes = [{ name: 'workdir', emptyDir: {} }];
const mount = (mountPath: string, more: Record<string, string> = {}) => ({ volumeMounts: [{ name: 'workdir', mountPath, ...more }] });

describe('restoredBefore', () => {
  test('a `use` pair restores into a volume the later steps see, at their own mount path; the artifact is before the first `=`, the path after the last', () => {
    const steps = [
      { name: 'use', image: TA, args: ['use', 'oci:quay.io/x/y@sha256:1=/var/workdir/source', '$(params.CACHI2_ARTIFACT)=a=/var/workdir/cachi2'], ...mount('/var/workdir') },
      { name: 'same', image: 'x', ...mount('/var/workdir') },
      { name: 'other', image: 'x', ...mount('/w') },
      { name: 'none', image: 'x' },
    ];
    const r = restoredBefore({ volumes }, steps);
    expect(r[0]).toEqual([]);
    expect(r[1]).toEqual([
      { path: '/var/workdir/source', step: 'use', artifact: 'oci:quay.io/x/y@sha256:1', argument: 'use oci:quay.io/x/y@sha256:1=/var/workdir/source' },
      { path: '/var/workdir/cachi2', step: 'use', artifact: '$(params.CACHI2_ARTIFACT)', argument: 'use $(params.CACHI2_ARTIFACT)=a=/var/workdir/cachi2' },
    ]);
    expect(r[2].map((x) => x.path)).toEqual(['/w/source', '/w/cachi2']);
    expect(r[3]).toEqual([]);
  });

  test('the stepTemplate\'s mounts, subPaths, the entrypoint named as command; not `create`, a script, another command, a path in no volume', () => {
    const use = { name: 'use', image: TA, args: ['use', '$(params.SOURCE_ARTIFACT)=/var/workdir/source/'] };
    const template = { stepTemplate: mount('/var/workdir'), volumes };
    expect(restoredBefore(template, [use, { name: 'b' }])[1].map((x) => x.path)).toEqual(['/var/workdir/source']);
    expect(restoredBefore(template, [{ ...use, command: ['/usr/local/bin/entrypoint'] }, { name: 'b' }])[1].map((x) => x.path)).toEqual(['/var/workdir/source']);
    // a later step that mounts the subPath `source` of the volume sees it at its mount path; one that mounts `cachi2` does not
    expect(restoredBefore({ volumes }, [{ ...use, ...mount('/var/workdir') }, { name: 'b', ...mount('/src', { subPath: 'source' }) },
      { name: 'c', ...mount('/c', { subPath: 'cachi2' }) }]).slice(1).map((v) => v.map((x) => x.path))).toEqual([['/src'], []]);
    // a step mounting a subPath restores into the volume's part it holds
    expect(restoredBefore({ volumes }, [{ ...use, ...mount('/var/workdir', { subPath: 'ws' }) }, { name: 'b', ...mount('/all') }])[1].map((x) => x.path))
      .toEqual(['/all/ws/source']);
    for (const not of [{ ...use, args: ['create', 'source=/var/workdir/source'] }, { ...use, script: 'true' }, { ...use, command: ['sh'] },
      { ...use, args: ['use', '$(params.SOURCE_ARTIFACT)=/tmp/source'] }, { ...use, args: ['use', '$(params.A)=$(workspaces.source.path)/src'] },
      { ...use, image: 'quay.io/konflux-ci/task-runner:1' }]) {
      expect(restoredBefore(template, [not, { name: 'b' }])[1]).toEqual([]);
    }
  });

  test('a clone of the repository a param names by an absolute path, by a script or a command line', () => {
    const template = { stepTemplate: mount('/w'), volumes };
    expect(restoredBefore(template, [{ name: 'clone', image: 'git', script: '#!/bin/sh\nset -e\ngit clone --depth 1 "$(params.url)" /w/src\n' }, { name: 'b' }])[1])
      .toEqual([{ path: '/w/src', step: 'clone', artifact: undefined, argument: 'git clone --depth 1 "$(params.url)" /w/src' }]);
    expect(restoredBefore(template, [{ name: 'clone', image: 'git', command: ['git', '-C', '/w'], args: ['clone', '$(params.url)', 'src'] }, { name: 'b' }])[1]
      .map((x) => x.path)).toEqual(['/w/src']);
    // a fixed URL, a relative destination from a directory not known, a destination in no volume
    for (const script of ['git clone https://example.com/a/b /w/b', 'git clone $(params.url) src', 'git clone $(params.url) /tmp/src']) {
      expect(restoredBefore(template, [{ name: 'clone', image: 'git', script }, { name: 'b' }])[1]).toEqual([]);
    }
  });
});
