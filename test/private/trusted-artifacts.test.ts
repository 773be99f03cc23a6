import * as repoCode from '../../src/private/repo-code';
import { restoredBefore, restoredBeforeStep } from '../../src/private/trusted-artifacts';

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

  test('an unnamed step is named as the container views name it (unnamed-<index>)', () => {
    const steps = [
      { name: 'first', image: 'x' },
      { image: TA, args: ['use', '$(params.SOURCE_ARTIFACT)=/var/workdir/source'], ...mount('/var/workdir') },
      { name: 'build', image: 'x', ...mount('/var/workdir') },
    ];
    expect(restoredBefore({ volumes }, steps)[2]).toEqual([
      { path: '/var/workdir/source', step: 'unnamed-1', artifact: '$(params.SOURCE_ARTIFACT)', argument: 'use $(params.SOURCE_ARTIFACT)=/var/workdir/source' },
    ]);
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

  test('use-oci.sh\'s reading of its words: the entrypoint or use-archive as the command, a relative destination from the workingDir; an option restores nothing', () => {
    const template = { stepTemplate: mount('/var/workdir'), volumes };
    const paths = (step: Record<string, any>) => restoredBefore(template, [{ name: 'use', image: TA, ...step }, { name: 'b' }])[1].map((x) => [x.path, x.artifact, x.argument]);
    expect(paths({ command: ['/usr/local/bin/entrypoint', 'use'], args: ['$(params.SOURCE_ARTIFACT)=/var/workdir/source'] }))
      .toEqual([['/var/workdir/source', '$(params.SOURCE_ARTIFACT)', 'use $(params.SOURCE_ARTIFACT)=/var/workdir/source']]);
    expect(paths({ command: ['/usr/local/bin/use-archive'], args: ['$(params.SOURCE_ARTIFACT)=/var/workdir/source'] }))
      .toEqual([['/var/workdir/source', '$(params.SOURCE_ARTIFACT)', '/usr/local/bin/use-archive $(params.SOURCE_ARTIFACT)=/var/workdir/source']]);
    expect(paths({ workingDir: '/var/workdir', args: ['use', '$(params.SOURCE_ARTIFACT)=source', '$(params.CACHI2_ARTIFACT)=./cachi2/'] }))
      .toEqual([['/var/workdir/source', '$(params.SOURCE_ARTIFACT)', 'use $(params.SOURCE_ARTIFACT)=source'],
        ['/var/workdir/cachi2', '$(params.CACHI2_ARTIFACT)', 'use $(params.CACHI2_ARTIFACT)=./cachi2/']]);
    // use-oci.sh exits at an option before it restores any pair (`--store` too); it skips a pair without an artifact; `/` it refuses
    for (const args of [['use', '--store', 'quay.io/x/y', '$(params.SOURCE_ARTIFACT)=/var/workdir/source'], ['use', '$(params.SOURCE_ARTIFACT)=/var/workdir/source', '-v'],
      ['use', '=/var/workdir/source'], ['use', '$(params.SOURCE_ARTIFACT)=source'], ['use', '$(params.SOURCE_ARTIFACT)=/'], ['use', '$(params.SOURCE_ARTIFACT)=/var/workdir/../source']]) {
      expect(paths({ args })).toEqual([]);
    }
    expect(paths({ command: ['/usr/local/bin/create-archive'], args: ['--store', 'quay.io/x/y', '$(results.SOURCE_ARTIFACT.path)=/var/workdir/source'] })).toEqual([]);
    expect(paths({ command: ['/usr/local/bin/entrypoint'], args: ['create', '--store', 'quay.io/x/y', '$(results.SOURCE_ARTIFACT.path)=/var/workdir/source'] })).toEqual([]);
  });

  test('a copy a step\'s script makes of a restored directory (or of a copy of one) into the volume is the repository\'s for the steps after it', () => {
    const use = { name: 'use', image: TA, args: ['use', '$(params.SOURCE_ARTIFACT)=/var/workdir/source'] };
    const prepare = { name: 'prepare', image: 'x', workingDir: '/var/workdir', script: '#!/bin/bash\ncp -r source /var/workdir/build\ncp source/env.sh /tmp/env.sh\n' };
    const again = { name: 'again', image: 'x', script: '#!/bin/bash\ncp /var/workdir/build/hack/env.sh /var/workdir/vars.sh\n' };
    const r = restoredBefore({ stepTemplate: mount('/var/workdir'), volumes }, [use, prepare, again, { name: 'last' }]);
    const RESTORE = { step: 'use', artifact: '$(params.SOURCE_ARTIFACT)', argument: 'use $(params.SOURCE_ARTIFACT)=/var/workdir/source' };
    expect(r[1]).toEqual([{ path: '/var/workdir/source', ...RESTORE }]);
    // (/tmp is in no volume: the copy there stays in the step's own filesystem)
    expect(r[2]).toEqual([{ path: '/var/workdir/source', ...RESTORE },
      { path: '/var/workdir/build', ...RESTORE, copy: { step: 'prepare', line: 'cp -r source /var/workdir/build', from: '/var/workdir/source' } }]);
    // a copy of a copy names the step that made it and the restored directory
    expect(r[3]).toContainEqual({ path: '/var/workdir/vars.sh', ...RESTORE, copy: { step: 'again', line: 'cp /var/workdir/build/hack/env.sh /var/workdir/vars.sh', from: '/var/workdir/source' } });
    // a later step mounting the volume elsewhere sees the copy at its own mount path; one reading a file as data copies nothing
    const seen = restoredBefore({ volumes }, [{ ...use, ...mount('/var/workdir') }, { ...prepare, ...mount('/var/workdir') }, { name: 'w', ...mount('/w') }]);
    expect(seen[2].map((x) => x.path)).toEqual(['/w/source', '/w/build']);
    const data = { ...prepare, script: '#!/bin/bash\nv=$(yq .version source/info.yaml)\necho "V=$v" > /var/workdir/vars\n' };
    expect(restoredBefore({ stepTemplate: mount('/var/workdir'), volumes }, [use, data, { name: 'last' }])[2].map((x) => x.path)).toEqual(['/var/workdir/source']);
  });

  test('Tekton\'s /workspace and /tekton/home emptyDirs, in every step that mounts nothing there; a declared workspace\'s path is the workspace\'s', () => {
    const use = (path: string) => ({ name: 'use', image: TA, args: ['use', `$(params.SOURCE_ARTIFACT)=${path}`] });
    const r = restoredBefore({}, [use('/workspace/source'), { name: 'b' }, { name: 'c', volumeMounts: [{ name: 'own', mountPath: '/workspace' }] }]);
    expect(r[1]).toEqual([{ path: '/workspace/source', step: 'use', artifact: '$(params.SOURCE_ARTIFACT)', argument: 'use $(params.SOURCE_ARTIFACT)=/workspace/source' }]);
    expect(r[2]).toEqual([]);
    expect(restoredBefore({}, [use('/tekton/home/src'), { name: 'b' }])[1].map((x) => x.path)).toEqual(['/tekton/home/src']);
    // a step's own volume at /workspace holds what it restores there, for the steps that mount that volume
    expect(restoredBefore({ volumes }, [{ ...use('/workspace/source'), ...mount('/workspace') }, { name: 'b' }, { name: 'c', ...mount('/w') }]).slice(1).map((v) => v.map((x) => x.path)))
      .toEqual([[], ['/w/source']]);
    for (const workspaces of [[{ name: 'source' }], [{ name: 'src', mountPath: '/workspace/source' }], [{ name: 'output', mountPath: '/workspace' }]]) {
      expect(restoredBefore({ workspaces }, [use('/workspace/source'), { name: 'b' }])[1]).toEqual([]);
    }
    // a workspace elsewhere, or at a path not known here, holds nothing of it
    for (const workspaces of [[{ name: 'other' }], [{ name: 'src', mountPath: '$(params.dir)' }]]) {
      expect(restoredBefore({ workspaces }, [use('/workspace/source'), { name: 'b' }])[1].map((x) => x.path)).toEqual(['/workspace/source']);
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

describe('restoredBeforeStep', () => {
  const use = { name: 'use', image: TA, args: ['use', '$(params.SOURCE_ARTIFACT)=/var/workdir/source'] };
  const prepare = { name: 'prepare', image: 'x', workingDir: '/var/workdir', script: '#!/bin/bash\ncp -r source /var/workdir/build\n' };
  const clone = { name: 'clone', image: 'git', script: '#!/bin/sh\ngit clone "$(params.url)" /var/workdir/other\n' };
  const steps = () => [use, prepare, clone, { name: 'last' }];
  const spec = () => ({ stepTemplate: mount('/var/workdir'), volumes });
  afterEach(() => jest.restoreAllMocks());

  test('each step\'s directories are restoredBefore\'s, whichever step is asked for first; no step past the last is undefined', () => {
    const all = restoredBefore(spec(), steps());
    expect(all[2].map((x) => x.path)).toEqual(['/var/workdir/source', '/var/workdir/build']);
    expect(all[3]).toContainEqual({ path: '/var/workdir/other', step: 'clone', artifact: undefined, argument: 'git clone "$(params.url)" /var/workdir/other' });
    for (const order of [[0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1]]) {
      const [s, list] = [spec(), steps()];
      for (const k of order) expect(restoredBeforeStep(s, list, k)).toEqual(all[k]);
      // (the whole reading of the same spec and list afterwards agrees too)
      expect(restoredBefore(s, list)).toEqual(all);
    }
    for (const k of [-1, 4, 1.5]) expect(restoredBeforeStep(spec(), steps(), k)).toBeUndefined();
  });

  test('a step\'s directories read the steps before it only, each once per spec and list of steps', () => {
    const clones = jest.spyOn(repoCode, 'paramClonesOf');
    const written = jest.spyOn(repoCode, 'writtenFromRepoOf');
    const [s, list] = [spec(), steps()];
    expect(restoredBeforeStep(s, list, 1)!.map((x) => x.path)).toEqual(['/var/workdir/source']);
    expect(clones.mock.calls.map(([c]) => c.name)).toEqual(['use']);
    expect(restoredBeforeStep(s, list, 2)!.map((x) => x.path)).toEqual(['/var/workdir/source', '/var/workdir/build']);
    expect(restoredBeforeStep(s, list, 1)!.map((x) => x.path)).toEqual(['/var/workdir/source']);
    expect(clones.mock.calls.map(([c]) => c.name)).toEqual(['use', 'prepare']);
    expect(written.mock.calls.map(([c]) => c.name)).toEqual(['prepare']);
    // the last step is never read: no step after it sees what it fills
    restoredBefore(s, list);
    expect(clones.mock.calls.map(([c]) => c.name)).toEqual(['use', 'prepare', 'clone']);
    // another list of the same steps is read again
    restoredBeforeStep(s, [...list], 1);
    expect(clones.mock.calls.map(([c]) => c.name)).toEqual(['use', 'prepare', 'clone', 'use']);
  });
});
