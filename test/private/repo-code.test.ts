import { containerFiles, firstRepoCode } from '../../src/private/repo-code';

const RUNS = { property: 'script', value: './ci/build.sh', why: 'runs a file of a workspace the repository fills' };

/** A step that runs a file of the directory it starts in, as a fresh object each time (as another manifest gives it). */
const step = (workingDir: string, script = '#!/bin/sh\n./ci/build.sh\n'): any => ({ name: 'build', image: 'alpine', script, workingDir });

describe('firstRepoCode read again for the same content', () => {
  test('the same step given again (another object, equal content) is found again', () => {
    expect(firstRepoCode(step('$(workspaces.source.path)'), ['source'])).toEqual(RUNS);
    expect(firstRepoCode(step('$(workspaces.source.path)'), ['source'])).toEqual(RUNS);
  });

  test('the workspaces, their mount paths and the script each decide: an equal step read with others is read for those', () => {
    expect(firstRepoCode(step('$(workspaces.source.path)'), ['source'])).toEqual(RUNS);
    expect(firstRepoCode(step('$(workspaces.source.path)'), [])).toBeUndefined();
    expect(firstRepoCode(step('/w/src'), ['source'], { source: '/w/src' })).toEqual(RUNS);
    expect(firstRepoCode(step('/w/src'), ['source'], { source: '/elsewhere' })).toBeUndefined();
    expect(firstRepoCode(step('$(workspaces.source.path)', '#!/bin/sh\necho ./ci/build.sh\n'), ['source'])).toBeUndefined();
  });

  test('a value JSON does not write as itself (a Date where a string stands) is read as it is, not as the text JSON gives it', () => {
    const env = (value: unknown): any => ({ ...step('/'), script: '#!/bin/sh\ncd "$SRC"\n./ci/build.sh\n', env: [{ name: 'SRC', value }] });
    expect(firstRepoCode(env('/w/src'), ['source'], { source: '/w/src' })).toEqual(RUNS);
    // (a Date is no path: the step's SRC is not read as one)
    expect(firstRepoCode(env(Object.assign(new Date(0), { toJSON: () => '/w/src' })), ['source'], { source: '/w/src' })).toBeUndefined();
  });
});

describe('containerFiles: where a container\'s files come from', () => {
  const spec = {
    workspaces: [{ name: 'source' }, { name: 'cache', mountPath: '/cache/' }],
    volumes: [
      { name: 'secret', secret: { secretName: 's' } },
      { name: 'config', configMap: { name: 'c' } },
      { name: 'podname', downwardAPI: { items: [{ path: 'n', fieldRef: { fieldPath: 'metadata.name' } }] } },
      { name: 'labels', downwardAPI: { items: [{ path: 'l', fieldRef: { fieldPath: 'metadata.labels' } }] } },
      { name: 'token', projected: { sources: [{ serviceAccountToken: { path: 't' } }] } },
      { name: 'annotations', projected: { sources: [{ secret: { name: 's' } }, { downwardAPI: { items: [{ path: 'a', fieldRef: { fieldPath: "metadata.annotations['x']" } }] } }] } },
      { name: 'shared', emptyDir: {} },
      { name: 'claim', persistentVolumeClaim: { claimName: 'p' } },
    ],
  };
  const at = (name: string, mountPath: string) => ({ name, mountPath });

  test('the volumes of the API kubelet mounts read-only are fixed, but the pod\'s labels and annotations; every other volume and workspace is open', () => {
    expect(containerFiles(spec, [at('secret', '/s/'), at('config', '/c'), at('podname', '/p'), at('labels', '/l'), at('token', '/t'), at('annotations', '/a'),
      at('shared', '/shared'), at('claim', '/claim'), at('undeclared', '/u'), at('relative', 'x')])).toEqual({
      fixed: ['/c', '/p', '/s', '/t'],
      open: ['/a', '/cache', '/claim', '/l', '/shared', '/u'],
    });
  });

  test('a mount at a directory a substitution gives may be over any file: none is fixed', () => {
    expect(containerFiles(spec, [at('secret', '/s'), at('shared', '$(params.dir)')])).toEqual({ fixed: [], open: ['/'] });
    expect(containerFiles({ ...spec, workspaces: [{ name: 'w', mountPath: '$(params.dir)' }] }, [at('secret', '/s')])).toEqual({ fixed: [], open: ['/'] });
  });

  test('without the task spec, no volume is known', () => {
    expect(containerFiles(undefined, [at('secret', '/s')])).toEqual({ fixed: [], open: ['/s'] });
  });

  test('shared: the volumes another container may have written before (an emptyDir a step before or a sidecar mounts, any other), Tekton\'s emptyDirs where another container runs', () => {
    const mounts = [at('secret', '/s'), at('shared', '/shared'), at('claim', '/claim')];
    // the first step: an emptyDir no other container mounts is empty; a claim may hold what another pod wrote
    expect(containerFiles(spec, mounts, undefined, []).shared).toEqual(['/claim']);
    // a step before mounts the emptyDir (itself or through the stepTemplate), or a sidecar does: Tekton's emptyDirs too, but where a mount covers one
    const tekton = ['/tekton/home', '/tekton/results', '/tekton/steps', '/workspace'];
    expect(containerFiles(spec, mounts, undefined, [{ volumeMounts: [at('shared', '/x')] }]).shared).toEqual(['/claim', '/shared', ...tekton]);
    expect(containerFiles({ ...spec, stepTemplate: { volumeMounts: [at('shared', '/shared')] } }, mounts, undefined, [{}]).shared).toEqual(['/claim', '/shared', ...tekton]);
    expect(containerFiles({ ...spec, sidecars: [{ volumeMounts: [at('shared', '/x')] }] }, [...mounts, at('secret', '/tekton/home')], undefined, []).shared)
      .toEqual(['/claim', '/shared', '/tekton/results', '/tekton/steps', '/workspace']);
    expect(containerFiles(spec, mounts, undefined, [{ volumeMounts: [at('other', '/x')] }]).shared).toEqual(['/claim', ...tekton]);
    // what the steps before write from a literal
    expect(containerFiles(spec, mounts, undefined, [{ script: "#!/bin/sh\ncat > /shared/run.sh <<'EOF'\necho hi\nEOF\necho \"$X\" > /shared/x\n" }]).literal)
      .toEqual(['/shared/run.sh']);
  });
});
