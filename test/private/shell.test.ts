import * as fc from 'fast-check';
import {
  argvOf, closing, commandRuns, commandRunsOf, compoundCommand, descriptorOf, editorCommands, findExpressionPlaces,
  expandedVariables, inputOn, mapfileOptions, pipedFrom, printedBy, redirectedFrom,
  readNameWords, readOptions, readSetsReply, readVariables, runCommands, runOf, runsOf,
  shellCodeOf, shellCodesOf, shellCommandString, shellDialects, simpleCommands, splitAssignments, splitRedirections, standardInput,
  substitutedCommands,
  variableAssignment, variablesRunAsCode, withoutRedirections,
} from '../../src/private/shell';

/** Each simple command of a script as its words' argvOf. */
const argvs = (script: string) => simpleCommands(script).map(argvOf);
/** Each simple command of a script as written. */
const lines = (script: string) => simpleCommands(script).map((c) => c.line);

describe('words', () => {
  test('quotes are removed; a backslash keeps the next character; a double quote keeps a backslash that escapes nothing', () => {
    expect(argvs('echo \'a  b\' "c \\"d\\" \\$e \\x" f\\ g h\'\'i "" $\'t\\tu\\\'v\'')).toEqual([
      ['echo', 'a  b', 'c "d" $e \\x', 'f g', 'hi', '', 't\tu\'v'],
    ]);
  });

  test('expansions are kept as written in their word, and a word holding one is not literal', () => {
    const [command] = simpleCommands('cosign verify --key "$KEY" ${IMG} "$A$B" "x$A" $1 \'$X\' "$(workspaces.src.path)/k" ${X:-d} `pwd` $ "$"');
    expect(command.words).toEqual([
      { text: 'cosign', literal: true },
      { text: 'verify', literal: true },
      { text: '--key', literal: true },
      { text: '$KEY', literal: false, variable: 'KEY', split: false },
      { text: '${IMG}', literal: false, variable: 'IMG', split: true },
      { text: '$A$B', literal: false },
      { text: 'x$A', literal: false },
      { text: '$1', literal: false },
      { text: '$X', literal: true },
      { text: '$(workspaces.src.path)/k', literal: false },
      { text: '${X:-d}', literal: false },
      { text: '`pwd`', literal: false },
      { text: '$', literal: true },
      { text: '$', literal: true },
    ]);
  });

  test('redirections stay words: `2>&1`, `&>log` and `>&2` are not a background `&`', () => {
    expect(argvs('make 2>&1 >out &>log >&2 <in & next')).toEqual([['make', '2>&1', '>out', '&>log', '>&2', '<in'], ['next']]);
  });

  test('an array assignment is one word, over lines too, and its lines are not commands', () => {
    expect(argvs('A=(a "b c")\nARGS+=(\n  --flag # a comment\n  "$X"\n)\nmake')).toEqual([
      ['A=(a "b c")'], ['ARGS+=(\n  --flag # a comment\n  "$X"\n)'], ['make'],
    ]);
    expect(simpleCommands('A=(a b)')[0].words[0].literal).toBe(true);
    expect(simpleCommands('A=($X)')[0].words[0].literal).toBe(false);
  });

  test('what is not closed runs to the end of the text', () => {
    expect(argvs('echo "a b\nc')).toEqual([['echo', 'a b\nc']]);
    expect(argvs("echo 'a")).toEqual([['echo', 'a']]);
    expect(argvs('echo $(a b')).toEqual([['echo', '$(a b']]);
    expect(closing('$(a "b)" c', 1)).toBe(10);
    expect(closing('$(a ")" b) c', 1)).toBe(9);
    expect(closing("'a", 0)).toBe(2);
  });
});

describe('commands', () => {
  test('`;`, `&&`, `||`, `|`, `|&`, `&`, newlines and parentheses end a command; only `|` and `|&` pipe it', () => {
    const commands = simpleCommands('a | b || c |& d && e & f; g\n(h) i');
    expect(commands.map((c) => [c.line, c.pipe])).toEqual([
      ['a', true], ['b', false], ['c', true], ['d', false], ['e', false], ['f', false], ['g', false], ['h', false], ['i', false],
    ]);
    // (`|&` pipes its standard error too)
    expect(simpleCommands('a |& b | c 2>&1 |& d; { e; } |& f').map((c) => [c.line, c.pipesError ?? false])).toEqual([
      ['a', true], ['b', false], ['c 2>&1', true], ['d', false], ['e', false], ['}', true], ['f', false],
    ]);
    // (and the command after `|&`, where nothing else says it: `( a ) |& b`)
    expect(simpleCommands('(a) |& b | c; (d) | e').map((c) => [c.line, c.errorPiped ?? false])).toEqual([
      ['a', false], ['b', true], ['c', false], ['d', false], ['e', false],
    ]);
  });

  test('a command is unconditional at the top level, in order, in the script\'s own shell', () => {
    const script = [
      'A=1; B=2 && C=3 || D=4', 'E=5 | cat', 'F=6 &', 'G=7',
      'if true; then H=8; fi', 'while read x; do I=9; done', 'for x in a; do J=1; done', 'case $x in a) K=2;; (b) L=3;; esac',
      '{ M=4; }', 'f() { N=5; }', '(O=6)', 'cond &&', '  P=7', 'Q=8 # after a subshell and a case, closed',
    ].join('\n');
    expect(simpleCommands(script).map((c) => [c.line, c.unconditional])).toEqual([
      ['A=1', true], ['B=2', true], ['C=3', false], ['D=4', false], ['E=5', false], ['cat', false], ['F=6', false], ['G=7', true],
      ['true', false], ['H=8', false], ['fi', true], ['read x', false], ['I=9', false], ['done', true], ['for x in a', false], ['J=1', false], ['done', true],
      ['case $x in', false], ['K=2', false], ['L=3', false], ['esac', true],
      ['M=4', false], ['}', true], ['f', true], ['N=5', false], ['}', true], ['O=6', false], ['cond', true], ['P=7', false], ['Q=8', true],
    ]);
  });

  test('the reserved words that start a command are not its words, unless quoted', () => {
    expect(argvs('if ! ./check.sh; then make; else exit 1; fi\nwhile read x; do ./run.sh "$x"; done\n{ make all; }\n"if" x\nelif true; then :; fi')).toEqual([
      ['./check.sh'], ['make'], ['exit', '1'], ['fi'], ['read', 'x'], ['./run.sh', '$x'], ['done'], ['make', 'all'], ['}'], ['if', 'x'], ['true'], [':'], ['fi'],
    ]);
    expect(lines('if ! ./check.sh; then make all; fi')).toEqual(['./check.sh', 'make all', 'fi']);
  });

  test('a case\'s patterns are not commands: alternatives, quotes, a leading `(`, items ended by `;;`, `;&`, `;;&` or `esac`', () => {
    const script = 'case "$f" in\n  "$dir" | "$dir/"*) ./in.sh; echo in ;;\n  (\'a)b\'|c) ./c.sh ;&\n  *.sh) . "$f";;&\n  *) other\nesac\nafter';
    expect(argvs(script)).toEqual([['case', '$f', 'in'], ['./in.sh'], ['echo', 'in'], ['./c.sh'], ['.', '$f'], ['other'], ['esac'], ['after']]);
    expect(argvs('case $x in a) one;; b) two;; esac; three')).toEqual([['case', '$x', 'in'], ['one'], ['two'], ['esac'], ['three']]);
  });

  test('`[[ … ]]` is one command whose `&&`, `||`, `<` and parentheses are its words; `(( … ))` is one word', () => {
    expect(argvs('[[ -n "$line" && ! "$line" =~ ^x || ( a < b ) ]] && run\n(( $n > 0 )) || next')).toEqual([
      ['[[', '-n', '$line', '&&', '!', '$line', '=~', '^x', '||', '(', 'a', '<', 'b', ')', ']]'], ['run'], ['(( $n > 0 ))'], ['next'],
    ]);
  });

  test('comments and a shebang are passed over; a `#` inside a word or quotes is kept', () => {
    expect(argvs('#!/bin/sh\n# make\necho a # b\necho a#b "c #d"\n  # e')).toEqual([['echo', 'a'], ['echo', 'a#b', 'c #d']]);
  });

  test('a line continuation joins its lines; the line written reads it as a space', () => {
    const [command] = simpleCommands('make \\\n  all\\\nx');
    expect(argvOf(command)).toEqual(['make', 'allx']);
    expect(command.line).toBe('make    all x');
  });

  test('heredoc bodies are passed over (with `<<-` their tabs too, with quoted delimiters); a here-string and `$((1<<2))` open none', () => {
    expect(argvs("cat <<EOF | kubectl apply -f -\nmake all\nEOF\ncat <<-'END' >x; cat<<\"B\"\n\tmake\n\tEND\n./b.sh\nB\nnext")).toEqual([
      ['cat', '<<EOF'], ['kubectl', 'apply', '-f', '-'], ['cat', '<<-END', '>x'], ['cat', '<<B'], ['next'],
    ]);
    expect(argvs('echo $((1<<2))\ntr a b <<< hello\nmake all')).toEqual([['echo', '$((1<<2))'], ['tr', 'a', 'b', '<<<', 'hello'], ['make', 'all']]);
    expect(argvs('cat <<EOF\nnever ends')).toEqual([['cat', '<<EOF']]);
  });

  test('the line written runs from the first word to the last, past reserved words and a subshell\'s parentheses', () => {
    expect(lines('(cd "$(workspaces.source.path)" && make  all)  # build\nthen   ./x.sh --a=1 ;')).toEqual(['cd "$(workspaces.source.path)"', 'make  all', './x.sh --a=1']);
  });
});

describe('what an attacker may write', () => {
  test('`function NAME { … }` and `coproc` start a command: the body is read, the name is not a word of it', () => {
    expect(argvs('function f { ./b.sh; }; f\nfunction g() { make; }\ncoproc ./c.sh\ncoproc NAME { ./d.sh; }\ncoproc W while true; do ./e.sh; done')).toEqual([
      ['function', 'f'], ['./b.sh'], ['}'], ['f'], ['function', 'g'], ['make'], ['}'], ['./c.sh'], ['./d.sh'], ['}'], ['true'], ['./e.sh'], ['done'],
    ]);
  });

  test('a redirection written against a word ends it (`make>log`), a descriptor before it stays (`2>&1`)', () => {
    expect(argvs('make>log all; ./b.sh<in 2>&1 x&>y')).toEqual([['make', '>log', 'all'], ['./b.sh', '<in', '2>&1', 'x', '&>y']]);
  });

  test('the arithmetic of `for ((…))` and `$[…]` is one word: a `<<` in it opens no heredoc that would hide the lines after it', () => {
    expect(argvs('for ((i=1<<2; i<3; i++)); do make; done\nfor((;;)) { ./b.sh; }\necho $[1<<2] $[ $(./c.sh) ]\nmake all')).toEqual([
      ['for', '((i=1<<2; i<3; i++))'], ['make'], ['done'], ['for', '((;;))'], ['./b.sh'], ['}'], ['echo', '$[1<<2]', '$[ $(./c.sh) ]'], ['make', 'all'],
    ]);
    expect(simpleCommands('echo $[ $(./c.sh) ]')[0].substitutions).toEqual(['./c.sh']);
  });

  test('`$\'…\'` reads hexadecimal, octal, Unicode and control escapes', () => {
    expect(argvs("$'\\x6dake' $'\\155ake' $'\\u006dake' $'\\U0000006d' $'\\x6' $'\\cA' $'\\0'")).toEqual([['make', 'make', 'make', 'm', '\x06', '\x01', '\0']]);
  });

  test('command substitutions inside `${…}`, `$((…))`, an array and an unquoted heredoc body run: their code is given', () => {
    const [a] = simpleCommands('echo ${X:-$(./a.sh)} "${Y/`./b.sh`/z}" $(( $(./c.sh) + 1 )) ${Z:-\'$(no)\'}');
    expect(a.substitutions).toEqual(['./a.sh', './b.sh', './c.sh']);
    const [b] = simpleCommands('A=( $(./d.sh) <(./e.sh) \'$(no)\' )');
    expect(b.substitutions).toEqual(['./d.sh', './e.sh']);
    const [c, d] = simpleCommands("cat <<EOF\n$(./f.sh) '$(./g.sh)' \\$(no) `./h.sh`\nEOF\ncat <<'EOF'\n$(no)\nEOF");
    expect(c.substitutions).toEqual(['./f.sh', './g.sh', './h.sh']);
    expect(d.substitutions).toEqual([]);
  });

  test('a heredoc delimiter quoted in part (`<<E\'O\'F`) is read without its quotes: the body ends at `EOF`, not at the end of the script', () => {
    expect(argvs("cat <<E'O'F\nmake\nEOF\n./after.sh\ncat <<\"A\"B\nx\nAB\n./b.sh")).toEqual([['cat', '<<EOF'], ['./after.sh'], ['cat', '<<AB'], ['./b.sh']]);
  });

  test('a command\'s heredoc bodies and here-string are its input, in order (the last one on descriptor 0 is what it reads); a body is expanded unless its delimiter is quoted', () => {
    const commands = simpleCommands("bash <<EOF | tee log\nmake\nEOF\nsh -s <<-'X' 3<<Y\n\t./b.sh\n\tX\nthree\nY\nsh <<< 'make all'\nsh<<<make\ncat <<A 0<<B\na\nA\nb\nB");
    expect(commands.map((c) => [argvOf(c), c.heredocs, standardInput(c)])).toEqual([
      [['bash', '<<EOF'], [{ fd: 0, body: 'make\n', expanded: true }], 'make\n'],
      [['tee', 'log'], [], undefined],
      [['sh', '-s', '<<-X', '3<<Y'], [{ fd: 0, body: './b.sh\n', expanded: false }, { fd: 3, body: 'three\n', expanded: true }], './b.sh\n'],
      [['sh', '<<<', 'make all'], [], 'make all'],
      [['sh', '<<<make'], [], 'make'],
      [['cat', '<<A', '0<<B'], [{ fd: 0, body: 'a\n', expanded: true }, { fd: 0, body: 'b\n', expanded: true }], 'b\n'],
    ]);
  });
});

