import {
  wgetArguments, WgetArgument, wgetBoolean, wgetCommand, wgetNetrcEntries, wgetNetrcHosts, WgetOption, wgetrcCommands, wgetrcError, wgetStartupFiles,
  wgetUrlHost,
} from '../../src/private/wget-options';

/** Each thing wget reads, shortly: a URL as `url:TEXT`, `--` as `end`, an option as `NAME=VALUE@INDEX` (`?` for a name not known; `e:` for a command of `-e`). */
const read = (...args: string[]): string[] => [...wgetArguments(args)].map((o: WgetArgument) =>
  o.kind === 'url' ? `url:${o.text}` : o.kind === 'end' ? 'end'
    : `${o.command === undefined ? '' : 'e:'}${o.negated ? 'no-' : ''}${o.name ?? '?'}${o.value === undefined ? '' : `=${o.value}`}${o.valueAt === undefined ? '' : `@${o.valueAt}`}`);

describe('wgetArguments: wget\'s arguments in order, as its parser reads them (wget 1.21.3 run)', () => {
  test('a group\'s letters each, one that takes a value taking the rest or the next argument whatever it starts with', () => {
    expect(read('-qO-', 'https://x/a')).toEqual(['quiet', 'output-document=-', 'url:https://x/a']);
    expect(read('-nv', '-O', '-d', '-cZx')).toEqual(['no=v', 'output-document=-d@2', 'continue', '?=x']);
    expect(read('-Y', 'on', '-E')).toEqual(['proxy__compat=on@1', 'html-extension']);
  });
  test('a long option takes the next argument where it takes a value, whatever it starts with; `=VALUE` always', () => {
    expect(read('--header', '-q', 'u')).toEqual(['header=-q@1', 'url:u']);
    expect(read('--quiet=off', '--no-quiet', '--output-document=f', '--quiet', 'u')).toEqual(['quiet=off', 'no-quiet', 'output-document=f', 'quiet', 'url:u']);
    expect(read('--no-clobber', '--no-no-clobber', '--no', 'v')).toEqual(['no-clobber', 'no-no-clobber', 'no=v@3']);
  });
  test('an abbreviation of one long option is that option; of several, or a name not known, none (wget exits)', () => {
    expect(read('--deb', '--qui', '--no-verb', '--head', 'X: y', '--output-f', 'log')).toEqual(['debug', 'quiet', 'no-verbose', 'header=X: y@4', 'output-file=log@6']);
    expect(read('--de', '--q', '--no-c', '--Debug', '--nodebug', 'u')).toEqual(['?', '?', '?', '?', '?', 'url:u']);
  });
  test('options after the URLs, `--` and an option that takes a value as the last argument', () => {
    expect(read('u', '-d', '--', '-q')).toEqual(['url:u', 'debug', 'end', 'url:-q']);
    expect(read('u', '-O')).toEqual(['url:u', 'output-document']);
  });
  test('`-e` gives the wgetrc command it runs as the option that sets it, case, `-` and `_` aside, blanks around `=`', () => {
    expect(read('-e', 'debug=on', '--execute=output_document = -', '-qeDe-Bug=1')).toEqual([
      'execute=debug=on@1', 'e:debug=on@1', 'execute=output_document = -', 'e:output-document=-', 'quiet', 'execute=De-Bug=1', 'e:debug=1',
    ]);
    expect(read('-e', 'robots=off', '-e', 'debug')).toEqual(['execute=robots=off@1', 'e:?=off@1', 'execute=debug@3']);
    expect(wgetCommand(' logfile = /tmp/l ')).toEqual({ command: 'logfile', name: 'output-file', value: '/tmp/l' });
    expect(wgetCommand('DEBUG on')).toBeUndefined();
  });
  test('what a boolean option sets: on, yes, 1 or none; off, no, 0 or `--no-`; another value none (wget exits)', () => {
    const set = (...args: string[]) => [...wgetArguments(args)].map((o) => wgetBoolean(o as WgetOption));
    expect(set('-q', '--quiet=YES', '--quiet=1', '--no-quiet', '--quiet=Off', '--quiet=0', '--quiet=maybe')).toEqual([true, true, true, false, false, false, undefined]);
  });
  test('a wgetrc file\'s commands, as wget 1.21.3 run_wgetrc reads each line: blanks and `#` lines skipped, a line of another form none', () => {
    const text = '# debug\n  debug = on\n\nheader= Authorization: Bearer x  \nnot a command\nOutput_Document = -\n';
    expect(wgetrcCommands(text).map((c) => [c.number, c.text, c.name, c.value])).toEqual([
      [2, 'debug = on', 'debug', 'on'], [4, 'header= Authorization: Bearer x', 'header', 'Authorization: Bearer x'],
      [6, 'Output_Document = -', 'output-document', '-'],
    ]);
  });
  test('the first line of a wgetrc file that wget 1.21.3 rejects: not `NAME = VALUE`, a command it does not know, a boolean of another value (run)', () => {
    expect(wgetrcError('# x\ndebug = on\nretries 3\nfoo = 1\n')).toEqual({ number: 3, text: 'retries 3', error: 'a syntax error' });
    expect(wgetrcError('progress_bar = dot')).toEqual({ number: 1, text: 'progress_bar = dot', error: 'a command wget does not know (`progress_bar`)' });
    expect(wgetrcError(' = x')).toEqual({ number: 1, text: '= x', error: 'a command wget does not know (``)' });
    expect(wgetrcError('Verbose = maybe')).toEqual({ number: 1, text: 'Verbose = maybe', error: 'not a boolean (`maybe`)' });
    // commands no option sets, booleans of other values, on/off in any case
    expect(wgetrcError('dots_in_line = 10\npasswd = x\nrobots = off\ncheck_certificate = quiet\nrestrict_file_names = unix\ndebug = ON\nuse-proxy = no\n')).toBeUndefined();
    // a line not known as written (the shell expands it) is not one wget rejects: the next known one is
    const known = (k: number) => k !== 0;
    expect(wgetrcError('$OPT = 1\nverbose = maybe\n', known)).toEqual({ number: 2, text: 'verbose = maybe', error: 'not a boolean (`maybe`)' });
    expect(wgetrcError('verbose = $VERBOSE\n', known)).toBeUndefined();
    expect(wgetrcError('verbose = $VERBOSE\n')).toEqual({ number: 1, text: 'verbose = $VERBOSE', error: 'not a boolean (`$VERBOSE`)' });
  });
  test('the startup files wget 1.21.3 reads: --config FILE alone, none after --no-config, else $SYSTEM_WGETRC or /etc/wgetrc then $WGETRC or ~/.wgetrc (run)', () => {
    const env = (...pairs: Array<[string, string]>) => new Map(pairs);
    expect(wgetStartupFiles(['-q', 'u'], env())).toEqual({ files: ['/etc/wgetrc', '$HOME/.wgetrc'] });
    expect(wgetStartupFiles(['u'], env(['HOME', '/root'], ['SYSTEM_WGETRC', '/s.rc']))).toEqual({ files: ['/s.rc', '/root/.wgetrc'] });
    expect(wgetStartupFiles(['u'], env(['WGETRC', '/w.rc'])).files).toEqual(['/etc/wgetrc', '/w.rc']);
    expect(wgetStartupFiles(['u'], env(['WGETRC', ''], ['HOME', '/h'])).files).toEqual(['/etc/wgetrc', '/h/.wgetrc']);
    const config = wgetStartupFiles(['--config=/c.rc', '--config', '/d.rc', 'u'], env());
    expect([config.files, config.chosen?.word]).toEqual([['/c.rc'], '--config=/c.rc']);
    expect(wgetStartupFiles(['--no-config', '--config=/c.rc', 'u'], env()).files).toEqual([]);
    // (`-e` runs a command after the files are read: it chooses none)
    expect(wgetStartupFiles(['-e', 'chooseconfig=/c.rc', 'u'], env()).files).toEqual(['/etc/wgetrc', '$HOME/.wgetrc']);
  });
  test('the hosts a .netrc gives a user for, as wget 1.21.3 reads it (run against a server that answers 401)', () => {
    expect(wgetNetrcHosts('machine A.example login alice\nmachine b.example\n  password p login "bob"\n')).toEqual(['a.example', 'b.example']);
    // (no login, `default`, a macro's lines to the blank one, a comment, uppercase keywords, a login before its machine)
    expect(wgetNetrcHosts('machine a.example password p\ndefault login bob\n# machine c login x\nMACHINE d LOGIN x\nlogin x machine e\n')).toEqual([]);
    expect(wgetNetrcHosts('macdef init\nmachine a login x\n\nmachine "b" login y\n')).toEqual(['b']);
    expect(['https://me@API.example.com:8443/x?a', 'host/x', 'http://[::1]:80/', 'https://$H/x'].map(wgetUrlHost))
      .toEqual(['api.example.com', 'host', '[::1]', undefined]);
  });
  test('the login and password of the .netrc entry wget 1.21.3 takes for a host: the first of it, of the user given (run against a server that answers 401)', () => {
    const text = 'machine $H login x password y\nmachine A.example login me password p\nmachine a.example login bob password q\ndefault login d password e\n';
    expect(wgetNetrcEntries(text, 'a.example')).toEqual([{ login: 'x', password: 'y' }, { login: 'me', password: 'p' }]);
    // (the first entry for the host of another login: none; a host not known: every machine)
    expect(wgetNetrcEntries(text, 'a.example', 'bob')).toEqual([]);
    expect(wgetNetrcEntries(text, 'a.example', '$U')).toEqual([{ login: 'x', password: 'y' }, { login: 'me', password: 'p' }]);
    expect(wgetNetrcEntries(text, undefined, 'bob')).toEqual([{ login: 'bob', password: 'q' }]);
    expect(wgetNetrcEntries(text, 'b.example')).toEqual([{ login: 'x', password: 'y' }]);
  });
  test('with POSIXLY_CORRECT, every argument after the first that is no option is a URL (wget 1.21.3 run)', () => {
    expect([...wgetArguments(['-O', 'f', 'u', '-q', '--', 'v'], true)].map((o) => (o.kind === 'url' ? `url:${o.text}` : o.kind)))
      .toEqual(['option', 'url:u', 'url:-q', 'url:--', 'url:v']);
    expect([...wgetArguments(['-O', 'f', 'u', '-q'])].map((o) => o.kind)).toEqual(['option', 'url', 'option']);
  });
});
