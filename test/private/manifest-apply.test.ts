import { appliesAsWritten, kubectlArguments, kubectlReadings } from '../../src/private/manifest-apply';

describe('kubectlReadings', () => {
  test('pflag: --name=value, --name value, -x value, -xvalue, -x=value, a group (-Rf x), a switch, --, flags after the subcommand', () => {
    expect(kubectlReadings(['--context', 'prod', 'apply', '--server-side', '-Rf', 'k8s', '-n=ci', '-lapp=x', '--filename=a', '--', 'b'])).toEqual([{
      operands: ['apply', 'b'],
      flags: [
        { name: 'context', value: 'prod', written: '--context prod' },
        { name: 'server-side', written: '--server-side' },
        { name: 'recursive', written: '-Rf' },
        { name: 'filename', value: 'k8s', written: '-Rf k8s' },
        { name: 'namespace', value: 'ci', written: '-n=ci' },
        { name: 'selector', value: 'app=x', written: '-lapp=x' },
        { name: 'filename', value: 'a', written: '--filename=a' },
      ],
    }]);
  });

  test('a flag not known here is read both ways, the main reading (no value) first', () => {
    expect(kubectlReadings(['--new', 'apply', 'get']).map((r) => r.operands)).toEqual([['apply', 'get'], ['get']]);
    expect(kubectlReadings(['-xf', 'a']).map((r) => r.flags.map((f) => [f.name, f.value]))).toEqual([
      [['x', undefined], ['filename', 'a']],
      [['x', 'f']],
    ]);
  });

  test('however many flags are not known, at most eight readings, without deep recursion', () => {
    const words = ['apply'];
    for (let i = 0; i < 5000; i++) words.push(`--x${i}`, 'v', '-y', 'w');
    const readings = kubectlReadings(words);
    expect(readings.length).toBe(8);
    expect(readings[0].operands[0]).toBe('apply');
  });
});

describe('kubectlArguments', () => {
  test("kubectl's other names, and kapp deploy read as kubectl apply", () => {
    expect([kubectlArguments('oc', ['apply']), kubectlArguments('k3s', ['kubectl', 'apply']), kubectlArguments('k3s', ['server']), kubectlArguments('helm', ['install'])])
      .toEqual([['apply'], ['apply'], undefined, undefined]);
    expect(kubectlArguments('kapp', ['deploy', '-a', 'app', '--diff-run', '-f', 'x'])).toEqual(['apply', '-a', 'app', '--dry-run=server', '-f', 'x']);
  });
});

describe('appliesAsWritten', () => {
  test('a variable holding a command line is read by its last sixteen distinct values where it is run', () => {
    const assigned = Array.from({ length: 40 }, (_, i) => `C="echo step ${i}"`).join('\n');
    expect(appliesAsWritten({ script: `${assigned}\nC="kubectl apply -f /workspace/src/k8s"\n$C\n` }))
      .toEqual({ property: 'script', value: '-f /workspace/src/k8s', url: false, chart: false });
    expect(appliesAsWritten({ script: `C="kubectl apply -f /workspace/src/k8s"\n${assigned}\n$C\n` })).toBeUndefined();
  });

  test("a copy of a workspace's manifests read by copy-operands.ts: grouped -t, an option's value, install -d", () => {
    const applied = (copy: string, file: string) => appliesAsWritten({ script: `#!/bin/sh\n${copy}\nkubectl apply -f ${file}\n` }, ['/workspace/src']);
    expect(applied('cp -rt /tmp/m /workspace/src/k8s', '/tmp/m/k8s')).toEqual({ property: 'script', value: '-f /tmp/m/k8s', url: false, chart: false });
    expect(applied('install -m 644 /workspace/src/app.yaml /tmp/app.yaml', '/tmp/app.yaml'))
      .toEqual({ property: 'script', value: '-f /tmp/app.yaml', url: false, chart: false });
    // (the mode is no file copied: 644 names nothing of the workspace either way; install -d copies nothing)
    expect(applied('install -d /workspace/src/k8s /tmp/k8s', '/tmp/k8s')).toBeUndefined();
  });
});