describe('descriptors other than 0', () => {
  test('what a command reads on a descriptor: its last here-string or heredoc on it; the file a `N<` opens; the descriptor a file names', () => {
    const [c] = simpleCommands('source /dev/fd/3 3<<< one 4<<EOF 3<<< two 5< <(make) < in\nfour\nEOF\n');
    expect([0, 3, 4, 5, 6].map((fd) => inputOn(c, fd))).toEqual([undefined, 'two', 'four\n', undefined, undefined]);
    expect([0, 3, 5].map((fd) => redirectedFrom(argvOf(c), fd))).toEqual(['in', undefined, '<(make)']);
    expect(['/dev/stdin', '-', '/dev/fd/0', '/dev/fd/3', '/proc/self/fd/12', '/dev/fd/x', 'fd/3'].map(descriptorOf)).toEqual([0, 0, 0, 3, 12, undefined, undefined]);
    // (procfs takes no leading zero: bash 5.2 and curl 7.88 run, `> /dev/fd/01` and `source /dev/fd/03` find no file)
    expect(['/dev/fd/01', '/proc/self/fd/03', '/dev/fd/00', '/dev/fd/10'].map(descriptorOf)).toEqual([undefined, undefined, undefined, 10]);
    const sinks = (script: string) => variablesRunAsCode(script, new Set(['X'])).map((x) => x.line);
    expect(sinks('curl -fsSL -o /dev/fd/01 "$X" | sh\nsource /dev/fd/03 3< <(curl -fsSL "$X")\n')).toEqual([]);
    expect(sinks('curl -fsSL -o /dev/fd/1 "$X" | sh\nsource /dev/fd/3 3< <(curl -fsSL "$X")\n'))
      .toEqual(['curl -fsSL -o /dev/fd/1 "$X" | sh', 'source /dev/fd/3 3< <(curl -fsSL "$X")']);
    expect(shellCodeOf(c)).toBe('two');
    expect(shellCodeOf(simpleCommands('bash /dev/fd/3 4<<< x\n')[0])).toBeUndefined();
  });

  test('`{name}` names a descriptor only written right before the operator, unquoted; with a blank or quotes it is an argument', () => {
    expect(argvs('{a}>out echo x\n{a} >out echo x\n"{a}">out echo x').map(withoutRedirections)).toEqual([['echo', 'x'], ['{a}', 'echo', 'x'], ['{a}', 'echo', 'x']]);
    const [glued, spaced, quoted] = simpleCommands('cat {fd}<<< one\ncat {fd} <<< one\ncat "{fd}"<<< one\n');
    expect([glued, spaced, quoted].map((c) => inputOn(c, 0))).toEqual([undefined, 'one', 'one']);
    expect(inputOn(glued, descriptorOf('/dev/fd/$fd')!)).toBe('one');
    expect(inputOn(spaced, descriptorOf('/dev/fd/$fd')!)).toBeUndefined();
    // a heredoc's too
    const [heredoc] = simpleCommands('source /dev/fd/$h {h}<<EOF\ntwo\nEOF\n');
    expect([inputOn(heredoc, 0), inputOn(heredoc, descriptorOf('/dev/fd/$h')!), shellCodeOf(heredoc)]).toEqual([undefined, 'two\n', 'two\n']);
  });

  test('the command whose output reaches the end of a pipe, through tee and cat given no file', () => {
    const commands = simpleCommands('echo a | tee f | cat - | sh\n');
    expect(pipedFrom(commands.slice(0, 3))).toEqual({ printer: commands[0], through: commands.slice(1, 3) });
    const redirected = simpleCommands('echo a | tee f > /dev/null | sh\n');
    expect(pipedFrom(redirected.slice(0, 2))?.printer).toBe(redirected[1]);
    expect(pipedFrom([])).toBeUndefined();
    expect(runCommands('echo \'eval "$X"\' | tee log | sh\n').map(argvOf)).toEqual([['echo', 'eval "$X"'], ['tee', 'log'], ['sh'], ['eval', '$X'], ['$X']]);
  });
});

describe('names of Object.prototype', () => {
  test('a command or word named like a property of every object (`constructor`, `valueOf`, `__proto__` …) is read as any other', () => {
    const names = Object.getOwnPropertyNames(Object.prototype);
    const script = names.map((n) => `${n} x\nif ${n}; then ${n}; fi\nsudo ${n} -c ${n}\nenv -S '${n} ${n}' ${n}`).join('\n');
    expect(argvs(script).length).toBe(names.length * 6);
    expect(runCommands(script).map((c) => runOf(argvOf(c)).program).filter((p) => p === undefined)).toEqual([]);
    expect(runOf(['sudo', 'valueOf', 'x']).program).toBe('valueOf');
    expect(runOf(['env', '-S', 'constructor x']).program).toBe('constructor');
  });
});

describe('code run in a shell the script starts', () => {
  test('the code of `sh -c` (past the shell\'s options), of a heredoc or here-string fed to a shell with no file, and of `eval`; none for a shell given a file', () => {
    const script = "sh -c -e 'make all'\nbash -o pipefail -c -- \"./b.sh\" x\nbash -s <<EOF > log\n./c.sh\nEOF\nsh <<< './d.sh'\neval ./e.sh \"\$X\"\n"
      + 'sh ./f.sh <<EOF\n./no.sh\nEOF\necho <<< ./no.sh\nbash <(./g.sh) <<EOF\n./no.sh\nEOF\nbuiltin eval ./h.sh';
    expect(simpleCommands(script).map(shellCodeOf)).toEqual(['make all', './b.sh', './c.sh\n', './d.sh', './e.sh $X', undefined, undefined, undefined, './h.sh']);
    expect(runCommands(script).map(argvOf).filter(([w]) => w.startsWith('./') || w === 'make')).toEqual([
      ['make', 'all'], ['./b.sh'], ['./c.sh'], ['./d.sh'], ['./e.sh', '$X'], ['./h.sh'],
    ]);
  });
});

describe('runsOf', () => {
  test('each program a wrapper\'s option it does not know makes possible, through sudo too; at most eight', () => {
    expect(runsOf(['nice', '-z', 'echo', 'sudo', '-u', 'ci', 'make']).map((run) => [run.program, run.programIndex])).toEqual([['echo', 2], ['make', 6]]);
    const many = [...Array(5)].flatMap(() => ['nice', '-a', 'sudo', 'sudo']);
    expect(runsOf([...many, 'make']).length).toBe(8);
  });

  test('through sudo and doas, as their grammars read their options: the command, a shell reading its input given none, or nothing', () => {
    const runs = (argv: string[]) => runsOf(argv).map((run) => [run.program, run.programIndex]);
    expect(runs(['sudo', '--us', 'builder', 'make'])).toEqual([['make', 3]]);
    expect(runs(['sudo', '--user=builder', 'make'])).toEqual([['make', 2]]);
    expect(runs(['sudo', '-R', '/sysroot', 'make'])).toEqual([['make', 3]]);
    expect(runs(['sudo', 'FOO=1', '-u', 'b', 'make'])).toEqual([['make', 4]]);
    expect(runs(['sudo', '-D', '/w', 'make'])).toEqual([['make', 3]]);
    expect(runs(['sudo', '-e', 'make'])).toEqual([[undefined, 3]]);
    expect(runs(['sudo', '-l', 'make'])).toEqual([[undefined, 3]]);
    expect(runs(['doas', '-C', '/etc/doas.conf', 'make'])).toEqual([[undefined, 4]]);
    expect(runs(['doas', '-a', 'style', 'make'])).toEqual([['make', 3]]);
    expect(runs(['sudo', '-Z', 'x', 'make'])).toEqual([['x', 2], ['make', 3]]);
    // the shell sudo -s, sudo -i or doas -s starts given no command reads its input
    expect(runs(['sudo', '-s', '-u', 'b'])).toEqual([['sh', 3]]);
    expect(runs(['doas', '-s', '<<EOF'])).toEqual([['sh', 1]]);
    expect(simpleCommands('sudo -iu builder <<EOF\n./build.sh\nEOF\ndoas -s <<< ./x.sh\nsudo -e <<< ./no.sh').map((c) => shellCodesOf(c))).toEqual([
      ['./build.sh\n'], ['./x.sh'], [],
    ]);
  });

  test('the code of `sh -c` of each program a command may run', () => {
    const [command] = simpleCommands("nice -z echo sh -c 'make all'");
    expect([shellCodeOf(command), shellCodesOf(command)]).toEqual(['make all', ['make all']]);
    expect(runCommands("timeout --foo 5 sh -c './x.sh'").map(argvOf)).toEqual([['timeout', '--foo', '5', 'sh', '-c', './x.sh'], ['./x.sh']]);
  });
});

describe('printedBy', () => {
  test('what echo and printf print: echo\'s words as written and with escapes read; printf\'s format filled, repeated while arguments remain', () => {
    expect(printedBy(['echo', '-n', 'make', 'all'])).toEqual(['make all']);
    expect(printedBy(['echo', 'a\\nb\\cc'])).toEqual(['a\\nb\\cc', 'a\nb']);
    expect(printedBy(['printf', '%s %s\\n', 'make', 'all', 'go', 'test'])).toEqual(['make all\ngo test\n']);
    expect(printedBy(['printf', '%b|%s|%%|\\x41\\101', 'a\\tb', 'c\\td'])).toEqual(['a\tb|c\\td|%|AA']);
    expect(printedBy(['timeout', '5', 'echo', 'x'])).toEqual(['x']);
    // nothing reaches a pipe: its output sent to a file, printf -v
    expect(printedBy(['echo', 'x', '>', '/tmp/f'])).toEqual([]);
    expect(printedBy(['echo', 'x', '>>/tmp/f'])).toEqual([]);
    expect(printedBy(['printf', '-v', 'X', 'make'])).toEqual([]);
    // its errors sent elsewhere, or a descriptor duplicated, leave its output piped
    expect(printedBy(['echo', 'x', '2>/dev/null'])).toEqual(['x']);
    expect(printedBy(['cat', 'x'])).toBeUndefined();
    // cat given no file prints its input (a heredoc or here-string)
    expect(printedBy(['cat'], 'make all\n')).toEqual(['make all\n']);
    expect(printedBy(['cat', '-'], 'make all\n')).toEqual(['make all\n']);
    expect(printedBy(['cat', '/opt/x.sh'], 'make all\n')).toBeUndefined();
  });

  test('runCommands reads what echo or printf pipes to a shell as its code, a heredoc on the shell first', () => {
    expect(runCommands("echo './a.sh' | sh\nprintf './b.sh' | bash -s\necho './no.sh' | sh <<EOF\n./c.sh\nEOF\necho './no.sh' | cat").map(argvOf)
      .filter(([w]) => w.startsWith('./'))).toEqual([['./a.sh'], ['./b.sh'], ['./c.sh']]);
  });
});

