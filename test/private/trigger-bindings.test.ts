import { bindingExpressions, pastedAsJson } from '../../src/private/trigger-bindings';

describe("binding values as Triggers' pkg/template reads them", () => {
  test('expressions: after each $(, up to the first ) that closes none opened after it', () => {
    expect(bindingExpressions('$(body.a)')).toEqual(['body.a']);
    expect(bindingExpressions('PR $(body.a) by $(header.X-User)!')).toEqual(['body.a', 'header.X-User']);
    expect(bindingExpressions('$(body.links[?(@.name=="ssh")].href)')).toEqual(['body.links[?(@.name=="ssh")].href']);
    expect(bindingExpressions('$(body.a')).toEqual([]);
    expect(bindingExpressions('plain text')).toEqual([]);
  });

  test.each<[string, string | undefined]>([
    ['body', 'the whole event body, an object'],
    ['{.body}', 'the whole event body, an object'],
    ['header', "the event's headers, an object"],
    ['extensions', "the interceptors' extensions, an object"],
    ['body.pull_request', 'an object or an array in the events GitHub, GitLab and Bitbucket send'],
    ['.body.commits', 'an object or an array in the events GitHub, GitLab and Bitbucket send'],
    ['body.object_attributes', 'an object or an array in the events GitHub, GitLab and Bitbucket send'],
    ['body.commits[*].id', 'a path that selects several values, a JSON array when more than one matches'],
    ['body..id', 'a path that selects several values, a JSON array when more than one matches'],
    ['body.commits[0:2]', 'a path that selects several values, a JSON array when more than one matches'],
    ['body.commits[0,1].id', 'a path that selects several values, a JSON array when more than one matches'],
    ['header.*', 'a path that selects several values, a JSON array when more than one matches'],
    // strings of those events, and what is not known here
    ['body.pull_request.title', undefined],
    ['body.pull_request.head.sha', undefined],
    ['body.pull_request.head.label', undefined],
    ['body.head_commit.id', undefined],
    ['header.X-GitHub-Event', undefined],
    ['extensions.changed_files', undefined],
    ['body.repository.links.clone[?(@.name=="ssh")].href', undefined],
    ['body.commits[0]', undefined],
    ['context.eventID', undefined],
    ['tt.params.x', undefined],
    ['{body}}', undefined],
  ])('%s', (expression, why) => {
    expect(pastedAsJson(expression)).toBe(why);
  });
});
