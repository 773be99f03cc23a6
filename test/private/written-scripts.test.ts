import { fileReadBy, base64Decoded, filesRun, fileRunByCommand, scriptsWritten } from '../../src/private/written-scripts';

describe('written-scripts', () => {
  test('base64 decoded as coreutils 9.1 base64 -d decodes it', () => {
    // printf 'ZWNo\nbyBoaQo=\n' | base64 -d: `echo hi`, line breaks ignored; padded groups in a row decode one after the other
    expect(base64Decoded('ZWNo\nbyBoaQo=\n', false)).toBe('echo hi\n');
    expect(base64Decoded('ZWNobyBoaQ==ZWNobyBoaQo=', false)).toBe('echo hiecho hi\n');
    // a space stops it (`ech`, then "invalid input"), as does a missing padding (all decoded, then the failure): not read
    expect(base64Decoded('ZWNo byBoaQo=', false)).toBeUndefined();
    expect(base64Decoded('ZWNobyBoaQo', false)).toBeUndefined();
    // -i (--ignore-garbage) skips what is not of the alphabet
    expect(base64Decoded('ZWNo byBoaQo=', true)).toBe('echo hi\n');
    // a NUL: no script text
    expect(base64Decoded('AA==', false)).toBeUndefined();
  });

  test('scripts written from literals, and the files run', () => {
    const script = "printf '%s' 'ZWNobyBoaQo=' | base64 -di > /s/a.sh\necho 'eval x' > ./b.sh\necho more >> b.sh\n"
      + "cat > c.sh <<'EOF'\nls\nEOF\ncat > d.sh <<EOF\n$X\nEOF\nprintf '%s' \"$V\" | base64 -d > e.sh\nbase64 -d f.b64 > f.sh\n/s/a.sh\nbash -e ./b.sh\nsh -c c.sh\n";
    expect(scriptsWritten(script).map((w) => [w.path, w.text, w.decoded, w.at])).toEqual([
      ['/s/a.sh', 'echo hi\n', true, 1], ['b.sh', 'eval x\n', false, 2], ['b.sh', 'eval x\nmore\n', false, 3], ['c.sh', 'ls\n', false, 4],
    ]);
    expect(filesRun(script).map((r) => [r.path, r.shell, r.line])).toEqual([['/s/a.sh', undefined, '/s/a.sh'], ['b.sh', 'bash', 'bash -e ./b.sh']]);
    expect(fileRunByCommand(['/scripts/run.sh', '$(params.x)'])).toEqual({ path: '/scripts/run.sh' });
    expect(fileRunByCommand(['bash', '--norc', '/scripts/run.sh'])).toEqual({ path: '/scripts/run.sh', shell: 'bash' });
    expect(fileRunByCommand(['sh', '-c', '/scripts/run.sh'])).toBeUndefined();
    expect(fileRunByCommand([])).toBeUndefined();
  });

  test("a shell's script operand read as readShellOptions reads its options (bash 5.2 and dash 0.5.12, run)", () => {
    // bash reads -norc and -rcfile as --norc and --rcfile (no group holding c): `bash -norc f` runs the file f
    expect(fileRunByCommand(['bash', '-norc', '/s/run.sh'])).toEqual({ path: '/s/run.sh', shell: 'bash' });
    expect(fileRunByCommand(['bash', '-rcfile', '/etc/rc', '/s/run.sh'])).toEqual({ path: '/s/run.sh', shell: 'bash' });
    // a group's o takes the next word wherever it stands (`-oe errexit`), -O too
    expect(fileRunByCommand(['bash', '-oe', 'errexit', '/s/run.sh'])).toEqual({ path: '/s/run.sh', shell: 'bash' });
    expect(fileRunByCommand(['bash', '-O', 'extglob', '--', '/s/run.sh'])).toEqual({ path: '/s/run.sh', shell: 'bash' });
    // none: code (-c, -ec), or the input (-s)
    expect(fileRunByCommand(['bash', '-ec', '/s/run.sh'])).toBeUndefined();
    expect(fileRunByCommand(['bash', '-s', '/s/run.sh'])).toBeUndefined();
  });

  test('the files tee writes, as coreutils 9.1 tee reads its operands (run)', () => {
    const written = (script: string) => scriptsWritten(script).map((w) => [w.path, w.text]);
    // past `--` a word starting with - is a file; `-` is a file so named; -a (in a group too) appends
    expect(written("echo 'eval x' | tee -- -x.sh")).toEqual([['-x.sh', 'eval x\n']]);
    expect(written("echo 'eval x' | tee - > /dev/null")).toEqual([['-', 'eval x\n']]);
    expect(written("echo 'a' > b.sh\necho 'eval y' | tee -ia b.sh")).toEqual([['b.sh', 'a\n'], ['b.sh', 'a\neval y\n']]);
  });

  test('the file a command writes its output to, its redirections read as splitRedirections reads them (bash 5.2)', () => {
    const written = (script: string) => scriptsWritten(script).map((w) => [w.path, w.text]);
    expect(written("echo 'eval x' > a.sh 2>&1")).toEqual([['a.sh', 'eval x\n']]);
    expect(written("echo 'eval x' 1>| a.sh")).toEqual([['a.sh', 'eval x\n']]);
    expect(written("echo 'eval x' &>a.sh")).toEqual([['a.sh', 'eval x\n']]);
    // `>|` is one operator (it writes over the file under noclobber), not `>` and a pipe
    expect(written("echo 'eval x' >| c.sh")).toEqual([['c.sh', 'eval x\n']]);
    // none: two files, a duplication of stdout to a descriptor, a descriptor other than 1
    for (const script of ["echo 'eval x' > a.sh > b.sh", "echo 'eval x' >&2", "echo 'eval x' 1>&3 > a.sh", "echo 'eval x' 3> a.sh"]) {
      expect([script, written(script)]).toEqual([script, []]);
    }
  });

  test('a script tee writes from a literal, and a file a shell reads as its code from its input (bash 5.2 and dash, checked)', () => {
    const written = (script: string) => scriptsWritten(script).map((w) => [w.path, w.text, w.decoded, w.line]);
    expect(written("tee /s/a.sh > /dev/null <<'EOF'\neval x\nEOF")).toEqual([['/s/a.sh', 'eval x\n', false, "tee /s/a.sh > /dev/null <<'EOF'"]]);
    // (-a adds to what the script wrote there; what base64 -d decodes and pipes to it)
    expect(written("echo 'a' > b.sh\nprintf '%s\\n' 'eval y' | tee -a b.sh")).toEqual([['b.sh', 'a\n', false, "echo 'a' > b.sh"],
      ['b.sh', 'a\neval y\n', false, "printf '%s\\n' 'eval y' | tee -a b.sh"]]);
    expect(written("printf '%s' 'ZXZhbCB6' | base64 -d | tee c.sh")).toEqual([['c.sh', 'eval z', true, "printf '%s' 'ZXZhbCB6' | base64 -d | tee c.sh"]]);
    // none: tee given no literal
    expect(written('tee d.sh <<< "$X"')).toEqual([]);
    expect(written('curl -s https://x | tee e.sh')).toEqual([]);
    const runs = (script: string) => filesRun(script).map((r) => [r.path, r.shell, r.line]);
    expect(runs('sh < /s/a.sh\nbash -s -- x < b.sh\ncat /s/c.sh | bash')).toEqual([['/s/a.sh', 'sh', 'sh < /s/a.sh'], ['b.sh', 'bash', 'bash -s -- x < b.sh'],
      ['/s/c.sh', 'bash', 'cat /s/c.sh | bash']]);
    // none: a shell given code (-c) or a script operand other than its input, input from no file, cat of two files
    expect(runs('bash -c x < /s/a.sh\nsh <<< "$X"\ncat a b | sh\necho x | sh\ncat "$F" | sh')).toEqual([]);
    expect(fileReadBy(['sh', '<', '/s/a.sh'])).toEqual({ path: '/s/a.sh', shell: 'sh' });
    // what eval runs, or source reads, of what cat prints of it; not of two files, or of a command substitution beside other words
    expect(fileReadBy(['eval', '"$(cat /s/a.sh)"'])).toEqual({ path: '/s/a.sh' });
    expect(fileReadBy(['eval', '$(< /s/a.sh)'])).toEqual({ path: '/s/a.sh' });
    expect(fileReadBy(['.', '<(cat /s/a.sh)'])).toEqual({ path: '/s/a.sh' });
    expect(fileReadBy(['eval', '"$(cat /s/a.sh /s/b.sh)"'])).toBeUndefined();
    expect(fileReadBy(['eval', '"x $(cat /s/a.sh)"'])).toBeUndefined();
    expect(fileReadBy(['eval', '"$(cat /s/a.sh)', 'x"'])).toBeUndefined();
    expect(fileReadBy(['sh', '/s/b.sh', '<', '/s/a.sh'])).toEqual({ path: '/s/b.sh', shell: 'sh' });
  });
});