describe('commandRuns', () => {
  test('an argv, then each command a runner, xargs or find -exec of it runs, and theirs, through wrappers and sudo; each with its programs', () => {
    const commands = (argv: string[]) => commandRuns(argv).map((c) => [c.argv.join(' '), c.runs.map((run) => run.program)]);
    expect(commands(['timeout', '9', 'flock', '/l', 'sudo', '-u', 'b', 'watch', '-x', 'make', 'all'])).toEqual([
      ['timeout 9 flock /l sudo -u b watch -x make all', ['flock']],
      ['sudo -u b watch -x make all', ['watch']],
      ['make all', ['make']],
    ]);
    expect(commands(['watch', '-n', '5', 'make all'])).toEqual([['watch -n 5 make all', ['watch']], ['sh -c make all', ['sh']]]);
    expect(commands(['find', '.', '-exec', 'a', '{}', ';', '-execdir', 'b', '+'])).toEqual([['find . -exec a {} ; -execdir b +', ['find']], ['a {}', ['a']], ['b', ['b']]]);
    expect(commands(['xargs', '-n', '1', 'make'])).toEqual([['xargs -n 1 make', ['xargs']], ['make', ['make']]]);
    // a runner option it does not know is read both ways: each command it may run
    expect(commands(['watch', '-x', '--new', 'x', 'make'])).toEqual([['watch -x --new x make', ['watch']], ['make', ['make']], ['x make', ['x']]]);
    // three runners deep at most (the fourth's command is not read), and sixteen commands
    expect(commands(['flock', '/a', 'flock', '/b', 'flock', '/c', 'flock', '/d', 'make']).map(([argv]) => argv).at(-1)).toBe('flock /d make');
    expect(commandRuns(['parallel', 'flock', '/l', 'x', ':::', ...[...Array(40)].map((_, k) => `a${k}`)]).length).toBeLessThanOrEqual(16);
  });

  test('each argv is read by its words alone, whatever was read before: a prefix, the same text split otherwise, a changed array', () => {
    const programs = (argv: string[]) => commandRuns(argv).map((c) => [c.argv, c.runs.map((run) => run.program)]);
    const flockMake = [[['flock', '/l', 'make', 'all'], ['flock']], [['make', 'all'], ['make']]];
    // an argv read before one it begins (and the other way round) gives its own reading
    expect(programs(['flock'])).toEqual([[['flock'], ['flock']]]);
    expect(programs(['flock', '/l', 'make', 'all'])).toEqual(flockMake);
    expect(programs(['flock'])).toEqual([[['flock'], ['flock']]]);
    expect(programs([])).toEqual([[[], [undefined]]]);
    // the same text in other words: `flock /l 'make all'` runs a program named `make all`
    expect(programs(['flock', '/l', 'make all'])).toEqual([[['flock', '/l', 'make all'], ['flock']], [['make all'], ['make all']]]);
    // the caller's array changed after, or the list returned: the next reading is unchanged
    const argv = ['flock', '/l', 'make'];
    const first = commandRuns(argv);
    argv[2] = 'cosign';
    first.pop();
    expect(programs(['flock', '/l', 'make'])).toEqual([[['flock', '/l', 'make'], ['flock']], [['make'], ['make']]]);
    expect(programs(argv)).toEqual([[['flock', '/l', 'cosign'], ['flock']], [['cosign'], ['cosign']]]);
    // past the 10,000 argvs kept (what was kept is dropped), each still read as itself
    for (let k = 0; k < 10_050; k++) expect(commandRuns(['flock', '/l', `tool${k}`])[1].runs[0].program).toBe(`tool${k}`);
    expect(programs(['flock', '/l', 'make', 'all'])).toEqual(flockMake);
    expect(programs([])).toEqual([[[], [undefined]]]);
  });

  test("bash's arithmetic and conditional commands run no program, to any reader of a command's programs", () => {
    const programs = (script: string) => simpleCommands(script)
      .map((c) => [compoundCommand(c), commandRunsOf(c).flatMap((r) => r.runs.map((run) => run.program))]);
    expect(programs('(( $N > 1 )) && echo many')).toEqual([[true, [undefined]], [false, ['echo']]]);
    expect(programs('if (( a[$X] )); then :; fi')).toEqual([[true, [undefined]], [false, [':']], [false, ['fi']]]);
    expect(programs('[[ $X == y ]] || exit 1')).toEqual([[true, [undefined]], [false, ['exit']]]);
    // quoted, `[[` and `((…))` are words: the program of that name
    expect(programs('"[[" $X ]]\n"((a))" x')).toEqual([[false, ['[[']], [false, ['((a))']]]);
    // `for ((…))`'s arithmetic is no command's first word; a variable's value is
    expect(programs('$N x')).toEqual([[false, ['$N']]]);
    expect(simpleCommands('(( $N > 1 )) && sh -c "$X"').flatMap((c) => shellCodesOf(c))).toEqual(['$X']);
  });

  test('the code of a shell a runner starts is code the command runs', () => {
    expect(runCommands("flock /l sh -c './a.sh'\nwatch './b.sh'\nsu -c ./c.sh nobody\nxargs sh -c './d.sh'").map(argvOf).filter(([w]) => w.startsWith('./')))
      .toEqual([['./a.sh'], ['./b.sh'], ['./c.sh'], ['./d.sh']]);
  });
});

describe('substitutions', () => {
  test('the code of each command substitution and process substitution, not of arithmetic nor in single quotes', () => {
    const [command] = simpleCommands('V=$(./v.sh $(./x.sh)) make `./y.sh \\`z\\`` "$(a)" \'$(b)\' $((1+2)) <(./gen) >(tee log)');
    expect(command.substitutions).toEqual(['./v.sh $(./x.sh)', './y.sh `z`', 'a', './gen', 'tee log']);
    expect(substitutedCommands(command).map((c) => c.line)).toEqual(['./v.sh $(./x.sh)', './x.sh', './y.sh `z`', 'z', 'a', './gen', 'tee log']);
  });

  test('a substitution over lines, with quotes, parentheses and a comment holding `)`, is one word', () => {
    const [command] = simpleCommands('X=$(\n  case a in (a) echo ")";; esac # not )\n  ./run.sh\n) next');
    expect(argvOf(command)).toEqual(['X=$(\n  case a in (a) echo ")";; esac # not )\n  ./run.sh\n)', 'next']);
    expect(substitutedCommands(command).map(argvOf)).toEqual([['case', 'a', 'in'], ['echo', ')'], ['esac'], ['./run.sh']]);
  });
});

describe('properties', () => {
  const pieces = ['a', ' ', '\n', '\t', "'", '"', '\\', '$', '(', ')', '{', '}', '`', '<<', '<<-', 'EOF', '#', '|', '&', ';', '=', 'A=', '$(', '${', '<(', "$'",
    '$[', ']', 'for ((', 'function f ', 'coproc ', '<<<', '>', 'sh ', 'eval ', '-c ', '\r', 'case ', ' in ', 'esac', ';;', '\\x6d', ','];
  const script = fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((p) => p.join(''));

  test('reading ends and never throws, whatever the text; and every command it gives has a word', () => {
    fc.assert(fc.property(fc.oneof(script, fc.string({ unit: 'binary', maxLength: 80 })), (text) => {
      for (const command of simpleCommands(text)) {
        expect(command.words.length).toBeGreaterThan(0);
        substitutedCommands(command);
        standardInput(command);
      }
      runCommands(text);
    }), { numRuns: 5000 });
  });

  test('commands of quoted words joined by operators come back as those commands, piped where `|` joins them, unconditional where `;` or a newline does', () => {
    const single = (w: string) => `'${w.replace(/'/g, "'\\''")}'`;
    const command = fc.array(fc.string({ unit: 'binary', maxLength: 8 }), { minLength: 1, maxLength: 4 });
    const operator = fc.constantFrom(';', '\n', '&&', '||', '|', '&', '|&');
    fc.assert(fc.property(command, fc.array(fc.tuple(operator, command), { maxLength: 5 }), (first, rest) => {
      const text = [first.map(single).join(' '), ...rest.map(([op, ws]) => ` ${op} ${ws.map(single).join(' ')}`)].join('');
      const ops = [';', ...rest.map(([op]) => op), ';'];
      expect(simpleCommands(text).map((c) => [argvOf(c), c.pipe, c.unconditional])).toEqual([first, ...rest.map(([, ws]) => ws)].map((ws, k) => [
        ws, ops[k + 1] === '|' || ops[k + 1] === '|&',
        [';', '\n', '&'].includes(ops[k]) && !['|', '|&', '&'].includes(ops[k + 1]),
      ]));
    }), { numRuns: 2000 });
  });

  test('the words of a command built from quoted strings come back as those strings, literal', () => {
    const single = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;
    const double = (s: string) => `"${s.replace(/[\\"$`]/g, '\\$&')}"`;
    fc.assert(fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 20 }), { maxLength: 6 }), fc.boolean(), (strings, useDouble) => {
      const [command] = simpleCommands(['cmd', ...strings.map(useDouble ? double : single)].join(' '));
      expect(command.words).toEqual([{ text: 'cmd', literal: true }, ...strings.map((text) => ({ text, literal: true }))]);
    }), { numRuns: 3000 });
  });
});

describe('scope', () => {
  /** Each command's first word, with its scope as kind:branch (c: a condition, e: the branch that runs when no other does) and whether it is sequential. */
  const scopes = (script: string) => simpleCommands(script).map((c) => [
    c.words[0]?.text,
    c.scope.map((s) => `${s.kind}:${s.branch}${s.condition ? 'c' : ''}${s.otherwise ? 'e' : ''}`).join(' '),
    c.sequential,
  ]);

  test("an if's conditions and branches, a case's header and items, other compound commands and subshells", () => {
    expect(scopes('a\nif b; then c; elif d; then e && f; else g | h; fi\ncase $x in\n  p) i ;;\n  *) j ;;\nesac\nwhile k; do l; done\n(m)\n')).toEqual([
      ['a', '', true],
      ['b', 'if:0c', true],
      ['c', 'if:1', true],
      ['d', 'if:2c', true],
      ['e', 'if:3', true],
      ['f', 'if:3', false],
      // piped: it runs in a subshell of its own
      ['g', 'if:4e', false],
      ['h', 'if:4e', false],
      ['fi', '', true],
      ['case', 'case:0c', true],
      ['i', 'case:1', true],
      ['j', 'case:2e', true],
      ['esac', '', true],
      ['k', 'loop:0', true],
      ['l', 'loop:0', true],
      ['done', '', true],
      ['m', 'other:0', true],
    ]);
  });

  test('nested: each compound command around a command, outermost first, each with an id of its own', () => {
    const [inner] = simpleCommands('if a; then\n  for x in y; do\n    case $x in\n      (*) b ;;\n    esac\n  done\nfi\n').filter((c) => c.words[0]?.text === 'b');
    expect(inner.scope.map((s) => [s.kind, s.branch, s.otherwise])).toEqual([['if', 1, false], ['loop', 0, false], ['case', 1, true]]);
    expect(new Set(inner.scope.map((s) => s.id)).size).toBe(3);
  });

  test('a case item after one that ends with ;& or ;;& may continue from it', () => {
    const items = simpleCommands('case $x in\n  a) b ;&\n  c) d ;;&\n  e) f ;;\n  g) h ;;\nesac\n').filter((c) => c.scope.length > 0 && !c.scope[0].condition);
    expect(items.map((c) => [c.words[0].text, c.scope[0].continued])).toEqual([['b', false], ['d', true], ['f', true], ['h', false]]);
  });

  test('the operator before a command, a `!` before it, and a group in the script\'s own shell (not a subshell)', () => {
    const read = simpleCommands('a && b || ! c | d\nif ! e; then f; fi\ng || { h; i; }\nj || ( k )\n').filter((c) => !/^(fi|})$/.test(c.words[0].text));
    expect(read.map((c) => [c.words[0].text, c.after, c.negated, c.scope.map((s) => s.group).join(' ')])).toEqual([
      ['a', ';', false, ''], ['b', '&&', false, ''], ['c', '||', true, ''], ['d', '|', false, ''], ['e', ';', true, 'false'], ['f', ';', false, 'false'],
      ['g', ';', false, ''], ['h', '||', false, 'true'], ['i', ';', false, 'true'], ['j', ';', false, ''], ['k', '||', false, 'false'],
    ]);
  });

  test("a function's body: the compound command its definition opens, named by the function; a group after a call is none", () => {
    const bodies = (script: string) => simpleCommands(script).filter((c) => c.words[0]?.text === 'x').map((c) => c.scope.map((s) => s.function ?? '-').join(' '));
    expect(bodies('f() { x; }\nf\n{ x; }\nf; { x; }\n')).toEqual(['f', '-', '-']);
    expect(bodies('f ( )\n{\n  x\n}\nfunction g { x; }\nfunction h() ( x )\nfunction i\n{ { x; }; }\nj() if true; then x; fi\n')).toEqual(['f', 'g', 'h', 'i -', 'j']);
    expect(bodies('g() { h() { x; }; x; }\n( f ) { x; }\nfunction\n{ x; }\n')).toEqual(['g h', 'g', '-', '-']);
  });

  test("shellCommandString: the code of a shell's -c, read by its options as the shell reads them", () => {
    const code = (...argv: string[]) => shellCommandString(argv, runOf(argv));
    expect([
      code('sh', '-c', 'make all'), code('bash', '-e', '-c', 'make all'), code('bash', '-o', 'pipefail', '-c', 'make all'),
      code('sh', '-c', '--', 'make all'), code('bash', '-ec', 'make all', 'name'), code('timeout', '5m', 'bash', '+o', 'posix', '-c', 'make all'),
    ]).toEqual(['make all', 'make all', 'make all', 'make all', 'make all', 'make all']);
    // no -c (a file and its arguments), -c without code, and a program that is not a POSIX-like shell
    expect([code('sh', '-e', 'deploy.sh', '-c'), code('bash', '-c'), code('python3', '-c', 'print(1)'), code('fish', '-c', 'make')])
      .toEqual([undefined, undefined, undefined, undefined]);
  });

  test('withoutRedirections: the arguments a program gets, past redirections (an operator alone takes the next word)', () => {
    expect(simpleCommands('kubectl>/tmp/out apply 2>&1 -f - < in.yaml <<<word --x <<EOF\nbody\nEOF').map((c) => withoutRedirections(argvOf(c))))
      .toEqual([['kubectl', 'apply', '-f', '-', '--x']]);
    // a process substitution is an argument (a file's name)
    expect(withoutRedirections(['kubectl', 'apply', '-f', '<(cat x)', '>', 'log'])).toEqual(['kubectl', 'apply', '-f', '<(cat x)']);
  });

  test('splitAssignments: the assignments a command begins with (its environment), and its program and arguments', () => {
    expect(splitAssignments(['KUBECONFIG=/tmp/k', 'A+=x', 'kubectl', 'apply', 'B=c'])).toEqual({
      assignments: [{ name: 'KUBECONFIG', value: '/tmp/k' }, { name: 'A', value: '${A}x' }], argv: ['kubectl', 'apply', 'B=c'],
    });
    // NAME+=VALUE: the value appended to what the variable held (bash 5.2 run: `A=1; A+=x B+=:y; echo "$A $B"` printed `1x :y`)
    expect(splitAssignments(['PATH+=:/x', 'A[1]+=y', 'make']).assignments).toEqual([{ name: 'PATH', value: '$PATH:/x' }, { name: 'A', value: '${A[1]}y' }]);
    // one word: a variable's name and value, none for an array element or another word
    expect(['LD_PRELOAD+= /w/x.so', 'A=b=c', 'A[0]=x', 'make', '=x'].map(variableAssignment))
      .toEqual([{ name: 'LD_PRELOAD', value: '$LD_PRELOAD /w/x.so' }, { name: 'A', value: 'b=c' }, undefined, undefined, undefined]);
    expect(splitAssignments(['F=x'])).toEqual({ assignments: [{ name: 'F', value: 'x' }], argv: [] });
    expect(splitAssignments(['=x', 'kubectl'])).toEqual({ assignments: [], argv: ['=x', 'kubectl'] });
  });

  test("trap's code is code the shell runs (on the signal, EXIT at the latest); trap -, -p and -l run none", () => {
    expect(simpleCommands("trap 'rm -rf /tmp/x' EXIT INT\ntrap -- 'make clean' ERR\ntrap - EXIT\ntrap -p\ntrap -l\ntrap EXIT").map((c) => shellCodesOf(c)))
      .toEqual([['rm -rf /tmp/x'], ['make clean'], [], [], [], []]);
  });
});

