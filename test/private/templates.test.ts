import * as fc from 'fast-check';
import { chosenTemplate, isWholePlaceholder, onlyFixedPlaceholders, PLACEHOLDER, placeholdersIn, replacePlaceholders, senderPlaceholder } from '../../src/private/templates';

describe('Pipelines-as-Code placeholders', () => {
  test('chosenTemplate: the first template another tool fills in with text the manifest does not fix', () => {
    expect(chosenTemplate('{{ body.image }}@sha256:x')).toBe('{{ body.image }}');
    expect(chosenTemplate('a/{{ revision }}/{{source_branch}}/{{ .Values.x }}')).toBe('{{source_branch}}');
    expect(chosenTemplate('{{ .Values.registry }}/app')).toBe('{{ .Values.registry }}');
    // the placeholders the repository or the event's commit fixes, and text that is no placeholder (two characters at least)
    expect(chosenTemplate('{{ repo_url }} {{repo_owner}} {{ repo_name }} {{revision}}')).toBeUndefined();
    expect(chosenTemplate('{{ source_url }} {{pull_request_number}} {{ git_auth_secret }} {{ target_namespace }} {{ event_type }}')).toBeUndefined();
    expect(chosenTemplate('{{ target_branch }}')).toBe('{{ target_branch }}');
    expect(chosenTemplate('{{x}} {{ }')).toBeUndefined();
    expect(chosenTemplate('alpine@sha256:abc')).toBeUndefined();
  });

  test('isWholePlaceholder: the text is the placeholder of the key and nothing else, its key trimmed as Go trims it', () => {
    for (const text of ['{{revision}}', '{{ revision }}', '{{\u0085revision\t}}']) expect(isWholePlaceholder(text, 'revision')).toBe(true);
    for (const text of ['{{ revision }}x', 'x{{revision}}', ' {{revision}}', '{{revision}} ', '{{revision}}{{revision}}', '{{ repo_name }}', '{{revision}', 'revision', '']) {
      expect(isWholePlaceholder(text, 'revision')).toBe(false);
    }
  });

  test('onlyFixedPlaceholders: every placeholder is one the repository or the event\'s commit fixes', () => {
    expect(onlyFixedPlaceholders('git-clone@{{ revision }} {{repo_url}}')).toBe(true);
    expect(onlyFixedPlaceholders('{{ revision }} {{ body.ref }}')).toBe(false);
  });

  test('senderPlaceholder: a key PaC fills from the event, matched by its prefixes as PaC tests them, trimmed', () => {
    // body, headers and files alone (the whole event, as JSON) or as the first CEL identifier of the expression
    expect(senderPlaceholder('{{ body }}')).toBe('{{ body }}');
    expect(senderPlaceholder('{{ headers }}')).toBe('{{ headers }}');
    expect(senderPlaceholder('{{files.all}}')).toBe('{{files.all}}');
    expect(senderPlaceholder("{{ headers['X-Tag'] }}")).toBe("{{ headers['X-Tag'] }}");
    expect(senderPlaceholder('{{ body .x }}')).toBe('{{ body .x }}');
    expect(senderPlaceholder('{{ body+"" }}')).toBe('{{ body+"" }}');
    // a key that goes on with a letter, digit or _ names another identifier, which PaC's CEL does not declare: it
    // fails to compile and PaC leaves the placeholder as written
    expect(senderPlaceholder('{{bodyguard}}')).toBeUndefined();
    expect(senderPlaceholder('{{ headersX }}')).toBeUndefined();
    expect(senderPlaceholder('{{ files_all }}')).toBeUndefined();
    expect(senderPlaceholder('{{ body2.x }}')).toBeUndefined();
    expect(senderPlaceholder('{{ Body.x }}')).toBeUndefined();
    // cel: takes any expression, spaces around it trimmed; an empty one fails and is replaced with nothing
    expect(senderPlaceholder('{{cel:"a"}}')).toBe('{{cel:"a"}}');
    expect(senderPlaceholder('{{ cel:  body.ref  }}')).toBe('{{ cel:  body.ref  }}');
    // but not one whose value the sender cannot write: a variable the repository fixes, a bool, a number (PaC writes `true`, `1`)
    expect(senderPlaceholder('{{cel:1}}')).toBeUndefined();
    expect(senderPlaceholder('{{ cel: target_branch }}')).toBeUndefined();
    expect(senderPlaceholder("{{ cel: source_branch == 'main' }}")).toBeUndefined();
    expect(senderPlaceholder('{{ cel: source_branch }}')).toBe('{{ cel: source_branch }}');
    expect(senderPlaceholder('{{ cel: }}')).toBeUndefined();
    expect(senderPlaceholder('{{ cel : body.ref }}')).toBeUndefined();
    expect(senderPlaceholder('{{ CEL: body.ref }}')).toBeUndefined();
    expect(senderPlaceholder('{{ revision }}{{ body.a }}')).toBe('{{ body.a }}');
    // PaC's pattern: two or more characters other than `}` between the braces
    expect(senderPlaceholder('{{ body.a } }}')).toBeUndefined();
    expect(senderPlaceholder('{{ source_branches }}')).toBeUndefined();
    expect(senderPlaceholder('{{ .body }}')).toBeUndefined();
    // the key trimmed as Go's strings.TrimSpace trims it: U+0085 (NEL) is space to Go, a byte order mark is not
    expect(senderPlaceholder('{{\u0085body.pull_request.title\u0085}}')).toBe('{{\u0085body.pull_request.title\u0085}}');
    expect(senderPlaceholder('{{\u0085sender}}')).toBe('{{\u0085sender}}');
    expect(senderPlaceholder('{{\ufeffbody.x}}')).toBeUndefined();
    expect(chosenTemplate('{{\u0085revision\u0085}}')).toBeUndefined();
  });
});

describe('placeholdersIn: the matches of PLACEHOLDER, in linear time', () => {
  const asRegExp = (text: string) => [...text.matchAll(PLACEHOLDER)].map((m) => ({ 0: m[0], 1: m[1], index: m.index }));

  test('the same matches as the regular expression, on texts of braces, letters, spaces and line breaks', () => {
    const text = fc.array(fc.constantFrom('{', '}', 'a', ' ', '\n', '{{', '}}'), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(fc.property(text, (t) => {
      expect(placeholdersIn(t)).toEqual(asRegExp(t));
      expect(replacePlaceholders(t, (p) => `<${p.length}>`)).toBe(t.replace(PLACEHOLDER, (p) => `<${p.length}>`));
    }), { numRuns: 3000, seed: Number(process.env.PROPERTY_SEED ?? 20261204) });
  });

  test('cases: a run of braces, a key of one character, a lone closing brace, two placeholders', () => {
    expect(placeholdersIn('{{{{ab}}')).toEqual([{ 0: '{{{{ab}}', 1: '{{ab', index: 0 }]);
    expect(placeholdersIn('{{a}} {{ ab }}x{{ c } }}')).toEqual([{ 0: '{{ ab }}', 1: ' ab ', index: 6 }]);
    expect(placeholdersIn('{{ a }}{{ b }}').map((p) => p[1])).toEqual([' a ', ' b ']);
  });

  test('400,000 `{` with no `}` (JavaScript\'s backtracking takes minutes there): none, at once', () => {
    const started = Date.now();
    expect(placeholdersIn('{'.repeat(400_000))).toEqual([]);
    expect(placeholdersIn(`${'{'.repeat(400_000)}}`)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
