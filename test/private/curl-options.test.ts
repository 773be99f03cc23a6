import { curlArguments, CurlArgument, curlConfigLines, curlGlobHosts, curlNetrcEntries, netrcTokens } from '../../src/private/curl-options';

/** Each thing curl reads, shortly: a URL as `url:TEXT`, `--` as `end`, an option as `NAME=VALUE@INDEX` (`?` for a name not known). */
const read = (...args: string[]): string[] => [...curlArguments(args)].map((o: CurlArgument) =>
  o.kind === 'url' ? `url:${o.text}` : o.kind === 'end' ? 'end'
    : `${o.negated ? 'no-' : ''}${o.expand ? 'expand-' : ''}${o.name ?? '?'}${o.value === undefined ? '' : `=${o.value}`}${o.valueAt === undefined ? '' : `@${o.valueAt}`}`);

describe('curlArguments: curl\'s arguments in order, as its parser reads them', () => {
  test('a group\'s letters each, one that takes a value taking the rest or the next argument whatever it starts with', () => {
    expect(read('-fsSLo', 'out', 'https://x/a')).toEqual(['fail', 'silent', 'show-error', 'location', 'output=out@1', 'url:https://x/a']);
    expect(read('-ofile', '-Kcfg', '-H', '-v')).toEqual(['output=file', 'config=cfg', 'header=-v@3']);
    expect(read('--output', '--verbose', '-')).toEqual(['output=--verbose@1', 'url:-']);
  });
  test('long options, their `=VALUE`, `--no-` and `--expand-` forms; `--` and `-:`', () => {
    expect(read('--output=f', '--no-verbose', '--expand-url', '{{u}}', '--no-output', 'x')).toEqual(['output=f', 'no-verbose', 'expand-url={{u}}@3', 'no-?', 'url:x']);
    expect(read('--no-data=x', '--expand-silent', '--bogus', 'u')).toEqual(['no-?=x', 'expand-?', '?', 'url:u']);
    expect(read('a', '-:', 'b', '--next', '--', '-v')).toEqual(['url:a', 'next', 'url:b', 'next', 'end', 'url:-v']);
  });
  test('a letter not known takes the rest of its group; `-:` ends its group; `-N` is `--no-buffer`', () => {
    expect(read('-sWv', 'u')).toEqual(['silent', '?=v', 'url:u']);
    expect(read('-s:o', 'u')).toEqual(['silent', 'next', 'url:u']);
    expect(read('-N')).toEqual(['no-buffer']);
  });
  test('the options whose names hold a dot, and -0 (curl 7.74 to 8.22: --http1.0, --tlsv1.2, --proxy1.0 HOST)', () => {
    expect(read('-0v', '--http1.1', '--tlsv1.2', '--proxy1.0', 'p:1', 'u')).toEqual(['http1.0', 'verbose', 'http1.1', 'tlsv1.2', 'proxy1.0=p:1@4', 'url:u']);
  });
  test('a long option abbreviated or in capitals, as curl 8.5 and before read it (curl 7.88 run)', () => {
    expect(read('--verb', '--OUTPUT', 'f', '--out', 'x', '--No-verbose', '--no-VERBOSE', '--no-verb')).toEqual(['verbose', 'output=f@2', '?', 'url:x', '?', 'no-verbose', 'no-?']);
    expect(read('--head', '--data', 'd', '--Output=f')).toEqual(['head', 'data=d@2', 'output=f']);
  });
  test('an option that takes a value as the last argument has none', () => {
    expect(read('u', '-o')).toEqual(['url:u', 'output']);
    expect(read('--header')).toEqual(['header']);
  });
});

describe('curlConfigLines: a config file\'s options, as curl\'s parseconfig reads each line (curl 7.88 run)', () => {
  const lines = (text: string) => curlConfigLines(text).map((l) => `${l.number}: ${l.args.join(' | ')}`);
  test('a name without dashes is the long option, its value after blanks, `=` or `:`; dashed options as on the command line (`-H"X-C: d"` gives `-H"X-C:`, and curl warns of `d"`)', () => {
    expect(lines('verbose\nheader = "Authorization: Bearer x"\nheader: "X-A: b"\n-v\n--header "X-B: c"\n-H"X-C: d"')).toEqual([
      '1: --verbose', '2: --header | Authorization: Bearer x', '3: --header | X-A: b', '4: -v', '5: --header | X-B: c', '6: -H"X-C:',
    ]);
  });
  test('comments and blank lines give none; a value not quoted ends at a blank; quotes read `\\"`, `\\\\`, `\\t`; a value a flag does not take is dropped', () => {
    expect(lines('# c\n  / c\n* c\n\n  header = X-C: SECRET\nuser-agent = "a \\"b\\" \\\\ \\tc"\nverbose = yes')).toEqual([
      '5: --header | X-C:', '6: --user-agent | a "b" \\ \tc', '7: --verbose',
    ]);
  });
  test('a .netrc as curl 7.88 reads it: the first entry for the host (any case) or default, keywords in any case (run against a server that answers 401)', () => {
    expect(netrcTokens('# machine a\nmachine "b c" login x # note\nmacdef m\nmachine d\n\npassword p\n')).toEqual(['machine', 'b c', 'login', 'x', 'password', 'p']);
    const text = 'MACHINE A.example LOGIN me PASSWORD one\nmachine a.example login x password two\ndefault login d password three\n';
    expect(curlNetrcEntries(text, 'a.example')).toEqual([{ login: 'me', password: 'one' }]);
    expect(curlNetrcEntries(text, 'b.example')).toEqual([{ login: 'd', password: 'three' }]);
    expect(curlNetrcEntries('default login d password three\nmachine a login x password two\n', 'a')).toEqual([{ login: 'd', password: 'three' }]);
    expect(curlNetrcEntries('machine a login x password two\n', 'b')).toEqual([]);
    expect(curlNetrcEntries('machine $H login x password two\nmachine a login y password three\nmachine $I login z\n', 'a').map((e) => e.login)).toEqual(['x', 'y']);
    expect(curlNetrcEntries(text, undefined).map((e) => e.password)).toEqual(['one', 'two', 'three']);
  });
  test('curlGlobHosts: the hosts curl\'s URL globbing gives of a host (curl 7.88 tool_urlglob.c)', () => {
    expect(curlGlobHosts('{a,b}.example.com')).toEqual(['a.example.com', 'b.example.com']);
    expect(curlGlobHosts('h[1-3].x{,y}')).toEqual(['h1.x', 'h1.xy', 'h2.x', 'h2.xy', 'h3.x', 'h3.xy']);
    expect(curlGlobHosts('h[08-10:2]')).toEqual(['h08', 'h10']);
    expect(curlGlobHosts('[a-c].x')).toEqual(['a.x', 'b.x', 'c.x']);
    // (a set not closed, not read, empty or too large: not known)
    for (const host of ['{a,b.x', 'h[1-', 'h[x]', 'h[9-1]', 'h[1-9999]']) expect(curlGlobHosts(host)).toBeUndefined();
  });
});