describe('variables a script runs as code', () => {
  test('the variables a word expands: $X, ${X}, ${X:-d}, inside a command substitution; not a literal word, ${#X} or ${!X}', () => {
    const [command] = simpleCommands('cmd "$A" ${B} ${C:-d} "$(echo "$D")" \'$E\' ${#F} ${!G} x$H$I $1');
    expect(command.words.map(expandedVariables)).toEqual([[], ['A'], ['B'], ['C'], ['D'], [], [], [], ['H', 'I'], []]);
    // ${X:+word} and ${X+word} give the word or nothing, never X's value: the word's own variables alone
    const [alternative] = simpleCommands('cmd "${J:+-v}" ${K+$L} ${KM:-x} ${N:=$P}');
    expect(alternative.words.map(expandedVariables)).toEqual([[], [], ['L'], ['KM'], ['N', 'P']]);
  });

  test('each sink: eval, the code of sh -c or python -c, the program, source, a shell\'s input; through assignments; once each', () => {
    const sinks = (script: string) => variablesRunAsCode(script, new Set(['X'])).map((s) => [s.variable, s.line, s.how]);
    expect(sinks('eval "$X"')).toEqual([['X', 'eval "$X"', 'eval runs its words as code']]);
    // the code a command runs is the value itself: what that code does with it (`$X`, the program) is the same sink
    expect(sinks('find . -exec sh -c "$X" \\;')).toEqual([['X', 'find . -exec sh -c "$X" \\;', 'it is the code of sh -c']]);
    expect(sinks('trap "$X" EXIT')).toEqual([['X', 'trap "$X" EXIT', 'trap runs it as code on the signals it names']]);
    expect(sinks('sh -c "sh -c \\"\\$X\\""')).toEqual([['X', 'sh -c "$X"', 'it is the code of sh -c']]);
    // another command that runs it is another sink
    expect(sinks('sh -c "$X"\n$X')).toEqual([['X', 'sh -c "$X"', 'it is the code of sh -c'], ['X', '$X', 'it chooses the program the command runs']]);
    expect(sinks('env -i bash -o pipefail -c "$X"')[0]).toEqual(['X', 'env -i bash -o pipefail -c "$X"', 'it is the code of bash -c']);
    expect(sinks('python3 -I -c "$X"')).toEqual([['X', 'python3 -I -c "$X"', 'it is the code of python3 -c']]);
    expect(sinks('python3 -c"$X"')).toEqual([['X', 'python3 -c"$X"', 'it is the code of python3 -c']]);
    expect(sinks('node --eval="$X"')).toEqual([['X', 'node --eval="$X"', 'it is the code of node --eval=']]);
    expect(sinks('php -r "$X"')).toEqual([['X', 'php -r "$X"', 'it is the code of php -r']]);
    // source's first operand names the file it runs: the value chooses which; a process substitution's output is the code itself
    const chosenFile = (name: string) => `it names the file ${name} runs as shell code, so the value chooses which file runs (any the container can read: /dev/stdin, a file in a workspace)`;
    expect(sinks('. "$X"')).toEqual([['X', '. "$X"', chosenFile('.')]]);
    expect(sinks('source -- "$X"')).toEqual([['X', 'source -- "$X"', chosenFile('source')]]);
    expect(sinks('source <(echo "$X")')).toEqual([['X', 'source <(echo "$X")', 'source reads it as code']]);
    // the later operands are the file's positional parameters: data, as a script's arguments are
    expect(sinks('source ./lib.sh "$X"')).toEqual([]);
    // so does the file a shell or an interpreter given no code runs (as such a value in `args` is code), or a word before it (an option
    // there, `-c`, `-e`, `--require`, gives it other code)
    const runFile = (name: string) => `it names the file ${name} runs as code, so the value chooses which file runs (any the container can read: /dev/stdin, a file in a workspace)`;
    for (const [line, name] of [['bash "$X"', 'bash'], ['sh -e -o pipefail "$X"', 'sh'], ['python3 -u "$X" --flag', 'python3'], ['node "scripts/$X.js"', 'node'],
      ['bun "$X"', 'bun'], ['bun --bun run "$X"', 'bun'], ['perl -w -- "$X"', 'perl'], ['timeout 60 ruby "$X"', 'ruby']]) {
      expect(sinks(line)).toEqual([['X', line, runFile(name)]]);
    }
    expect(sinks('node -r "$X" app.js')).toEqual([['X', 'node -r "$X" app.js',
      'it is an argument of node before the file it runs, where the value may be an option that gives it other code to run (-c, -e, a module to load) or moves the file']]);
    expect(sinks('bash --rcfile "$X" -i')).toEqual([['X', 'bash --rcfile "$X" -i',
      'it is an argument of bash before the file it runs, where the value may be an option that gives it other code to run (-c, --rcfile) or moves the file']]);
    // not the file's arguments, a shell's positional parameters (`-s`), bun's other sub-commands
    for (const script of ['bash ./run.sh "$X"', 'python3 build.py "$X"', 'bash -s "$X"', 'sh -s -- "$X"', 'bun install "$X"', 'bun run build "$X"', 'bun x cowsay "$X"']) {
      expect([script, sinks(script)]).toEqual([script, []]);
    }
    expect(sinks('printf \'%s\\n\' "$X" | bash')[0]).toEqual(['X', 'printf \'%s\\n\' "$X" | bash', 'bash reads it as code from what printf pipes to it']);
    expect(sinks('A=$X\nB=$A\n$B')).toEqual([['B', '$B', 'it chooses the program the command runs']]);
    expect(variablesRunAsCode('A=$X\n$A', new Set(['X']))).toEqual([{ origin: 'X', variable: 'A', line: '$A', how: 'it chooses the program the command runs' }]);
    // data: arguments, sh -c's positional parameters, a script file's arguments, single quotes, a quoted heredoc, an array's elements
    for (const script of [
      'echo "$X"', 'sh -c \'cmd "$1"\' _ "$X"', 'python3 run.py -c "$X"', 'perl script.pl -e "$X"', "eval 'echo \"$X\"'", "sh <<'E'\necho \"$X\"\nE",
      'C=(tool "$X")\n"${C[@]}"', 'x=$(<"$X")', 'echo "$X" > f | sh', 'node -- -e "$X"',
    ]) {
      expect([script, sinks(script)]).toEqual([script, []]);
    }
    expect(variablesRunAsCode('eval "$X"', new Set())).toEqual([]);
  });

  /** The first sink of each variable of a script that runs X: the variable as written, the command, how. */
  const first = (script: string) => variablesRunAsCode(script, new Set(['X'])).map((s) => [s.variable, s.line, s.how])[0];

  test('the positional parameters a value is passed as: after sh -c CODE NAME and to sh -s, by set --, to a function of the script', () => {
    expect(first('sh -c \'eval "$1"\' _ "$X"')).toEqual(['$1', 'eval "$1"', 'eval runs its words as code']);
    expect(first('bash -c \'$1\' x "$X"')).toEqual(['$1', '$1', 'it chooses the program the command runs']);
    expect(first('sh -c \'sh -c "$0"\' "$X"')).toEqual(['$0', 'sh -c "$0"', 'it is the code of sh -c']);
    expect(first('sh -s -- "$X" <<\'EOF\'\neval "$1"\nEOF')).toEqual(['$1', 'eval "$1"', 'eval runs its words as code']);
    expect(first('set -e -- "$X"; eval "$1"')).toEqual(['$1', 'eval "$1"', 'eval runs its words as code']);
    expect(first('set -- $X\n$*')).toEqual(['$*', '$*', 'it chooses the program the command runs']);
    expect(first('f() { eval "$1"; }\nf "$X"')).toEqual(['$1', 'eval "$1"', 'eval runs its words as code']);
    expect(first('function g {\n  { echo run; } >&2\n  sh -c "${1}"\n}\ng "$X"')).toEqual(['$1', 'sh -c "$1"', 'it is the code of sh -c']);
    expect(first('run() { local c="$2"; $c; }\nrun a "$X"')).toEqual(['c', '$c', 'it chooses the program the command runs']);
    // eval runs the text `$1`: the value chooses the program
    expect(first("f() { eval '$1'; }\nf \"$X\"")).toEqual(['$1', '$1', 'it chooses the program the command runs']);
    // after a shift that runs once whatever ran before, $1 is the call's second argument
    expect(first('f() { shift; eval "$1"; }\nf "$X" b')).toBeUndefined();
    expect(first('f() { shift; eval "$1"; }\nf b "$X"')).toEqual(['$1', 'eval "$1"', 'eval runs its words as code']);
    expect(first('f() { [ -n "$2" ] && shift; eval "$1"; }\nf "$X" b')).toEqual(['$1', 'eval "$1"', 'eval runs its words as code']);
    // "$@" holds the arguments past those the shifts moved out; $0 is none of them
    expect(first('f() { shift; eval "$@"; }\nf "$X" b')).toBeUndefined();
    expect(first('sh -c \'eval "$@"\' "$X"')).toBeUndefined();
    expect(first('f() { shift; eval "$@"; }\nf b "$X"')).toEqual(['$@', 'eval "$@"', 'eval runs its words as code']);
    // `${@:N}` from the N-th on, past the shifts (`${@:0}` with $0: bash 5.2)
    expect(first('f() { eval "${@:2}"; }\nf "$X" b')).toBeUndefined();
    expect(first('f() { shift; eval "${@:2}"; }\nf a "$X" c')).toBeUndefined();
    expect(first('f() { shift; eval "${@:2}"; }\nf a b "$X"')).toEqual(['$@', 'eval "${@:2}"', 'eval runs its words as code']);
    expect(first('sh -c \'eval "${@:0}"\' "$X"')).toEqual(['$@', 'eval "${@:0}"', 'eval runs its words as code']);
    // where a shift may not run, or runs in a loop, any may be left
    expect(first('f() { [ -n "$2" ] && shift; eval "$@"; }\nf "$X" b')).toEqual(['$@', 'eval "$@"', 'eval runs its words as code']);
    expect(first('f() { while [ $# -gt 1 ]; do shift; done; eval "$@"; }\nf "$X" b')).toEqual(['$@', 'eval "$@"', 'eval runs its words as code']);
    // a $N before the first shift, outside a loop, is the call's N-th argument (kubeflow/kfp-tekton .tekton/task.yaml's retry):
    // here max is 3; after a shift that may not run, or in a loop that shifts, $1 may be any argument
    expect(first('retry() {\n  local max=$1; shift\n  local interval=$1; shift\n  until "$@"; do\n    max=$((max-1))\n    sleep "$interval"\n  done\n}\nretry 3 3 login --apikey "${X}"')).toBeUndefined();
    expect(first('f() { shift; m=$1; echo $((m-1)); }\nf 3 "$X"')).toEqual(['m', 'echo $((m-1))', expect.stringMatching(/arithmetic/)]);
    expect(first('f() {\n  while [ $# -gt 0 ]; do\n    m=$1\n    shift\n    echo $((m-1))\n  done\n}\nf 3 "$X"')).toEqual(['m', 'echo $((m-1))', expect.stringMatching(/arithmetic/)]);
    expect(first('f() { for a; do $a; done; }\nf "$X"')).toEqual(['a', '$a', 'it chooses the program the command runs']);
    // "$@" runs $1 as the program: a value in a later position is an argument
    expect(first('f() { "$@"; }\nf "$X"')).toEqual(['$@', '"$@"', 'it chooses the program the command runs']);
    expect(first('f() { eval "$@"; }\nf echo "$X"')).toEqual(['$@', 'eval "$@"', 'eval runs its words as code']);
    // and the call's words after the name are the command it runs (git 2.39 run here: --upload-pack=CMD runs CMD; after --, none)
    expect(first('f() { "$@"; }\nf git fetch "$X"'))
      .toEqual(['X', 'git fetch "$X"', 'git fetch reads a value starting with --upload-pack= (or --receive-pack=) there as that option, whose command it runs']);
    for (const script of [
      'f() { "$@"; }\nf git fetch -- "$X"', 'sh -c \'echo "$1"\' _ "$X"', 'f() { eval "$2"; }\nf "$X" b', 'f() { eval "$1"; }\nf a', 'set -- "$X"; echo "$1"',
      'sh -c \'eval "$1"\' _ fixed "$X"',
    ]) {
      expect([script, first(script)]).toEqual([script, undefined]);
    }
  });

  test('the script\'s own positional parameters that hold a value, each named by its origin', () => {
    const given = (script: string, parameters: Map<number, string>) => variablesRunAsCode(script, new Set(), parameters)
      .map((s) => [s.origin, s.variable, s.line, s.how]);
    expect(given('eval "$1"', new Map([[1, 'args[0]']]))).toEqual([['args[0]', '$1', 'eval "$1"', 'eval runs its words as code']]);
    expect(given('f() { sh -c "$1"; }\nf "$2"', new Map([[2, 'args[1]']]))[0]).toEqual(['args[1]', '$1', 'sh -c "$1"', 'it is the code of sh -c']);
    expect(given('echo "$1"; eval "$2"', new Map([[1, 'args[0]']]))).toEqual([]);
    expect(given('eval "$X"', new Map([[1, 'args[0]']]))).toEqual([]);
    // a function's $1 is its call's: the script's reaches it only when the call passes it
    expect(given('f() { eval "$1"; }\nf fixed', new Map([[1, 'args[0]']]))).toEqual([]);
    expect(given('f() { eval "$1"; }\nf "$1"', new Map([[1, 'args[0]']]))[0]).toEqual(['args[0]', '$1', 'eval "$1"', 'eval runs its words as code']);
    // getopts with no ARG parses the positional parameters (bash 5.2 and dash: `getopts b: O` given -b CODE gives OPTARG CODE)
    expect(given('while getopts "ab:" opt; do eval "$OPTARG"; done', new Map([[2, 'args[1]']])))
      .toEqual([['args[1]', 'OPTARG', 'eval "$OPTARG"', 'eval runs its words as code']]);
    expect(given('getopts :b: opt && sh -c "$OPTARG"', new Map([[1, 'args[0]']]))).toEqual([['args[0]', 'OPTARG', 'sh -c "$OPTARG"', 'it is the code of sh -c']]);
    expect(given('getopts b: opt; eval "$OPTARG"', new Map())).toEqual([]);
    expect(given('getopts b: opt -b fixed; eval "$OPTARG"', new Map([[1, 'args[0]']]))).toEqual([]);
  });

  test('read, mapfile, for, a nameref and ${!NAME} give the value on', () => {
    expect(first('read -r CMD <<< "$X"; $CMD')).toEqual(['CMD', '$CMD', 'it chooses the program the command runs']);
    expect(first('printf \'%s\' "$X" | while read l; do eval "$l"; done')).toEqual(['l', 'eval "$l"', 'eval runs its words as code']);
    expect(first('echo "$X" | tr , " " | read -ra PARTS\n"${PARTS[@]}"')).toEqual(['PARTS', '"${PARTS[@]}"', 'it chooses the program the command runs']);
    expect(first('mapfile -t L <<EOF\n$X\nEOF\nsh -c "${L[0]}"')).toEqual(['L', 'sh -c "${L[0]}"', 'it is the code of sh -c']);
    expect(first('read <<< "$X"; eval "$REPLY"')).toEqual(['REPLY', 'eval "$REPLY"', 'eval runs its words as code']);
    expect(first('for c in a "$X"; do eval "$c"; done')).toEqual(['c', 'eval "$c"', 'eval runs its words as code']);
    expect(first('declare -n R=X\neval "$R"')).toEqual(['R', 'eval "$R"', 'eval runs its words as code']);
    expect(first('P=X\neval "${!P}"')).toEqual(['X', 'eval "${!P}"', 'eval runs its words as code']);
    // a function's ${!N}, every call passing a literal name there: that name (not a sh -c's code in the body, whose $1 is its own)
    expect(first('f() { eval "${!1}"; }; f HOME; f X')).toEqual(['X', 'eval "${!1}"', 'eval runs its words as code']);
    expect(first('f() { shift; eval "${!1}"; }; f HOME Y')).toEqual(['${!1}', 'eval "${!1}"', 'eval runs its words as code']);
    expect(first('f() { eval "${!1}"; }; time f HOME')).toEqual(['${!1}', 'eval "${!1}"', 'eval runs its words as code']);
    expect(first('f() { sh -c \'eval "${!1}"\' _ X; }; f HOME')).toEqual(['${!1}', 'eval "${!1}"', 'eval runs its words as code']);
    expect(first('f() { eval "${!1}"; }; f HOME; f Y')).toBeUndefined();
    // printf -v assigns what it would print; what a nameref is given, its target is given
    expect(first('printf -v V \'%s\' "$X"; eval "$V"')).toEqual(['V', 'eval "$V"', 'eval runs its words as code']);
    expect(first('printf -vV -- "$X"\nsh -c "$V"')).toEqual(['V', 'sh -c "$V"', 'it is the code of sh -c']);
    expect(first('declare -n R=N\nR="$X"\neval "$N"')).toEqual(['N', 'eval "$N"', 'eval runs its words as code']);
    expect(first('R="$X"\nlocal -n R=N\neval "$N"')).toEqual(['N', 'eval "$N"', 'eval runs its words as code']);
    expect(first('declare -n R=N\nread -r R <<< "$X"\n$N')).toEqual(['N', '$N', 'it chooses the program the command runs']);
    expect(first('typeset -n R=N\nprintf -v R %s "$X"\n$N')).toEqual(['N', '$N', 'it chooses the program the command runs']);
    // a loop or group whose closing word is given the input: what read reads in it
    expect(first('while read -r l; do eval "$l"; done <<< "$X"')).toEqual(['l', 'eval "$l"', 'eval runs its words as code']);
    expect(first('while IFS= read -r l; do\n  sh -c "$l"\ndone <<EOF\n$X\nEOF')).toEqual(['l', 'sh -c "$l"', 'it is the code of sh -c']);
    expect(first('while read -r l; do $l; done < <(echo "$X")')).toEqual(['l', '$l', 'it chooses the program the command runs']);
    expect(first('{ read -r a; } <<< "$X"\n$a')).toEqual(['a', '$a', 'it chooses the program the command runs']);
    expect(first('for f in a; do while read -r l; do eval "$l"; done; done <<< "$X"')).toEqual(['l', 'eval "$l"', 'eval runs its words as code']);
    // `builtin` and `command` run the program itself (bash 5.2); `command -v` only names it
    expect(first('command read -r C <<< "$X"; eval "$C"')).toEqual(['C', 'eval "$C"', 'eval runs its words as code']);
    expect(first('builtin read -r C <<< "$X"; eval "$C"')).toEqual(['C', 'eval "$C"', 'eval runs its words as code']);
    expect(first('command -p -- read -r C <<< "$X"; eval "$C"')).toEqual(['C', 'eval "$C"', 'eval runs its words as code']);
    expect(first('builtin mapfile -t L <<< "$X"; sh -c "${L[0]}"')).toEqual(['L', 'sh -c "${L[0]}"', 'it is the code of sh -c']);
    expect(first('command readarray -t L <<< "$X"; sh -c "${L[0]}"')).toEqual(['L', 'sh -c "${L[0]}"', 'it is the code of sh -c']);
    expect(first('builtin printf -v V \'%s\' "$X"; eval "$V"')).toEqual(['V', 'eval "$V"', 'eval runs its words as code']);
    expect(first('command -v read C <<< "$X"; eval "$C"')).toBeUndefined();
    // `time` runs it in the shell too, `--` ends the words' options; `builtin -x` is a usage error that runs nothing (bash 5.2)
    expect(first('time -p read -r C <<< "$X"; eval "$C"')).toEqual(['C', 'eval "$C"', 'eval runs its words as code']);
    expect(first('builtin -- read -r C <<< "$X"; eval "$C"')).toEqual(['C', 'eval "$C"', 'eval runs its words as code']);
    expect(first('builtin -x read -r C <<< "$X"; eval "$C"')).toBeUndefined();
    // getopts gives OPTARG an option's value from the ARGs it is given (bash and dash), past bash's `--`; NAME only a letter
    expect(first('getopts ab: O -b "$X"; eval "$OPTARG"')).toEqual(['OPTARG', 'eval "$OPTARG"', 'eval runs its words as code']);
    expect(first('while getopts b: O -b"$X"; do sh -c "$OPTARG"; done')).toEqual(['OPTARG', 'sh -c "$OPTARG"', 'it is the code of sh -c']);
    expect(first('builtin getopts -- b: O -b "$X"\n$OPTARG')).toEqual(['OPTARG', '$OPTARG', 'it chooses the program the command runs']);
    // only the ARGs getopts may read as an option's value (bash 5.2 and dash 0.5.12 with X='-becho PWNED', checked): a value not
    // literal where an option may start (`-bCODE`), and every word after it; after `:`, OPTARG is a letter read, any of the value's
    expect(first('while getopts ab: O -a "$X"; do eval "$OPTARG"; done')).toEqual(['OPTARG', 'eval "$OPTARG"', 'eval runs its words as code']);
    expect(first('while getopts ab: O -b -- "$X"; do eval "$OPTARG"; done')).toEqual(['OPTARG', 'eval "$OPTARG"', 'eval runs its words as code']);
    expect(first('while getopts :ab O "$X"; do eval "$OPTARG"; done')).toEqual(['OPTARG', 'eval "$OPTARG"', 'eval runs its words as code']);
    // none after an operand or `--`, where getopts stops; none where no letter takes a value (OPTARG stays unset)
    for (const script of ['while getopts ab: O file "$X"; do eval "$OPTARG"; done', 'while getopts ab: O -- "$X"; do eval "$OPTARG"; done',
      'while getopts ab: O - "$X"; do eval "$OPTARG"; done', 'while getopts ab O "$X"; do eval "$OPTARG"; done', 'getopts ab: O -b lit file "$X"; eval "$OPTARG"']) {
      expect([script, first(script)]).toEqual([script, undefined]);
    }
    for (const script of ['getopts ab: O -b "$X"; eval "$O"', 'getopts ab: O -b fixed; eval "$OPTARG"', 'getopts ab: O; eval "$OPTARG"']) {
      expect([script, first(script)]).toEqual([script, undefined]);
    }
    for (const script of [
      'read -r a <<< "fixed"; $a', 'echo "$X" | while read l; do echo "$l"; done', "read -r a <<'E'\n$X\nE\n$a", 'for c in a b; do eval "$c"; done',
      'P=X\necho "${!P}"', 'P=Y\neval "${!P}"', 'printf -v V %s fixed; eval "$V"', 'printf \'%s\' "$X" >/dev/null; eval "$V"', 'declare -n R=N\nR=fixed\neval "$N"',
      'while read -r l; do eval "$l"; done <<< "fixed"', "while read -r l; do eval \"$l\"; done <<'EOF'\n$X\nEOF", 'while read -r l; do eval "$l"; done < list.txt',
      'while read -r l < list.txt; do eval "$l"; done <<< "$X"',
    ]) {
      expect([script, first(script)]).toEqual([script, undefined]);
    }
  });

  test('a file a command writes the value to that a shell, source, an interpreter or the command word then runs', () => {
    expect(first('echo "$X" > /tmp/s.sh\nsh /tmp/s.sh')).toEqual(['X', 'sh /tmp/s.sh', 'sh runs the file /tmp/s.sh, which `echo "$X" > /tmp/s.sh` writes it to']);
    expect(first('echo "$X" >> s.sh; . ./s.sh')).toEqual(['X', '. ./s.sh', '. runs the file ./s.sh, which `echo "$X" >> s.sh` writes it to']);
    expect(first('printf \'%s\' "$X" > run\nchmod +x run && ./run')).toEqual(['X', './run', 'it runs the file ./run, which `printf \'%s\' "$X" > run` writes it to']);
    expect(first('cat > f <<EOF\n$X\nEOF\nbash -e f')).toEqual(['X', 'bash -e f', 'bash runs the file f, which `cat > f <<EOF` writes it to']);
    expect(first('echo "$X" | tee s.py >/dev/null\npython3 s.py')).toEqual(['X', 'python3 s.py', 'python3 runs the file s.py, which `echo "$X" | tee s.py >/dev/null` writes it to']);
    // what curl or wget downloads from a URL the value names, to a file then run or piped to a shell
    expect(first('curl -fsSL -o /tmp/i.sh "$X"\nbash /tmp/i.sh')).toEqual(['X', 'bash /tmp/i.sh', 'bash runs the file /tmp/i.sh, which `curl -fsSL -o /tmp/i.sh "$X"` writes it to']);
    // (`--` before the URL: without it wget reads a value starting with --execute= as that option, which is reported first)
    expect(first('wget -O i.sh -- "$X" && sh i.sh')).toEqual(['X', 'sh i.sh', 'sh runs the file i.sh, which `wget -O i.sh -- "$X"` writes it to']);
    expect(first('wget -O i.sh "$X" && sh i.sh')).toEqual(['X', 'wget -O i.sh "$X"',
      'wget reads a value starting with --execute= there as that option (it reads options after its operands too), whose command it runs']);
    expect(first('curl -sL "$X" | sh')).toEqual(['X', 'curl -sL "$X" | sh', 'sh reads as code what curl downloads with it (from the URL it names)']);
    expect(first('wget -qO- -- "$X" | bash -s')).toEqual(['X', 'wget -qO- -- "$X" | bash -s', 'bash reads as code what wget downloads with it (from the URL it names)']);
    expect(first('echo "url = $X" | curl -fsSK - | sh')).toEqual(['X', 'echo "url = $X" | curl -fsSK - | sh',
      'sh reads as code what curl downloads with it (from the URLs of the configuration it reads from its input, -fsSK -)']);
    for (const script of [
      'curl -o out.json "$X"; jq . out.json', 'curl -sL https://get.example/i.sh | sh -s -- "$X"', 'curl -sL "$X" -o f | sh', 'wget -- "$X" | sh', 'curl -sL "$X" > /dev/null | sh',
    ]) {
      expect([script, first(script)]).toEqual([script, undefined]);
    }
    for (const script of ['echo "$X" > f; cat f', 'echo "$X" > f; sh g', "cat > f <<'EOF'\n$X\nEOF\ncat f", 'echo fixed > f; sh f']) {
      expect([script, first(script)]).toEqual([script, undefined]);
    }
  });

  test('what xargs reads is appended to its command, or put in place of its replace-string', () => {
    expect(first('echo "$X" | xargs sh -c')).toEqual(['X', 'echo "$X" | xargs sh -c', 'it is the code of sh -c']);
    expect(first('xargs bash -c <<< "$X"')).toEqual(['X', 'xargs bash -c <<< "$X"', 'it is the code of bash -c']);
    expect(first('echo "$X" | xargs -I{} sh -c "echo {}"')).toEqual(['X', 'echo "$X" | xargs -I{} sh -c "echo {}"', 'it is the code of sh -c']);
    expect(first('printf "%s\\n" "$X" | xargs -n1 -I % bash -c "make %"')).toEqual(['X', 'printf "%s\\n" "$X" | xargs -n1 -I % bash -c "make %"', 'it is the code of bash -c']);
    expect(first('echo "$X" | xargs --replace sh -c "run {}"')).toEqual(['X', 'echo "$X" | xargs --replace sh -c "run {}"', 'it is the code of sh -c']);
    expect(first('echo "$X" | xargs env')).toEqual(['X', 'echo "$X" | xargs env', 'it chooses the program the command runs']);
    expect(first('echo "$X" | xargs -I{} {} --version')).toEqual(['X', 'echo "$X" | xargs -I{} {} --version', 'it chooses the program the command runs']);
    // the code xargs gives an interpreter, not its input (GNU xargs gives the command /dev/null)
    expect(first('echo "$X" | xargs python3 -c')).toEqual(['X', 'echo "$X" | xargs python3 -c', 'it is the code of python3 -c']);
    expect(first('printf %s "$X" | xargs -0 node -e')).toEqual(['X', 'printf %s "$X" | xargs -0 node -e', 'it is the code of node -e']);
    // appended after sh -c CODE, it is the code's $0, $1 …
    expect(first('echo "$X" | xargs sh -c \'eval "$1"\' _')).toEqual(['$1', 'eval "$1"', 'eval runs its words as code']);
    expect(first('echo "$X" | xargs -n1 bash -c \'eval "$0"\'')).toEqual(['$0', 'eval "$0"', 'eval runs its words as code']);
    expect(first('echo "$X" | xargs -I{} sh -c \'eval "$1"\' _ {}')).toEqual(['$1', 'eval "$1"', 'eval runs its words as code']);
    for (const script of [
      'echo "$X" | xargs -n1 git fetch --', 'echo "$X" | xargs -I{} sh -c \'echo "$1"\' _ {}', 'echo "$X" | xargs -a list.txt sh -c', 'echo fixed | xargs sh -c',
      'echo "$X" | xargs', 'echo "$X" | xargs -I{} sh -c \'echo x\'', 'echo "$X" | xargs sh -c \'echo "$1"\' _',
    ]) {
      expect([script, first(script)]).toEqual([script, undefined]);
    }
  });

  test('ssh\'s remote command, which the remote host\'s shell parses; yq\'s arguments once its system operator is enabled', () => {
    const remote = 'ssh has the remote host\'s shell run it as a command';
    expect(first('ssh deploy@host "$X"')).toEqual(['X', 'ssh deploy@host "$X"', remote]);
    // quoted for the local shell, the words are joined and parsed again on the remote host
    expect(first('ssh -i key -p 22 host -o BatchMode=yes echo "$X"')).toEqual(['X', 'ssh -i key -p 22 host -o BatchMode=yes echo "$X"', remote]);
    expect(first('ssh host -- ls "$X"')).toEqual(['X', 'ssh host -- ls "$X"', remote]);
    const system = 'it is an argument of yq --security-enable-system-operator, whose expression\'s system operator runs commands';
    expect(first('yq --security-enable-system-operator -i "$X" f.yaml')).toEqual(['X', 'yq --security-enable-system-operator -i "$X" f.yaml', system]);
    // ssh's options and destination; jq and yq's programs read env vars and files but run no command
    for (const script of ['ssh -l "$X" host uptime', 'ssh -p "$X" host uptime', 'scp "$X" host:/tmp', 'jq "$X" f.json', 'yq -i "$X" f.yaml', 'yq e ".a = strenv(X)" f.yaml']) {
      expect([script, first(script)]).toEqual([script, undefined]);
    }
  });

  test('the program of awk, the script of sed (not with --sandbox), an interpreter\'s input, trap\'s code', () => {
    expect(first('awk "$X" f')).toEqual(['X', 'awk "$X" f', 'it is the program of awk, whose system(), pipes and getline run commands']);
    expect(first('gawk -F: -v a=1 "{ print \\"$X\\" }" f')[2]).toBe('it is the program of gawk, whose system(), pipes and getline run commands');
    expect(first('awk -e "$X" f')[2]).toBe('it is the program of awk -e, whose system(), pipes and getline run commands');
    expect(first('sed "s/a/$X/" f')).toEqual(['X', 'sed "s/a/$X/" f', 'it is the script of sed, whose e command and s///e flag run commands']);
    expect(first('sed -n -e p --expression="s/a/$X/" f')[2]).toBe('it is the script of sed --expression, whose e command and s///e flag run commands');
    expect(first('sed -i.bak -ne "$X" f')[2]).toBe('it is the script of sed -ne, whose e command and s///e flag run commands');
    expect(first('python3 <<EOF\nprint("$X")\nEOF')).toEqual(['X', 'python3 <<EOF', 'python3 reads it as code from its input']);
    expect(first('echo "$X" | node')).toEqual(['X', 'echo "$X" | node', 'node reads it as code from what echo pipes to it']);
    expect(first('trap "$X" EXIT')).toEqual(['X', 'trap "$X" EXIT', 'trap runs it as code on the signals it names']);
    // the input the closing word of a group, loop, if or subshell around it gives a shell or interpreter that has none of its own
    expect(first('{ bash; } <<< "$X"')).toEqual(['X', '} <<< "$X"', 'this redirection gives it as input to the commands around `bash`, where bash reads it as code']);
    expect(first('while true; do sh -s; done <<< "$X"')).toEqual(['X', 'done <<< "$X"', 'this redirection gives it as input to the commands around `sh -s`, where sh reads it as code']);
    expect(first('( python3 ) <<EOF\n$X\nEOF')).toEqual(['X', '<<EOF', 'this redirection gives it as input to the commands around `python3`, where python3 reads it as code']);
    expect(first('( bash ) <<< "$X"')).toEqual(['X', '<<< "$X"', 'this redirection gives it as input to the commands around `bash`, where bash reads it as code']);
    expect(first('if true; then bash; fi < <(echo "$X")')).toEqual(['X', 'fi < <(echo "$X")', 'this redirection gives it as input to the commands around `bash`, where bash reads it as code']);
    expect(first('{ read -r a; bash; } <<< "$X"')).toEqual(['X', '} <<< "$X"', 'this redirection gives it as input to the commands around `bash`, where bash reads it as code']);
    for (const script of [
      'awk -v v="$X" \'{ print v }\' f', 'awk \'{ print }\' "$X"', 'awk -f prog.awk "$X"', 'sed --sandbox "s/a/$X/" f', 'sed -f s.sed "$X"', 'sed -e p "$X"',
      "python3 <<'EOF'\nprint(\"$X\")\nEOF", 'python3 run.py <<< "$X"', "trap 'rm -f \"$X\"' EXIT",
      '{ bash; } <<< fixed', "{ bash; } <<'E'\n$X\nE", '{ bash < f; } <<< "$X"', '{ cat; } <<< "$X"', '{ echo fixed | bash; } <<< "$X"', '( bash run.sh ) <<< "$X"',
      // after a line break or `;`, a redirection is a command of its own: the subshell's bash reads the script's input
      '( bash )\n<<< "$X"', '( bash ); <<< "$X"', '( bash ) && <<< "$X"',
    ]) {
      expect([script, first(script)]).toEqual([script, undefined]);
    }
  });

  test('bash: arithmetic, a variable\'s name and a prompt expansion run the command substitutions in the value; not a number it checked', () => {
    const arithmetic = 'bash evaluates it as arithmetic, which runs the command substitutions of an array subscript in the value';
    const named = (program: string) => `${program} takes the value as a variable's name, which runs the command substitutions of an array subscript in it`;
    // these run only a value that holds shell syntax: a word (a label's) runs nothing there
    expect(variablesRunAsCode('echo $((X))\neval "$X"', new Set(['X'])).map((s) => s.syntax)).toEqual([true, undefined, undefined]);
    expect(first('echo $((X + 1))')).toEqual(['X', 'echo $((X + 1))', arithmetic]);
    expect(first('echo "$(( ${X} * 2 ))"')[2]).toBe(arithmetic);
    expect(first('(( X > 1 ))')[2]).toBe(arithmetic);
    expect(first('for ((i = 0; i < X; i++)); do :; done')[2]).toBe(arithmetic);
    expect(first('let "n = X"')[2]).toBe(arithmetic);
    expect(first('[[ "$X" -gt 0 ]]')[2]).toBe(arithmetic);
    expect(first('echo "${A[$X]}" "${S:$X:2}"')[2]).toBe(arithmetic);
    expect(first('N="$X"\necho $((N))')).toEqual(['N', 'echo $((N))', arithmetic]);
    expect(first('printf -v "$X" %s y')).toEqual(['X', 'printf -v "$X" %s y', named('printf')]);
    expect(first('declare "$X=1"')[2]).toBe(named('declare'));
    expect(first('read -r "$X" < f')[2]).toBe(named('read'));
    expect(first('unset "$X"')[2]).toBe(named('unset'));
    expect(first('local "$X=1"')[2]).toBe(named('local'));
    expect(first('typeset -x "$X"')[2]).toBe(named('typeset'));
    expect(first('local -n R="$X"')[2]).toBe('local -n takes the value as a variable\'s name, which runs the command substitutions of an array subscript in it');
    expect(first('echo "${!X}"')[2]).toBe('the indirection ${!X} takes the value as a name, which runs the command substitutions of an array subscript in it');
    expect(first('echo "${X@P}"')[2]).toBe('bash expands ${X@P} as a prompt, which runs the command substitutions in the value');
    // what is assigned to an integer variable is evaluated as arithmetic: in its declaration, and later
    expect(first('declare -i n="$X"')).toEqual(['X', 'declare -i n="$X"', arithmetic]);
    expect(first('f() { local -ri n=$X; }')).toEqual(['X', 'local -ri n=$X', arithmetic]);
    expect(first('typeset -i n=X')).toEqual(['X', 'typeset -i n=X', arithmetic]);
    expect(first('declare -i n\nn+="$X"')).toEqual(['X', 'n+="$X"', arithmetic]);
    expect(first('declare -i n\nread -r n <<< "$X"')).toEqual(['X', 'read -r n <<< "$X"', arithmetic]);
    expect(first('declare -i n\necho "$X" | read n')).toEqual(['X', 'read n', arithmetic]);
    expect(first('declare -i n\nprintf -v n %s "$X"')).toEqual(['X', 'printf -v n %s "$X"', arithmetic]);
    expect(first('declare -i n\nfor n in "$X"; do :; done')).toEqual(['X', 'for n in "$X"', arithmetic]);
    // a digits test in a shell's code counts for that code alone: not for the script's (eval's code runs in the script's shell),
    // nor for a bash that code starts (busybox ash's [[ splits an unquoted $X: `! a[$(cmd)]` passes it, and bash's arithmetic runs it)
    expect(first('sh -c \'[[ $X =~ ^[0-9]+$ ]] || exit 1; bash -c "echo \\$((X + 1))"\'')).toEqual(['X', 'echo $((X + 1))', arithmetic]);
    expect(first('sh -c \'[[ $X =~ ^[0-9]+$ ]] || exit 1\'; echo $((X + 1))')).toEqual(['X', 'echo $((X + 1))', arithmetic]);
    expect(first('eval \'[[ $X =~ ^[0-9]+$ ]] || exit 1; echo $((X + 1))\'')).toEqual(['X', 'echo $((X + 1))', arithmetic]);
    expect(first('sh -c \'[[ $X =~ ^[0-9]+$ ]]; echo $((X + 1))\'')).toEqual(['X', 'echo $((X + 1))', arithmetic]);
    expect(first('sh -c \'[[ $X =~ ^[0-9]+$ ]] || exit 1; X="$X a[1]"; echo $((X + 1))\'')).toEqual(['X', 'echo $((X + 1))', arithmetic]);
    for (const script of [
      'echo $(( ${#X} + 1 ))', '[[ "$X" == y ]]', '[ "$X" -eq 1 ]', 'test "$X" -gt 0', 'echo "${X:-d}" "${X:1}"', 'echo "${X@Q}"', 'declare -r Y="$X"',
      'printf -v out %s "$X"', 'N=$(echo "$X" | wc -l)\n(( N > 0 ))',
      // export and readonly refuse a name with a subscript before they assign ("not a valid identifier"): nothing is expanded (their
      // name choosing the variable is another finding, below); -f's names are functions'
      'export -f "$X"', 'readonly -f "$X"', 'export NAME="$X"', 'if ! [[ "$X" =~ ^[0-9]+$ ]]; then exit 1; fi\n(( X > 0 ))', '[[ ${#A[@]} -eq 1 ]]',
      // an integer variable given a checked number or a fixed value; the assignments before a program go to its environment as written
      '[[ $X =~ ^[0-9]+$ ]] || exit 1\ndeclare -i n="$X"', 'declare -i n=1; echo "$X"', 'declare n="$X"', 'declare -i n\nn="$X" env',
      // a digits test in the code a shell runs as its own counts for that code (a literal word expands nothing)
      'sh -c \'[[ $X =~ ^[0-9]+$ ]] || exit 1; echo $((X + 1))\'', 'bash -c \'if ! [[ "$X" =~ ^[0-9]+$ ]]; then exit 1; fi; (( X > 0 ))\'',
      'sh -c \'[[ $1 =~ ^[0-9]+$ ]] || exit 1; echo $(($1 + 1))\' _ "$X"', "bash <<'EOF'\n[[ $X =~ ^[0-9]+$ ]] || exit 1\necho $((X + 1))\nEOF",
      'bash <<EOF\n[[ \\$X =~ ^[0-9]+\\$ ]] || exit 1\necho \\$((X + 1))\nEOF',
    ]) {
      expect([script, first(script)]).toEqual([script, undefined]);
    }
    // the name export and readonly are given is the variable they set, and the text after its = its value (bash 5.2: X=`BASH_ENV=$(cmd)`
    // then `export "$X"` runs cmd in the next bash; `readonly "$X"` with X=`PS4=$(cmd)` runs it at set -x; `export -n` sets and does not export)
    const EXPORTS = 'export takes the value as the name of the variable it exports (and, after an =, its value), so the value may choose BASH_ENV or '
      + 'GIT_SSH_COMMAND, whose value the next bash or git runs as code';
    const SETS = (name: string) => `${name} takes the value as the name of the variable it sets (and, after an =, its value), so the value may choose PS4, whose `
      + 'value the shell runs as code as it traces (set -x), or PATH, where it finds the programs it runs';
    expect(first('export "$X=1"')).toEqual(['X', 'export "$X=1"', EXPORTS]);
    expect(first('export -- "$X"')).toEqual(['X', 'export -- "$X"', EXPORTS]);
    expect(first('for k in $X; do export "$k=v"; done')).toEqual(['k', 'export "$k=v"', EXPORTS]);
    expect(first('export -n "$X"')).toEqual(['X', 'export -n "$X"', SETS('export')]);
    expect(first('readonly -a "$X=(1)"')).toEqual(['X', 'readonly -a "$X=(1)"', SETS('readonly')]);
  });

  test('an indirection or a nameref whose name the script does not fix may name a variable holding the value, where it reaches a sink', () => {
    const indirect = (script: string) => variablesRunAsCode(script, new Set(['X'])).map((s) => [s.variable, s.line, s.how, s.indirect]);
    // bash 5.2 with X='echo PWNED': each of these prints PWNED (the name built, read or looped over is X)
    expect(indirect('n=X; n+=""; eval "${!n}"')).toEqual([['${!n}', 'eval "${!n}"', 'eval runs its words as code', true]]);
    expect(indirect('printf -v n %s X; eval "${!n}"')).toEqual([['${!n}', 'eval "${!n}"', 'eval runs its words as code', true]]);
    expect(indirect('for v in ${!X*}; do eval "${!v}"; done')).toEqual([['${!v}', 'eval "${!v}"', 'eval runs its words as code', true]]);
    expect(indirect('read -r n < f; eval "${!n:-true}"')).toEqual([['${!n}', 'eval "${!n:-true}"', 'eval runs its words as code', true]]);
    // (a function's ${!1} that every call gives a literal name is that name: X itself, not an indirection that may name any)
    expect(indirect('f() { eval "${!1}"; }; f X')).toEqual([['X', 'eval "${!1}"', 'eval runs its words as code', undefined]]);
    expect(indirect('f() { eval "${!1}"; }; f "$N"')).toEqual([['${!1}', 'eval "${!1}"', 'eval runs its words as code', true]]);
    expect(indirect('f() { local -n r=$1; eval "$r"; }; f X')).toEqual([['r', 'eval "$r"', 'eval runs its words as code', true]]);
    expect(indirect('n="${p}_CMD"; c="${!n}"; $c')).toEqual([['c', '$c', 'it chooses the program the command runs', true]]);
    expect(indirect('declare -n ref="$name"; sh -c "$ref"')).toEqual([['ref', 'sh -c "$ref"', 'it is the code of sh -c', true]]);
    // a name the script fixes is that variable's (the literal names a loop gives, HOME); no sink, nothing; `${!P*}` gives names
    expect(indirect('n=X; eval "${!n}"')).toEqual([['X', 'eval "${!n}"', 'eval runs its words as code', undefined]]);
    for (const script of [
      'n=HOME; eval "${!n}"', 'for v in A B; do eval "${!v}"; done', 'read -r n < f; echo "${!n:-unset}"', 'read -r n < f; eval "${!n*}"',
      'for v in A B; do if [ -z "${!v}" ]; then echo "$v unset"; exit 1; fi; done', 'f() { local -n r=$1; echo "$r"; }; f X',
    ]) {
      expect([script, indirect(script)]).toEqual([script, []]);
    }
    // no variable holding a value, nothing to name
    expect(variablesRunAsCode('read -r n < f; eval "${!n}"', new Set())).toEqual([]);
  });

  test('select\'s words, compgen -W\'s word list, a pipe through programs that transform the value', () => {
    // bash 5.2: `printf 1 | select Y in "$X"; do $Y; break; done` runs X's value; `compgen -W '$(id)' x` runs id; X=$(printf 'id' | base64)
    // then `echo "$X" | base64 -d | sh` runs id
    expect(first('select Y in "$X"; do $Y; done')).toEqual(['Y', '$Y', 'it chooses the program the command runs']);
    expect(first('compgen -W "$X" x')).toEqual(['X', 'compgen -W "$X" x', 'compgen -W expands it as a word, which runs the command substitutions in the value']);
    expect(first('complete -W "$X" cmd')).toEqual(['X', 'complete -W "$X" cmd',
      'complete -W makes it the word list bash expands, running the command substitutions in it, as it completes in an interactive shell whose input holds a tab']);
    expect(first('echo "$X" | base64 -d | sh')).toEqual(['X', 'echo "$X" | base64 -d | sh', 'sh reads it as code from what echo pipes to it through base64, which prints text it derives from it']);
    expect(first('echo "$X" | base64 -d | tee log | sh')).toEqual(['X', 'echo "$X" | base64 -d | tee log | sh',
      'sh reads it as code from what echo pipes to it through base64 and tee, which print text they derive from it']);
    expect(first('rev <<< "$X" | rev | bash')).toEqual(['X', 'rev <<< "$X" | rev | bash', 'bash reads it as code from what rev pipes to it through rev, which prints text it derives from it']);
    expect(first('printenv X | tr -d "\\r" | sh')).toEqual(['X', 'printenv X | tr -d "\\r" | sh', 'sh reads it as code from what printenv pipes to it through tr, which prints text it derives from it']);
    // the word completed (compgen's operand) is not expanded; grep -c prints a count; a program not known here is not followed; a fixed text
    for (const script of ['compgen -W "a b" -- "$X"', 'select Y in a b; do $Y; done', 'echo "$X" | grep -c . | sh', 'echo "$X" | mytool | sh', 'echo hi | base64 -d | sh']) {
      expect([script, first(script)]).toEqual([script, undefined]);
    }
  });

  test('the code of a command given assignments before its program: A=1 bash -c CODE runs CODE, with A in its environment', () => {
    // bash 5.2 with X='echo PWNED': `Y="$X" bash -c 'eval "$Y"'` prints PWNED (Y is in the environment of the bash it starts)
    expect(first('Y="$X" bash -c \'eval "$Y"\'')).toEqual(['Y', 'eval "$Y"', 'eval runs its words as code']);
    expect(first('LC_ALL=C bash -c \'eval "$X"\'')).toEqual(['X', 'eval "$X"', 'eval runs its words as code']);
    expect(first('A=1 eval \'$X\'')).toEqual(['X', '$X', 'it chooses the program the command runs']);
    expect(shellCodesOf(simpleCommands('A=1 bash -c "make all"')[0])).toEqual(['make all']);
    expect(shellCodesOf(simpleCommands('A=1 trap "rm -f t" EXIT')[0])).toEqual(['rm -f t']);
    expect(first('A=1 bash -c \'echo "$X"\'')).toBeUndefined();
  });

  test('an array whose first element holds the value, expanded whole as the program; every element of one eval joins', () => {
    // bash 5.2 with X='id': `a=("$X" -u); "${a[@]}"` runs id -u; `a=("$X"); eval "${a[*]}"` runs id
    expect(first('a=("$X" -u); "${a[@]}"')).toEqual(['X', '"${a[@]}"', 'it chooses the program the command runs']);
    expect(first('a=(); a+=($X); ${a[*]}')).toEqual(['X', '${a[*]}', 'it chooses the program the command runs']);
    expect(first('a=(echo "$X"); eval "${a[@]}"')).toEqual(['X', 'eval "${a[@]}"', 'eval runs its words as code']);
    // a loop over one whole gives its variable each element (bash 5.2: `arr=("$X"); for c in "${arr[@]}"; do $c; done` runs X's value)
    expect(first('arr=("$X"); for c in "${arr[@]}"; do $c; done')).toEqual(['c', '$c', 'it chooses the program the command runs']);
    // openssl prints what it decodes: X=$(printf id | base64) then `openssl enc -d -base64 <<< "$X" | sh` runs id
    expect(first('openssl enc -d -base64 <<< "$X" | sh')).toEqual(['X', 'openssl enc -d -base64 <<< "$X" | sh',
      'sh reads it as code from what openssl pipes to it, which prints text it derives from it']);
    // ssh given no remote command, or a shell given no code, hands its input to the remote host's shell, which runs it (OpenSSH 9.2:
    // `echo id | ssh host` runs id there); -n gives it none, -N runs no command, cat prints it
    const remote = 'ssh gives the remote host\'s shell what it reads from what echo pipes to it, which that shell runs as commands';
    expect(first('echo "$X" | ssh host')).toEqual(['X', 'echo "$X" | ssh host', remote]);
    expect(first('echo "$X" | ssh -p 22 -o StrictHostKeyChecking=no u@host bash -s')).toEqual(['X', 'echo "$X" | ssh -p 22 -o StrictHostKeyChecking=no u@host bash -s', remote]);
    for (const script of ['echo "$X" | ssh -n host', 'echo "$X" | ssh host cat', 'echo "$X" | ssh -N host', 'echo "$X" | ssh host bash -c true']) {
      expect([script, first(script)]).toEqual([script, undefined]);
    }
    // an element after the program is its argument, data; a loop over fixed elements, or one that only prints them
    for (const script of ['a=(echo "$X"); "${a[@]}"', 'a=(git clone -- "$X"); "${a[@]}"', 'arr=(a b); for c in "${arr[@]}"; do $c; done',
      'arr=(a "$X"); for c in "${arr[@]}"; do echo "$c"; done']) {
      expect([script, first(script)]).toEqual([script, undefined]);
    }
  });

  test('past builtin and command, which run a builtin as itself, every sink and declaration reads as without them', () => {
    const arithmetic = 'bash evaluates it as arithmetic, which runs the command substitutions of an array subscript in the value';
    const named = (program: string) => `${program} takes the value as a variable's name, which runs the command substitutions of an array subscript in it`;
    // bash 5.2 with X='a[$(id >&2)]' (or X='id >&2' for the callbacks): each of these runs id, as it does without the prefix
    expect(first('builtin let "$X"')).toEqual(['X', 'builtin let "$X"', arithmetic]);
    expect(first('command declare "$X"')).toEqual(['X', 'command declare "$X"', named('declare')]);
    expect(first('builtin printf -v "$X" x')).toEqual(['X', 'builtin printf -v "$X" x', named('printf')]);
    expect(first('command read "$X" < f')).toEqual(['X', 'command read "$X" < f', named('read')]);
    expect(first('builtin unset "$X"')).toEqual(['X', 'builtin unset "$X"', named('unset')]);
    expect(first('builtin test -v "$X"')).toEqual(['X', 'builtin test -v "$X"', named('test -v')]);
    expect(first('command [ -v "$X" ]')).toEqual(['X', 'command [ -v "$X" ]', named('[ -v')]);
    expect(first('builtin declare -i N="$X"')).toEqual(['X', 'builtin declare -i N="$X"', arithmetic]);
    expect(first('builtin declare -i N; N="$X"')).toEqual(['X', 'N="$X"', arithmetic]);
    expect(first('declare -i N; builtin read N <<< "$X"')).toEqual(['X', 'builtin read N <<< "$X"', arithmetic]);
    // printf '%s\n' a b | builtin mapfile -C 'id >&2' -c 1 L runs id for each line; compgen -C runs it once
    expect(first('builtin mapfile -C "$X" -c 1 L < f')).toEqual(['X', 'builtin mapfile -C "$X" -c 1 L < f', 'mapfile -C runs it as code as it reads lines']);
    expect(first('command -- compgen -C "$X" w')).toEqual(['X', 'command -- compgen -C "$X" w', 'compgen -C runs it as a command']);
    // with expand_aliases on, `builtin alias b="$X"` then b runs the value; `command export GIT_SSH_COMMAND="$X"` exports it as export does
    expect(first('builtin alias b="$X"')).toEqual(['X', 'builtin alias b="$X"', 'alias makes it the code of b, which the shell runs where that is a command (sh and dash expand aliases; bash with expand_aliases)']);
    expect(first('command export GIT_SSH_COMMAND="$X"')).toEqual(['X', 'command export GIT_SSH_COMMAND="$X"', 'it sets GIT_SSH_COMMAND, which git runs as a command']);
    // the variables they assign hold the value as a plain declaration's do (`builtin declare -n r=X` then $r is X's value)
    expect(first('command export Y="$X"; eval "$Y"')).toEqual(['Y', 'eval "$Y"', 'eval runs its words as code']);
    expect(first('builtin declare -n r=X; eval "$r"')).toEqual(['r', 'eval "$r"', 'eval runs its words as code']);
    expect(first('f() { builtin local Y=$X; $Y; }')).toEqual(['Y', '$Y', 'it chooses the program the command runs']);
    expect(first('builtin command eval "$X"')).toEqual(['X', 'builtin command eval "$X"', 'eval runs its words as code']);
    expect(first('command builtin . "$X"')[2]).toBe('it names the file . runs as shell code, so the value chooses which file runs (any the container can read: /dev/stdin, a file in a workspace)');
    expect(first('builtin trap "$X" EXIT')).toEqual(['X', 'builtin trap "$X" EXIT', 'trap runs it as code on the signals it names']);
    expect(first('command exec sh -c "$X"')).toEqual(['X', 'command exec sh -c "$X"', 'it is the code of sh -c']);
    // `command -v` and `-V` look the names up and run none (bash 5.2: `command -v sh -c 'id'` prints /usr/bin/sh alone); `builtin -x`
    // is a usage error; `builtin printf -v out` assigns a fixed name
    for (const script of ['command -v "$X"', 'command -V "$X" || exit 1', 'command -v sh -c "$X"', 'builtin -x let "$X"', 'builtin printf -v out %s "$X"', 'command declare -r Y="$X"']) {
      expect([script, first(script)]).toEqual([script, undefined]);
    }
  });
});

