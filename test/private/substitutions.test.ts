import type { FixedReferences } from '../../src/private/substitutions';
import { anyValuePattern, callerAfter, chosenWorkspacePaths, envNameFor, findReferences, labelEnv, labelFilled, labelReferences, pasteFixed, untrustedSubstitutions, wholeParamName, withStepParams, writtenInStepAction } from '../../src/private/substitutions';

describe('envNameFor', () => {
  test.each([
    ['$(params.git-url)', 'GIT_URL'],
    ['$(params["dotted.name"])', 'NAME'],
    ['$(params.2fa)', 'P_2FA'],
    // a name shells and tools already read is never proposed
    ['$(workspaces.src.path)', 'SRC_PATH'],
    ['$(params.path)', 'PARAMS_PATH'],
    ['$(params.home)', 'PARAMS_HOME'],
    ['$(params.ifs)', 'PARAMS_IFS'],
  ])('%s -> %s', (substitution, name) => {
    expect(envNameFor(substitution)).toBe(name);
  });
});

describe('workspace paths a caller chooses', () => {
  test('a declared mount path that holds an untrusted substitution (or the path of such a workspace) makes the path untrusted', () => {
    expect([...chosenWorkspacePaths({
      workspaces: [
        { name: 'chained', mountPath: '$(workspaces.a.path)/sub' }, { name: 'a', mountPath: '/w/$(params.dir)' },
        { name: 'b', mountPath: '/w/$(context.taskRun.name)' }, { name: 'c' }, { name: 'd', mountPath: '$(workspaces.b.path)/x' },
      ],
      // a step's or sidecar's own mount path is pasted as written, after params: no substitution reaches it
      steps: [{ workspaces: [{ name: 'c', mountPath: '$(params.x)' }] }],
    })].sort()).toEqual(['a', 'chained']);
    expect([...chosenWorkspacePaths(undefined)]).toEqual([]);
    expect(untrustedSubstitutions('cd $(workspaces.a.path) $(workspaces.b.path)').map((o) => o.text)).toEqual([]);
    expect(untrustedSubstitutions('cd $(workspaces.a.path) $(workspaces.b.path)', new Set(['a'])).map((o) => o.text)).toEqual(['$(workspaces.a.path)']);
    // only the path: `bound` stays "true" or "false"
    expect(untrustedSubstitutions('$(workspaces.a.bound)', new Set(['a']))).toEqual([]);
  });
});

test('findReferences: only the exact text Tekton replaces refers to a param ($( params.x) is the shell\'s own)', () => {
  expect(findReferences('$(params.x) $( params.y) $(params["z"])').map((r) => [r.kind, r.name])).toEqual([['params', 'x'], ['other', ' params.y'], ['params', 'z']]);
});

