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
    // GitHub (go-github's event types): a milestone, the user who merged, a fork's owner, the teams asked to review
    ['body.pull_request.milestone', 'an object or an array in the events GitHub, GitLab and Bitbucket send'],
    ['body.pull_request.merged_by', 'an object or an array in the events GitHub, GitLab and Bitbucket send'],
    ['body.pull_request.head.repo.owner', 'an object or an array in the events GitHub, GitLab and Bitbucket send'],
    ['body.pull_request.requested_teams', 'an object or an array in the events GitHub, GitLab and Bitbucket send'],
    ['body.pull_request.auto_merge.enabled_by', 'an object or an array in the events GitHub, GitLab and Bitbucket send'],
    ['body.issue.milestone.creator', 'an object or an array in the events GitHub, GitLab and Bitbucket send'],
    ['body.review.user', 'an object or an array in the events GitHub, GitLab and Bitbucket send'],
    ['body.workflow_run.head_commit.author', 'an object or an array in the events GitHub, GitLab and Bitbucket send'],
    // GitLab (client-go's event types) and Bitbucket Cloud (go-playground/webhooks' payloads)
    ['body.object_attributes.last_commit.author', 'an object or an array in the events GitHub, GitLab and Bitbucket send'],
    ['body.object_attributes.assignee_ids', 'an object or an array in the events GitHub, GitLab and Bitbucket send'],
    ['body.repository', 'an object or an array in the events GitHub, GitLab and Bitbucket send'],
    ['body.pullrequest.source.commit', 'an object or an array in the events GitHub, GitLab and Bitbucket send'],
    ['body.pullrequest.reviewers', 'an object or an array in the events GitHub, GitLab and Bitbucket send'],
    ['body.actor.links', 'an object or an array in the events GitHub, GitLab and Bitbucket send'],
    ['body.commits[*].id', 'a path that selects several values, a JSON array when more than one matches'],
    ['body..id', 'a path that selects several values, a JSON array when more than one matches'],
    ['body.commits[0:2]', 'a path that selects several values, a JSON array when more than one matches'],
    ['body.commits[0,1].id', 'a path that selects several values, a JSON array when more than one matches'],
    ['header.*', 'a path that selects several values, a JSON array when more than one matches'],
    // strings of those events, and what is not known here
    ['body.pull_request.title', undefined],
    ['body.pull_request.head.sha', undefined],
    ['body.pull_request.head.label', undefined],
    ['body.pull_request.milestone.title', undefined],
    ['body.pull_request.head.repo.owner.login', undefined],
    ['body.pull_request.merged_at', undefined],
    ['body.object_attributes.last_commit.id', undefined],
    ['body.pullrequest.source.branch.name', undefined],
    ['body.pull_request.constructor', undefined],
    ['body.toString', undefined],
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