describe('shellDialects and the readings of an option word that decide an interactive shell', () => {
  test('each shell reads bash\'s expansions its own way; sh, or a shell not checked, both as bash and as busybox\'s ash', () => {
    expect([['dash'], ['busybox'], ['ash'], ['mksh'], ['ksh'], ['bash'], ['sh'], ['zsh'], [undefined]].map(([n]) => shellDialects(n)))
      .toEqual([['dash'], ['ash'], ['ash'], ['ksh'], ['ksh'], ['bash'], ['bash', 'ash'], ['bash', 'ash'], ['bash', 'ash']]);
  });

  test('the step\'s ENV and `sh -${V,,}`: bash sources it, busybox\'s ash and mksh stop at the expansion; an envFrom source may set V', () => {
    const sinks = (script: string, shell?: string, envFrom = false) => variablesRunAsCode(script, new Set(['ENV']), undefined, false, new Map([['V', 'I']]), [], shell, envFrom)
      .map((s) => [s.line, s.how]);
    const HOW = 'an interactive shell sources as a script (the file it names, after parameter expansion)';
    expect(sinks('sh -${V,,} < cmds', 'bash')).toEqual([['sh -${V,,} < cmds', HOW]]);
    expect(sinks('sh -${V,,} < cmds', 'busybox')).toEqual([]);
    expect(sinks('sh -${V,,} < cmds', 'mksh')).toEqual([]);
    expect(sinks('sh -e${W+i} < cmds', 'dash')).toEqual([]);
    expect(sinks('sh -e${W+i} < cmds', 'dash', true)).toEqual([['sh -e${W+i} < cmds', `${HOW}; $W may hold a value not known here (an envFrom source may set it, `
      + 'whose keys are not known here), which may make the shell interactive (-i)']]);
  });
});

