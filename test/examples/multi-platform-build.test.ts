import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { multiPlatformBuildApp } from '../../examples/multi-platform-build/app';

describe('multi-platform-build example', () => {
  const app = multiPlatformBuildApp(fs.mkdtempSync(path.join(os.tmpdir(), 'multi-platform-build-')));
  const objects = app.charts.flatMap((c) => Testing.synth(c));
  const pipeline = objects.find((o: any) => o.kind === 'Pipeline');
  const task = (name: string) => objects.find((o: any) => o.kind === 'Task' && o.metadata.name === name);

  test('build fans out over the platforms array param, after the clone, with no network', () => {
    const build = pipeline.spec.tasks.find((t: any) => t.name === 'build');
    expect(build.matrix).toEqual({ params: [{ name: 'platform', value: ['$(params.platforms[*])'] }] });
    expect(build.runAfter).toEqual(['clone']);
    expect(pipeline.spec.params.find((p: any) => p.name === 'platforms')).toEqual({ name: 'platforms', type: 'array', default: ['linux/amd64', 'linux/arm64'] });
    // hermetic: no policy allows it anything, and DNS is allowed to every task but build and report
    const policies = objects.filter((o: any) => o.kind === 'NetworkPolicy');
    expect(policies.filter((p: any) => p.spec.podSelector.matchLabels['tekton.dev/pipelineTask'] === 'build')).toEqual([]);
    expect(policies.find((p: any) => p.metadata.name === 'multi-platform-build-dns').spec.podSelector.matchExpressions)
      .toEqual([{ key: 'tekton.dev/pipelineTask', operator: 'Exists' }, { key: 'tekton.dev/pipelineTask', operator: 'NotIn', values: ['build', 'report'] }]);
  });

  test('every platform is checked before the build: the platform param is constrained', () => {
    const validate = task('build').spec.steps[0];
    expect(validate.name).toBe('validate-params');
    expect(validate.script).toContain("grep -Eq -e '^linux/(amd64|arm64|riscv64)$'");
  });

  test('the linker flags reach the build as a file, one per line, each checked', () => {
    const [write] = task('build').spec.steps.filter((s: any) => s.name === 'param-ldflags');
    expect(write.args).toEqual(['$(params.ldflags[*])']);
    expect(write.script).toContain("grep -Eq -e '^-[a-zA-Z]$'");
  });

  test('the digests of every TaskRun are the pipeline result and the finally task\'s array param', () => {
    expect(pipeline.spec.results).toEqual([{ name: 'digests', type: 'array', description: 'One digest per platform', value: '$(tasks.build.results.digest[*])' }]);
    expect(pipeline.spec.finally).toEqual([expect.objectContaining({ name: 'report', params: [{ name: 'digests', value: ['$(tasks.build.results.digest[*])'] }] })]);
  });
});
