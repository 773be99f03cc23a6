import { optionValueOf } from '../../src/private/option-values';

describe('optionValueOf: the option whose value an argument is, as spf13/pflag 1.0 reads a known program\'s options', () => {
  const K = '/kaniko/executor';
  test('a long option that takes a value, a shorthand last in its group, past operands, bools and glued values', () => {
    expect(optionValueOf([K, '--dockerfile', '$(params.x)'], 0, 2)).toBe('--dockerfile');
    expect(optionValueOf([K, '-f', '-anything'], 0, 2)).toBe('-f');
    expect(optionValueOf(['env', K, '--no-push', 'ctx', '--context=/w', '-d', '$(params.x)'], 1, 6)).toBe('-d');
    // the value of one option skipped, whatever it holds: the next option's value is read after it
    expect(optionValueOf([K, '--destination', '$(params.a)', '--tar-path', '$(params.x)'], 0, 4)).toBe('--tar-path');
    // `-f=VALUE` and `-fVALUE` hold their own value
    expect(optionValueOf([K, '-f=Dockerfile', '-c', '$(params.x)'], 0, 3)).toBe('-c');
  });
  test('undefined: not known, a bool, an option not listed, glued value, a substitution read before, an array, --, another program', () => {
    expect(optionValueOf([K, '--no-push', '$(params.x)'], 0, 2)).toBeUndefined();
    expect(optionValueOf([K, '--verbosity', '$(params.x)'], 0, 2)).toBeUndefined();
    expect(optionValueOf([K, '-cf', '$(params.x)'], 0, 2)).toBeUndefined();
    expect(optionValueOf([K, '$(params.a)', '--dockerfile', '$(params.x)'], 0, 3)).toBeUndefined();
    expect(optionValueOf([K, '--label', '$(params.l[*])', '-f', '$(params.x)'], 0, 4)).toBeUndefined();
    expect(optionValueOf([K, '--', '--dockerfile', '$(params.x)'], 0, 3)).toBeUndefined();
    expect(optionValueOf(['executor', '--dockerfile', '$(params.x)'], 0, 2)).toBeUndefined();
    expect(optionValueOf([K, '$(params.x)'], 0, 1)).toBeUndefined();
  });
  test('a substitution in an option\'s value in the same argument, or behind an operand\'s literal start, stays in that argument', () => {
    expect(optionValueOf([K, '--context=$(params.c)', '-d', '$(params.x)'], 0, 3)).toBe('-d');
    expect(optionValueOf([K, '--no-push=$(params.b)', '-f$(params.f)', 'dir:///$(params.ctx)', '--dockerfile', '$(params.x)'], 0, 5)).toBe('--dockerfile');
    // in the name, before a shorthand group's value, alone or after only dashes: it may be an option that takes the next argument
    expect(optionValueOf([K, '--$(params.n)=x', '-d', '$(params.x)'], 0, 3)).toBeUndefined();
    expect(optionValueOf([K, '--con$(params.n)', '-d', '$(params.x)'], 0, 3)).toBeUndefined();
    expect(optionValueOf([K, '-$(params.n)', '-d', '$(params.x)'], 0, 3)).toBeUndefined();
    expect(optionValueOf([K, '--context=$(params.c[*])', '-d', '$(params.x)'], 0, 3)).toBeUndefined();
  });
  test('buildah\'s sub-commands build (bud) and push: their flags and the root\'s persistent ones, no option after an operand', () => {
    expect(optionValueOf(['buildah', 'bud', '--storage-driver=vfs', '--tls-verify=$(params.t)', '--layers', '-f', 'D', '-t', '$(params.x)', '.'], 0, 8)).toBe('-t');
    expect(optionValueOf(['x', '/usr/bin/buildah', 'build-using-dockerfile', '-qt', '$(params.x)'], 1, 4)).toBe('-t');
    expect(optionValueOf(['buildah', 'build', '--root', '/r', '--build-arg', '$(params.x)'], 0, 5)).toBe('--build-arg');
    expect(optionValueOf(['buildah', 'push', '-D', '--digestfile', '$(params.x)', 'img'], 0, 4)).toBe('--digestfile');
    expect(optionValueOf(['buildah', 'bud', '--pull', '$(params.x)'], 0, 3)).toBeUndefined();
    expect(optionValueOf(['buildah', 'bud', '.', '-t', '$(params.x)'], 0, 4)).toBeUndefined();
    expect(optionValueOf(['buildah', 'push', '--digestfile=/d', 'img', '--creds', '$(params.x)'], 0, 5)).toBeUndefined();
    expect(optionValueOf(['buildah', 'push', '-t', '$(params.x)'], 0, 3)).toBeUndefined();
    expect(optionValueOf(['buildah', 'bud', '-t'], 0, 1)).toBeUndefined();
    expect(optionValueOf(['buildah', 'from', '--name', '$(params.x)'], 0, 3)).toBeUndefined();
    expect(optionValueOf(['buildah', '--root', '/r', 'bud', '-t', '$(params.x)'], 0, 5)).toBeUndefined();
    expect(optionValueOf(['buildah', 'constructor', '-t', '$(params.x)'], 0, 3)).toBeUndefined();
  });
  test('git clone, read as parse-options reads it, after git\'s own options; an option not listed or a substitution before clone: undefined', () => {
    expect(optionValueOf(['git', 'clone', '--branch', '$(params.x)'], 0, 3)).toBe('--branch');
    expect(optionValueOf(['git', '-C', '/w', 'clone', 'https://x/r.git', '-qj', '$(params.x)'], 0, 6)).toBe('-j');
    expect(optionValueOf(['git', 'clone', '--recurse-submodules', '$(params.x)'], 0, 3)).toBeUndefined();
    expect(optionValueOf(['git', 'clone', '--no-tags', '$(params.x)'], 0, 3)).toBeUndefined();
    expect(optionValueOf(['git', '-c', '$(params.c)', 'clone', '--branch', '$(params.x)'], 0, 5)).toBeUndefined();
    expect(optionValueOf(['git', 'fetch', '--depth', '$(params.x)'], 0, 3)).toBeUndefined();
  });
  test('curl, read as its own parser reads it: interspersed URLs, groups, `--name=VALUE`; the --no- forms and --help not listed', () => {
    expect(optionValueOf(['curl', '-sSLo', '$(params.x)', 'https://x/$(params.p)'], 0, 2)).toBe('-o');
    expect(optionValueOf(['curl', 'https://x/a', '--retry', '3', '--header=A: $(params.h)', '-H', '$(params.x)'], 0, 6)).toBe('-H');
    expect(optionValueOf(['curl', '--max-time', '5', '--data-binary', '$(params.x)'], 0, 4)).toBe('--data-binary');
    expect(optionValueOf(['curl', '--no-progress-meter', '$(params.x)'], 0, 2)).toBeUndefined();
    expect(optionValueOf(['curl', '--fail', '$(params.x)'], 0, 2)).toBeUndefined();
    expect(optionValueOf(['curl', '-h', '$(params.x)'], 0, 2)).toBeUndefined();
    expect(optionValueOf(['curl', '$(params.u)', '-o', '$(params.x)'], 0, 3)).toBeUndefined();
  });
  test('curl: a value that looks like an option is its option\'s; -0 and the dotted names known; an abbreviation as curl 8.5 read it', () => {
    expect(optionValueOf(['curl', '-H', '-v', '-o', '$(params.x)'], 0, 4)).toBe('-o');
    expect(optionValueOf(['curl', '-o', '-:', '$(params.x)'], 0, 3)).toBeUndefined();
    expect(optionValueOf(['curl', '-0o', '$(params.x)'], 0, 2)).toBe('-o');
    expect(optionValueOf(['curl', '--http1.1', '--proxy1.0', '$(params.x)'], 0, 3)).toBe('--proxy1.0');
    expect(optionValueOf(['curl', '--data-b', '$(params.x)'], 0, 2)).toBe('--data-b');
    expect(optionValueOf(['curl', '--dat', '$(params.x)'], 0, 2)).toBeUndefined();
    expect(optionValueOf(['curl', '-s$(params.f)', '-o', '$(params.x)'], 0, 3)).toBeUndefined();
    expect(optionValueOf(['curl', '--expand-output', '$(params.x)'], 0, 2)).toBeUndefined();
  });
  test('skopeo copy: optional bools take no next argument, optional strings do', () => {
    expect(optionValueOf(['skopeo', 'copy', '--dest-tls-verify=$(params.v)', '--dest-creds', '$(params.x)', 'docker://a', 'docker://b'], 0, 4)).toBe('--dest-creds');
    expect(optionValueOf(['skopeo', 'copy', 'docker://$(params.src)', '-f', '$(params.x)'], 0, 4)).toBe('-f');
    expect(optionValueOf(['skopeo', 'copy', '--src-tls-verify', '$(params.x)'], 0, 3)).toBeUndefined();
    expect(optionValueOf(['skopeo', 'inspect', '--creds', '$(params.x)'], 0, 3)).toBeUndefined();
  });
  test('cosign sign: --key is read past, but its value is not data (a pkcs11: URI names a library to load)', () => {
    expect(optionValueOf(['cosign', 'sign', '--key', 'k8s://ns/cosign', '-a', '$(params.x)', 'img'], 0, 5)).toBe('-a');
    expect(optionValueOf(['cosign', 'sign', '-y', '--tlog-upload=false', '--registry-username', '$(params.x)'], 0, 5)).toBe('--registry-username');
    expect(optionValueOf(['cosign', 'sign', '--key', '$(params.x)', 'img'], 0, 3)).toBeUndefined();
    expect(optionValueOf(['cosign', 'sign', '--yes', '$(params.x)'], 0, 3)).toBeUndefined();
    expect(optionValueOf(['cosign', 'verify', '--key', 'k', '--output', '$(params.x)'], 0, 5)).toBeUndefined();
  });
});