describe('splitRedirections', () => {
  test('the files standard output goes to, in order, and its duplication to a descriptor; `>|` one operator, not a pipe (bash 5.2)', () => {
    expect(argvs('echo x >| a.sh\necho y 1>|b.sh | cat')).toEqual([['echo', 'x', '>|', 'a.sh'], ['echo', 'y', '1>|b.sh'], ['cat']]);
    expect(splitRedirections(['echo', 'x', '>', 'a', '2>', 'err', '>>b', '&>', 'c', '1>&2', '3>', 'd', '>|', 'e'])).toEqual({
      operands: ['echo', 'x'],
      from: undefined,
      stdoutRedirected: true,
      outputs: [{ file: 'a', append: false }, { file: 'b', append: true }, { file: 'c', append: false }, { file: '&2', append: false }, { file: 'e', append: false }],
    });
    expect(splitRedirections(['cat', '<', 'in', '2>&1']).outputs).toEqual([]);
  });
});

describe('editorCommands', () => {
  test('gdb: the commands of -ex, -iex and the prefixes of --eval-command gdb 13 takes, up to -- or --args; past the values of its other options', () => {
    expect(editorCommands('gdb', ['-batch', '-ex', 'bt', '--eval-command=info', '-ev', 'x', '-init-e', 'y', '-x', 'f.gdb', 'app', '--', 'core'])).toEqual([
      { index: 0 }, { index: 2, option: '-ex' }, { index: 3, option: '--eval-command' }, { index: 5, option: '-ev' }, { index: 7, option: '-init-e' }, { index: 10 },
    ]);
    // `-e` is gdb's exec file, `-in` and `-init-` are ambiguous (gdb refuses them)
    expect(editorCommands('gdb', ['-e', 'app', '--args', 'app', '-ex', 'x'])).toEqual([]);
    expect(editorCommands('gdb', ['-in', 'x']).filter((c) => c.option !== undefined)).toEqual([]);
  });

  test('vim: -c, -cCMD, +CMD and --cmd, options after file names, up to --; -s takes a file outside Ex mode', () => {
    expect(editorCommands('vim', ['-c', 'a', '-cb', 'f', '+c', '--cmd', 'd', '-T', 'x', '-s', 'in', '--', '+e'])).toEqual([
      { index: 1, option: '-c' }, { index: 2, option: '-c' }, { index: 3 }, { index: 4, option: '+' }, { index: 6, option: '--cmd' },
    ]);
    expect(editorCommands('ex', ['-s', '+x'])).toEqual([{ index: 0 }, { index: 1, option: '+' }]);
    expect(editorCommands('vim', ['-es', '+x'])).toEqual([{ index: 0 }, { index: 1, option: '+' }]);
    expect(editorCommands('nano', ['-c', 'x'])).toEqual([]);
  });
});

