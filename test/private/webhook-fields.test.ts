import * as fs from 'fs';
import { WEBHOOK_FIELDS_FILE, WEBHOOK_FIELDS_JSON, webhookFieldsFromGo, webhookFieldsSource } from '../../scripts/generate-webhook-fields';
import { WEBHOOK_FIELDS } from '../../src/private/webhook-fields';
import { describeWithOracle } from '../helpers/tekton-oracle';

test('src/private/webhook-fields.ts is generated from conformance/webhook-fields.json (npx projen webhook-fields)', () => {
  expect(fs.readFileSync(WEBHOOK_FIELDS_FILE, 'utf8')).toBe(webhookFieldsSource());
});

test("the events' types as go-github, GitLab's client-go and go-playground/webhooks declare them", () => {
  expect(WEBHOOK_FIELDS.github.PullRequest).toMatchObject({
    head: ['PullRequestBranch'], milestone: ['Milestone'], merged_by: ['User'], requested_teams: ['[]'], labels: ['[]'],
  });
  expect(WEBHOOK_FIELDS.github.PullRequestBranch).toMatchObject({ repo: ['Repository'], user: ['User'] });
  // a time is written as a string, and a string field is no container
  expect(WEBHOOK_FIELDS.github.PullRequest.merged_at).toBeUndefined();
  expect(WEBHOOK_FIELDS.github.PullRequest.title).toBeUndefined();
  expect(WEBHOOK_FIELDS.gitlab[''].object_attributes).toEqual(expect.arrayContaining(['MergeEvent.object_attributes', 'PipelineEvent.object_attributes']));
  expect(WEBHOOK_FIELDS.bitbucket[''].pullrequest).toEqual(['PullRequest']);
});

describeWithOracle('conformance/webhooks/cmd/webhook-fields', () => {
  test('conformance/webhook-fields.json is what it prints (npx projen webhook-fields -- --refresh)', () => {
    expect(fs.readFileSync(WEBHOOK_FIELDS_JSON, 'utf8')).toBe(webhookFieldsFromGo());
  }, 600_000);
});