describe('untrustedSubstitutions: what Tekton replaces, and params the run fixes', () => {
  /** A run's fixed params, each pasted as its own name (no caller names a param where it pastes them). */
  const asFixed = (keys: ReadonlySet<string>, spannable = false): FixedReferences => new Map([...keys].map((k) => [k, { value: k.replace(/\W/g, ''), spannable, vanishes: false }]));
  const texts = (text: string, fixed?: ReadonlySet<string>) =>
    untrustedSubstitutions(text, undefined, undefined, fixed && asFixed(fixed)).map((o) => o.text);

  test('of workspaces., only a path, bound, claim and volume are replaced: any other text is the shell\'s own command substitution', () => {
    expect(texts('$(workspaces.src.claim) $(workspaces.src) $(workspaces.src.dir) $(workspaces.src.path.x) $(workspaces.src.claim )')).toEqual(['$(workspaces.src.claim)']);
  });

  test('counts Tekton writes as decimal numbers are no caller\'s text; a result and other spellings are', () => {
    expect(texts('retry $(context.task.retry-count) of $(context.pipelineTask.retries), $(tasks.b.matrix.length) runs, $(tasks.b.matrix.digest.length) digests'))
      .toEqual([]);
    expect(texts('$(tasks.b.results.digest) $(context.task.retry-counts) $(context.pipelineTask.retries.x)'))
      .toEqual(['$(tasks.b.results.digest)', '$(context.task.retry-counts)', '$(context.pipelineTask.retries.x)']);
  });

  test('a substitution the run fixes is left out as Tekton spells it exactly; another spelling, another param and a result stay', () => {
    const fixed = new Set(['params.url', 'params["dotted.name"]', 'params.obj.key', 'params.arr[0]', 'params.arr[*]']);
    expect(texts('git clone $(params.url) $(params["dotted.name"]) $(params.ref) $(params.url[*]) $(tasks.a.results.url)', fixed))
      .toEqual(['$(params.ref)', '$(params.url[*])', '$(tasks.a.results.url)']);
    // a key of an object, an element and the whole of an array; the other key, element and spelling are other texts
    expect(texts('$(params.obj.key) $(params.obj.other) $(params.arr[0]) $(params.arr[1]) $(params.arr[*]) $(params[\'dotted.name\']) $(params.arr[ * ])', fixed))
      .toEqual(['$(params.obj.other)', '$(params.arr[1])', "$(params['dotted.name'])", '$(params.arr[ * ])']);
    expect(texts('git clone $(params.url)', new Set())).toEqual(['$(params.url)']);
  });

  test('a fixed constant stays the author\'s only where, pasted, it forms no other substitution a later level or the kubelet fills with a caller\'s value', () => {
    const fixed = (value: string, spannable = false, vanishes = false): FixedReferences => new Map([['params.a', { value, spannable, vanishes }]]);
    const found = (text: string, value: string, env?: ReadonlySet<string>, spannable = false) =>
      untrustedSubstitutions(text, undefined, env, fixed(value, spannable)).map((o) => o.text);
    // Tekton fills $(tasks.build.results.r) after it pastes the params
    expect(found('echo $(tasks.$(params.a).results.r)', 'build')).toEqual(['$(params.a)']);
    expect(found('echo $(params.a)(tasks.build.results.r)', '$')).toEqual(['$(params.a)']);
    expect(found('echo $(tasks.$(params.a).results.r)', '$(context.pipelineRun.name)')).toEqual(['$(params.a)']);
    // the shell's own command substitution, an inert variable, the run's own name inside the constant
    expect(found('echo $(basename $(params.a)) $(workspaces.$(params.a).path)', 'src')).toEqual([]);
    expect(found('echo $(params.a)', 'run-$(context.pipelineRun.name)')).toEqual([]);
    // the kubelet expands $(TOKEN) in command, args and env, from an env var that holds a caller's value
    expect(found('$(params.a)(TOKEN)', '$', new Set(['TOKEN']))).toEqual(['$(params.a)']);
    expect(found('$(params.a)(HOME)', '$', new Set(['TOKEN']))).toEqual([]);
    // where a caller names a param, its text may span the constant: a `)` after it or a `$(params` before it
    expect(found('echo $(basename $(params.a))', 'src', undefined, true)).toEqual(['$(params.a)']);
    expect(found('echo $(params.x) $(params.a)', 'src', undefined, true)).toEqual(['$(params.x)', '$(params.a)']);
    expect(found('echo "$(params.a)"', 'src', undefined, true)).toEqual([]);
    // a whole element of command or args that Tekton may expand to none, moving the later ones; as part of one, or in a script, it is pasted
    const element = (text: string, isElement: boolean) => untrustedSubstitutions(text, undefined, undefined, fixed('src', false, true), isElement).map((o) => o.text);
    expect(element('$(params.a)', true)).toEqual(['$(params.a)']);
    expect(element('--dir=$(params.a)', true)).toEqual([]);
    expect(element('$(params.a)', false)).toEqual([]);
  });
});

test('callerAfter: whether a later element of command and args holds a caller\'s value (what an element Tekton expands to none would move)', () => {
  const fixed: FixedReferences = new Map([['params.code', { value: 'true', spannable: true, vanishes: true }]]);
  expect(callerAfter(['sh', '-c', '$(params.code)', '$(params.name)'], undefined, undefined, fixed)).toEqual([true, true, true, false]);
  expect(callerAfter(['sh', '-c', '$(params.code)', 'x', '$(workspaces.src.path)'], undefined, undefined, fixed)).toEqual([false, false, false, false, false]);
  // a later fixed element that may itself vanish moves a caller's value after it
  expect(callerAfter(['a', '$(params.code)', '$(params.code)', '$(params.name)'], undefined, undefined, fixed)).toEqual([true, true, true, false]);
  expect(callerAfter(['$(params.code)', '$(params.code)'], undefined, undefined, fixed)).toEqual([false, false]);
  // an element Tekton keeps one moves nothing, but the caller's value after it still reaches the elements before it
  const single = (element: string) => element === '$(params.code)';
  expect(callerAfter(['sh', '-c', '$(params.code)', '$(params.name)'], undefined, undefined, fixed, single)).toEqual([true, true, false, false]);
  expect(callerAfter(['$(params.code)', '$(params.code)', '$(params.name)'], undefined, undefined, fixed, single)).toEqual([false, false, false]);
});