describe('findExpressionPlaces', () => {
  const all = () => true;
  test('paths, tests and actions; not the value of a test nor the words of -exec\'s command (findutils 4.9)', () => {
    expect([...findExpressionPlaces(['.', '-name', 'x', '-type', 'f'], all)!]).toEqual([0, 1, 3]);
    expect([...findExpressionPlaces(['.', '-exec', 'echo', '$X', ';', '$Y'], all)!]).toEqual([0, 1, 5]);
    expect([...findExpressionPlaces(['.', '-exec', 'cp', '{}', '+', '-fprintf', 'f', '%p', '$Y'], all)!]).toEqual([0, 1, 5, 8]);
    // its own options and a first -- ending them
    expect([...findExpressionPlaces(['-L', '-D', 'tree', '--', '$X'], all)!]).toEqual([4]);
  });
  test('a literal -- past its own options: find refuses the command (unknown predicate); not where a word before it may be a test taking it', () => {
    expect(findExpressionPlaces(['.', '--', '$X'], all)).toBeUndefined();
    expect(findExpressionPlaces(['-L', '.', '-name', 'x', '--'], all)).toBeUndefined();
    expect(findExpressionPlaces(['.', '$A', '--', '$X'], (k) => k !== 1)).toEqual(new Set([0, 1, 2, 3]));
  });
});

