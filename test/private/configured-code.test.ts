import { configEnvVariables, configuredCode, gitCodeKey } from '../../src/private/configured-code';

/** The parts configuredCode gives, as the text of each and whether only its start counts. */
const parts = (program: string, after: string[]) => configuredCode(program, after)
  .map((p) => [after[p.index].slice(p.start, p.end), p.leading === true]);

describe('configuredCode', () => {
  test('git configuration keys that run their value, in any case of section and key; others do not', () => {
    for (const key of ['core.sshCommand', 'CORE.PAGER', 'alias.st', 'credential.https://example.com.helper', 'filter.lfs.smudge', 'diff.img.textconv', 'protocol.ext.allow', 'includeIf.gitdir:/x/.path']) {
      expect([key, gitCodeKey(key)]).toEqual([key, true]);
    }
    for (const key of ['user.name', 'http.extraHeader', 'safe.directory', 'core.autocrlf', 'remote.origin.url']) expect([key, gitCodeKey(key)]).toEqual([key, false]);
  });

  test('git -c, git config and the options of its sub-commands: the key, and the value of a key that runs it', () => {
    expect(parts('git', ['-c', 'core.sshCommand=$X', 'fetch'])).toEqual([['core.sshCommand', false], ['$X', false]]);
    expect(parts('git', ['-c', 'user.name=$X', 'commit'])).toEqual([['user.name', false]]);
    expect(parts('git', ['-c', '$X', 'status'])).toEqual([['$X', false]]);
    expect(parts('git', ['config', '--global', 'core.pager', '$X'])).toEqual([['core.pager', false], ['$X', false]]);
    expect(parts('git', ['config', '--get', 'core.pager', '$X'])).toEqual([]);
    expect(parts('git', ['config', '-f', 'cfg', 'alias.x', '$X'])).toEqual([['alias.x', false], ['$X', false]]);
    expect(parts('/usr/bin/git', ['clone', '--upload-pa=$X', 'u'])).toEqual([['$X', false], ['u', true]]);
    // a short option in a group of flags of a sub-command
    expect(parts('git', ['clone', '-qu', '$X', '--', 'u'])).toEqual([['$X', false]]);
    expect(parts('git', ['clone', '-qc$X', '--', 'u'])).toEqual([['$X', false]]);
    expect(parts('git', ['rebase', '-ix', '$X', 'main'])).toEqual([['$X', false]]);
    expect(parts('git', ['clone', '-qb', '$X', '--', 'u'])).toEqual([]);
    // the value of an option that takes one is no operand; after -- none is an option
    expect(parts('git', ['clone', '--branch', '$B', '--', '$X', 'dir'])).toEqual([]);
    expect(parts('git', ['-c', 'protocol.ext.allow=always', 'clone', '--', '$X'])).toEqual([['protocol.ext.allow', false], ['always', false], ['$X', false]]);
  });

  test('the env vars git --config-env reads as the value of a key that runs code', () => {
    expect([...configEnvVariables('git', ['--config-env=core.sshCommand=S', '--config-env', 'alias.x=A', '--config-env=user.name=N', 'fetch'])])
      .toEqual([['S', 'core.sshCommand'], ['A', 'alias.x']]);
    expect([...configEnvVariables('git', ['-C', '--config-env=core.pager=P', 'log'])]).toEqual([]);
    expect([...configEnvVariables('ssh', ['--config-env=core.pager=P'])]).toEqual([]);
  });

  test('git\'s -u is clone\'s alone, and short options in a group (git 2.39 parse-options, GNU tar 1.34)', () => {
    expect(parts('git', ['clone', '-qu', '$X', 'u'])).toEqual([['$X', false], ['u', true]]);
    expect(parts('git', ['clone', '-quCMD', 'u'])).toEqual([['CMD', false], ['u', true]]);
    expect(parts('git', ['clone', '-bu', '$X'])).toEqual([['$X', true]]);
    // a value before the sub-command, and the literal sub-command after global options: a value there starting with - is a global option
    expect(parts('git', ['$X', 'fetch'])).toEqual([['$X', true]]);
    expect(parts('git', ['-C', 'src', 'status'])).toEqual([]);
    // fetch's -u is a flag (--update-head-ok): the value after it is the repository, where --upload-pack=… is that option
    expect(parts('git', ['fetch', '-u', '$X'])).toEqual([['$X', true]]);
    expect(parts('git', ['rebase', '-ix', '$X'])).toEqual([['$X', false]]);
    expect(parts('tar', ['xIf', '$X', 'a.tgz'])).toEqual([['$X', false]]);
    expect(parts('tar', ['xfI', 'a.tgz', '$X'])).toEqual([['$X', false]]);
    expect(parts('tar', ['-xI', '$X'])).toEqual([['$X', false]]);
    expect(parts('tar', ['-xI$X'])).toEqual([['$X', false]]);
    // (-xfI gives -f the value I: $X is an operand, where tar reads a value starting with --to-command= as that option)
    expect(parts('tar', ['-xfI', '$X'])).toEqual([['$X', true]]);
    expect(parts('wget', ['-qe', '$X', 'u'])).toEqual([['u', true], ['$X', false]]);
  });

  test('ssh -o, rsync -e, tar, zip, wget and make', () => {
    expect(parts('ssh', ['-o', 'ProxyCommand=$X', 'host'])).toEqual([['ProxyCommand', false], ['$X', false]]);
    expect(parts('ssh', ['-oUser=$X', 'host'])).toEqual([['User', false]]);
    expect(parts('rsync', ['-avz', '-e', '$X', 'a', 'b:c'])).toEqual([['a', true], ['b:c', true], ['$X', false]]);
    expect(parts('tar', ['--to-comm=$X', '-xf', 'a.tar'])).toEqual([['$X', false]]);
    expect(parts('zip', ['-TT', '$X', 'a.zip'])).toEqual([['$X', false]]);
    expect(parts('wget', ['--execute', '$X', 'u'])).toEqual([['u', true], ['$X', false]]);
    expect(parts('make', ['-f', '$F', 'CC=$X', '$T'])).toEqual([['CC', false], ['$X', false], ['$T', true]]);
    expect(parts('curl', ['-K', '$X'])).toEqual([]);
    // the version spec of each package an install names (a scope's own @ aside), not another sub-command's words
    expect(parts('npm', ['--no-audit', 'i', '@scope/a@$X', 'b@^1', '-D'])).toEqual([['$X', false], ['^1', false]]);
    expect(parts('npm', ['run', 'a@$X'])).toEqual([]);
    // a short option in a group of flags: the first that takes a value takes the rest of the word, or the next word
    expect(parts('ssh', ['-voProxyCommand=$X', 'h'])).toEqual([['ProxyCommand', false], ['$X', false]]);
    expect(parts('ssh', ['-o', ' ProxyCommand $X', 'h'])).toEqual([[' ProxyCommand', false], ['$X', false]]);
    expect(parts('ssh', ['-p22', '-vo', 'User=$X', 'h'])).toEqual([['User', false]]);
    expect(parts('rsync', ['-ave$X', 'a', 'b:c'])).toEqual([['a', true], ['b:c', true], ['$X', false]]);
    expect(parts('tar', ['-xvI', '$X', '-f', 'a.tar'])).toEqual([['$X', false]]);
    expect(parts('tar', ['xfI', 'a.tar', '$X'])).toEqual([['$X', false]]);
    expect(parts('tar', ['-xfI', '$X'])).toEqual([['$X', true]]);
    expect(parts('wget', ['-qe', '$X', 'u'])).toEqual([['u', true], ['$X', false]]);
    // (-ne gives -n the value e: $X and u are operands)
    expect(parts('wget', ['-ne', '$X', 'u'])).toEqual([['$X', true], ['u', true]]);
    // read by wget's own walker (wget 1.21.3 run): a flag takes no value (`--quiet $X`: an operand), an option's value is no option
    // (`--referer -e`), an ambiguous abbreviation exits (`--ex`: --execute, --exclude-directories, --exclude-domains)
    expect(parts('wget', ['--quiet', '$X'])).toEqual([['$X', true]]);
    expect(parts('wget', ['--referer', '-e', '$X'])).toEqual([['$X', true]]);
    expect(parts('wget', ['--ex', '$X'])).toEqual([]);
    expect(parts('wget', ['--exe=$X', 'u'])).toEqual([['u', true], ['$X', false]]);
    expect(parts('wget', ['--use-a', '$X', '--', '-e', '$Y'])).toEqual([['$X', false]]);
    expect(parts('sftp', ['-qD', '$X'])).toEqual([['$X', false]]);
    expect(parts('sftp', ['-s$X', 'h'])).toEqual([['$X', false]]);
  });
});