describe('pasteFixed: the text as Tekton writes it with the values a run fixes', () => {
  const fixed: FixedReferences = new Map([
    ['params.tag', { value: 'latest', spannable: false, vanishes: false }],
    ['params.x', { value: '$(params.tag)', spannable: false, vanishes: false }],
  ]);

  test('each fixed substitution replaced once, every other text as written', () => {
    expect(pasteFixed('busybox:$(params.tag)', fixed)).toBe('busybox:latest');
    expect(pasteFixed('$(params.tag)-$(params.other)-$(params.tag)', fixed)).toBe('latest-$(params.other)-latest');
    // a pasted value is not read again (one pass, as strings.Replacer)
    expect(pasteFixed('a/$(params.x)', fixed)).toBe('a/$(params.tag)');
    // Tekton replaces the exact text: `$( params.tag)` is not it
    expect(pasteFixed('b:$( params.tag)', fixed)).toBe('b:$( params.tag)');
    expect(pasteFixed('plain', fixed)).toBe('plain');
  });
});

describe("a run's labels the kubelet fills env vars from", () => {
  const label = (name: string, key: string) => ({ name, valueFrom: { fieldRef: { fieldPath: `metadata.labels['${key}']` } } });

  test('labelFilled: the names filled from a label at the end of the env, a later entry replacing an earlier one', () => {
    expect(labelFilled([label('A', 'a'), label('B', 'b'), { name: 'B', value: 'fixed' }, { name: 'C', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }]))
      .toEqual(new Map([['A', "metadata.labels['a']"]]));
    // a value set beside valueFrom is what the kubelet uses
    expect(labelFilled([{ ...label('A', 'a'), value: 'x' }])).toEqual(new Map());
  });

  test('labelReferences: where the kubelet expands them, as it scans ($$ escapes, a name read up to the first ")")', () => {
    const labels = new Map([['A', "metadata.labels['a']"]]);
    expect(labelReferences('--x=$(A) $$(A) $(B) $(X$(A))', labels)).toEqual([
      { text: '$(A)', index: 4, expands: false, envVar: 'A', path: "metadata.labels['a']", before: '--x=' },
    ]);
  });

  test('labelEnv and labelReferences: a value that copies a label, as the kubelet expands it from the env vars defined before it', () => {
    const { labels, copies } = labelEnv([
      { name: 'EARLY', value: '$(A)' }, label('A', 'a'), { name: 'B', value: '-$x $$(A) $(EARLY) $(A)' }, { name: 'C', value: 'c=$(B)$(' },
      { name: 'D', value: '$$(A)' }, { name: 'E', value: '$(A)' }, { name: 'E', value: 'fixed' },
    ]);
    // a literal `$` (an escape, `$x`, a reference kept as written, an unclosed `$(`) written `$$`, the label's value as `$(A)`
    expect([...copies]).toEqual([
      ['B', { text: '-$$x $$(A) $$(EARLY) $(A)', through: new Map([['A', { path: "metadata.labels['a']", via: [] }]]) }],
      ['C', { text: 'c=-$$x $$(A) $$(EARLY) $(A)$$(', through: new Map([['A', { path: "metadata.labels['a']", via: ['B'] }]]) }],
    ]);
    // a copy's $(NAME) brings the label's value, with the text before it as the kubelet writes it
    expect(labelReferences('--y=$(C) $(B)', labels, copies)).toEqual([
      { text: '$(C)', index: 4, expands: false, envVar: 'C', path: "metadata.labels['a']", copies: { label: 'A', through: ['B'] }, before: '--y=c=-$$x $$(A) $$(EARLY) ' },
      {
        text: '$(B)',
        index: 9,
        expands: false,
        envVar: 'B',
        path: "metadata.labels['a']",
        copies: { label: 'A', through: [] },
        before: '--y=c=-$$x $$(A) $$(EARLY) $(A)$$( -$$x $$(A) $$(EARLY) ',
      },
    ]);
    expect(labelReferences('$(B)', labels)).toEqual([]);
  });

  test('labelEnv: the entries filled from a label, or whose value expands one defined before them', () => {
    const { values } = labelEnv([{ name: 'EARLY', value: '$(A)' }, label('A', 'a'), { name: 'LATE', value: 'x $(A)' }]);
    expect(values.map((v) => [v.entry.name, v.found.text, v.found.index])).toEqual([['A', "valueFrom.fieldRef metadata.labels['a']", 0], ['LATE', '$(A)', 2]]);
  });
});