describe('readOptions, readVariables', () => {
  test("read's options as bash 5.2 parses them: grouped, a valued one taking the rest of its word or the next, -- ending them", () => {
    expect(readOptions(['-rp', 'dir> ', 'A', 'B'])).toEqual({ flags: 'r', values: [['p', 'dir> ']], names: ['A', 'B'] });
    expect(readOptions(['-rd,', '-n5', '--', '-x'])).toEqual({ flags: 'r', values: [['d', ','], ['n', '5']], names: ['-x'] });
    expect(readOptions(['-ar', 'X'])).toEqual({ flags: '', values: [['a', 'r']], names: ['X'] });
    expect(readOptions(['-t'])).toEqual({ flags: '', values: [['t', undefined]], names: [] });
  });

  test('the variables read assigns: the -a array and the names, past redirections; not an option\'s value (bash 5.2 run for each)', () => {
    expect(readVariables(['-rp', 'PROMPT', 'A', 'B'])).toEqual(['A', 'B']);
    expect(readVariables(['-ra', 'ARR'])).toEqual(['ARR']);
    expect(readVariables(['-p', 'x: ', '-a', 'ARR', '-r'])).toEqual(['ARR']);
    expect(readVariables(['-r', 'LINE', '<', '/tmp/f'])).toEqual(['LINE']);
    expect(readVariables(['-r'])).toEqual([]);
    // (with -a, the last -a's array alone, the names left as they were: `read -ar X` sets the array r, `read -a A X` A, `read -a B -a A` A)
    expect(readVariables(['-ar', 'X'])).toEqual(['r']);
    expect(readVariables(['-a', 'A', 'X'])).toEqual(['A']);
    expect(readVariables(['-a', 'B', '-ra', 'A', '--', 'X'])).toEqual(['A']);
    expect(readVariables(['-a'])).toEqual([]);
  });

  test('the words read takes for names, expansions too, and whether it sets REPLY (bash 5.2 run: `V=CMD; read -a "$V"` set CMD, not REPLY)', () => {
    expect(readNameWords(['-ra', '$V'])).toEqual(['$V']);
    expect(readNameWords(['-r', '$V', 'B', '<', 'f'])).toEqual(['$V', 'B']);
    expect([readSetsReply(['-r', '<', 'f']), readSetsReply(['-p', 'x: ']), readSetsReply(['-a', '$V']), readSetsReply(['$V']), readSetsReply(['1x'])])
      .toEqual([true, true, false, false, false]);
  });
});

describe('mapfileOptions', () => {
  test("mapfile's options as bash 5.2 parses them (d:u:n:O:tC:c:s:): each valued one takes the rest of its word or the next (bash 5.2 run for each)", () => {
    // (`mapfile -tn2 A` read two lines into A, `mapfile -dn X` split at n into X, `mapfile -tCcb -c1 Z` called cb)
    expect(mapfileOptions(['-tn2', 'A'])).toEqual({ flags: 't', values: [['n', '2']], names: ['A'] });
    expect(mapfileOptions(['-dn', 'X'])).toEqual({ flags: '', values: [['d', 'n']], names: ['X'] });
    expect(mapfileOptions(['-tCcb', '-c1', 'Z'])).toEqual({ flags: 't', values: [['C', 'cb'], ['c', '1']], names: ['Z'] });
    expect(mapfileOptions(['-d', ':', '-n', '3', '-O', '1', '-s', '2', '-u', '3', '-C', 'cb', '-c', '5', '--', 'L', '<', 'f']))
      .toEqual({ flags: '', values: [['d', ':'], ['n', '3'], ['O', '1'], ['s', '2'], ['u', '3'], ['C', 'cb'], ['c', '5']], names: ['L', '<', 'f'] });
  });
});