describe('writtenInStepAction: a StepAction\'s text as written, for what a step\'s params make of it', () => {
  const spec = {
    params: [{ name: 'dir' }, { name: 'tag', default: 'v$(params.dir)' }, { name: 'n', default: 'x' }],
    script: 'cd $(params.dir) && echo $(params.dir)',
    args: ['--n=$(params.n)', '--tag=$(params.tag)-$(params.n)'],
    env: [{ name: 'D', value: 'literal $(params.url)' }],
  };
  const passed = [{ name: 'dir', value: '$(workspaces.src.path)/a' }];

  test('the whole $(params.<p>) the value lies in, what it becomes and from where', () => {
    expect(writtenInStepAction(spec, passed, 'script', '$(workspaces.src.path)')).toEqual({
      written: '$(params.dir)', becomes: '$(workspaces.src.path)/a', from: 'the value this step passes to param dir',
    });
    // a value across text as written and a replacement takes both
    expect(writtenInStepAction(spec, passed, 'script', 'cd $(workspaces')).toEqual({
      written: 'cd $(params.dir)', becomes: 'cd $(workspaces.src.path)/a', from: 'the value this step passes to param dir',
    });
  });

  test('a list is read string by string; a default the step does not override, and several params, are said so', () => {
    expect(writtenInStepAction(spec, passed, 'args', 'x')).toEqual({ written: '$(params.n)', becomes: 'x', from: 'the default of param n, which this step does not pass' });
    expect(writtenInStepAction(spec, passed, 'args[1]', 'v$(params.dir)-x')).toEqual({
      written: '$(params.tag)-$(params.n)', becomes: 'v$(params.dir)-x', from: 'the defaults of params tag, n, which this step does not pass',
    });
    expect(writtenInStepAction(spec, [...passed, { name: 'n', value: 'y' }], 'args[1]', 'v$(params.dir)-y')).toEqual({
      written: '$(params.tag)-$(params.n)', becomes: 'v$(params.dir)-y', from: 'the value this step passes to param n and the default of param tag, which this step does not pass',
    });
    // withStepParams replaces once, as Tekton does: a default's own reference stays
    expect(withStepParams(spec, passed).args[1]).toBe('--tag=v$(params.dir)-x');
  });

  test('a value written so in the StepAction, or not at that field, is undefined', () => {
    expect(writtenInStepAction(spec, passed, 'env.D.value', '$(params.url)')).toBeUndefined();
    expect(writtenInStepAction(spec, passed, 'env[0].value', 'literal')).toBeUndefined();
    expect(writtenInStepAction(spec, passed, 'workingDir', '$(workspaces.src.path)')).toBeUndefined();
    expect(writtenInStepAction(spec, passed, 'script', 'nowhere')).toBeUndefined();
    expect(writtenInStepAction(spec, passed, 'script', undefined)).toBeUndefined();
  });

  test('wholeParamName: the param a whole text names, in every spelling Tekton replaces; nothing for a part of a param or other text', () => {
    for (const text of ['$(params.image)', '$(params["image"])', "$(params['image'])", '$(inputs.params.image)', ' $(params.image) ']) {
      expect(wholeParamName(text)).toBe('image');
    }
    for (const text of ['$(params.images[0])', '$(params.images[*])', '$(params.o.key)', 'x/$(params.image)', '$(params.a)$(params.b)', '$(results.r.path)', 42]) {
      expect(wholeParamName(text)).toBeUndefined();
    }
  });
});

describe('anyValuePattern', () => {
  test('each variable may become any text, the text around it only as written', () => {
    const text = 'https://$(params.host)/x.$(tt.params.p)';
    const vars = [{ index: 8, text: '$(params.host)' }, { index: 25, text: '$(tt.params.p)' }];
    const re = anyValuePattern(text, vars);
    expect(re.test('https:///x.')).toBe(true);
    expect(re.test('https://kubernetes.default.svc/x.y')).toBe(true);
    expect(re.test('http://kubernetes/x.y')).toBe(false);
    expect(re.test('https://a/xXy')).toBe(false);
    expect(anyValuePattern(text, vars.slice(0, 1)).test('https://a/x.y')).toBe(false);
    expect(anyValuePattern('Vault-$(params.e)', [{ index: 6, text: '$(params.e)' }], 'i').test('vault-prod')).toBe(true);
  });
});
