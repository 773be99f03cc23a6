import { RELAXATION_ANNOTATION_PREFIX } from '../../private/annotations';
import { containersOf } from '../../private/containers';
import { goTrimSpace } from '../../private/go-strings';
import { formatPath } from '../../private/json-path';
import { resourceTemplates } from '../../private/resource-templates';
import { commentLocation, commentsOf } from '../../private/source-comments';
import { writtenForm } from '../../private/stored-form';
import { PASTED_BY_PAC, placeholdersIn, senderPlaceholder } from '../../private/templates';
import { Severity } from '../rule';
import { manifestRule, Problem, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

const FIX =
  'Give the run only placeholders whose value the event cannot choose ({{ revision }}, {{ pull_request_number }}, {{ repo_url }}, '
  + '{{ target_branch }}), and read the rest in a step from the provider\'s API with them (Pipelines-as-Code\'s token for it is '
  + 'the key git-provider-token of the Secret {{ git_auth_secret }}).';

/** The fix of a comment's finding: a comment uses no value, so the placeholder can go. */
const commentFix = (placeholder: string): string => `Take ${placeholder} out of the comment: a comment uses no value, and `
  + 'Pipelines-as-Code fills it all the same. Where the file is not one Pipelines-as-Code reads, say so on the object, '
  + `${RELAXATION_ANNOTATION_PREFIX}${RuleId.TEMPLATE_INJECTION}: "*: <why>" (a comment's finding has no target of its own).`;

/** What `{{ sender }}` is, which the rule cannot tell apart by provider. */
const SENDER = " (it is the sender's login: GitHub's and GitLab's hold no quote, blank, line break or `$`, a Bitbucket Cloud "
  + 'nickname may hold any text; where only the former send the events, relax the finding with that reason)';

/** `text` as a finding quotes it: its first 80 characters. */
const cut = (text: string): string => (text.length > 80 ? `${text.slice(0, 80)}…` : text);

/** What PaC's filling does, said of the placeholder the finding names (`placeholderOfProblem` reads it back). */
const pasted = (placeholder: string): string => `${placeholder}${PASTED_BY_PAC}`;

/** `SENDER` where the placeholder is `{{ sender }}`. */
const senderNote = (placeholder: string): string => (placeholder.slice(2, -2).trim() === 'sender' ? SENDER : '');

/**
 * Whether the placeholder is `{{ source_branch }}` (or `{{ cel: source_branch }}`): a branch name, which git's ref names keep free of ASCII control
 * characters (a line feed, a carriage return, a tab), blanks and `:` (git check-ref-format), but not of NEL, U+2028 and
 * U+2029, which PaC's YAML 1.1 parser (goyaml.v2) takes as line breaks.
 */
const isBranch = (placeholder: string): boolean => {
  const key = goTrimSpace(placeholder.slice(2, -2));
  // `{{ cel: source_branch }}` is the same text, as CEL gives the string variable
  return key === 'source_branch' || (key.startsWith('cel:') && goTrimSpace(key.slice('cel:'.length)) === 'source_branch');
};

/** A branch name's line breaks to PaC's parser. */
const BRANCH_BREAKS = 'a NEL, U+2028 or U+2029 in it (git allows them in a branch name, PaC\'s YAML 1.1 parser takes them as line breaks)';

/** What a `---` after such a line break does: the object ends there (PaC's parser reads only the first document of its piece). */
const DROPS = 'there, dropping every field written after it (a securityContext, the ServiceAccount)';

/** What such a line break and a `---` after it do in a value. */
const BRANCH_TRUNCATES = `${BRANCH_BREAKS} and a \`---\` after it end the object ${DROPS}`;

/** What `{{ source_branch }}` in a value can do, where a line break or `: ` cannot be written. */
const BRANCH_IN_VALUE = 'a branch name holds no line feed, blank or `:` (git check-ref-format), so it writes no field with a value, but '
  + `${BRANCH_TRUNCATES}; a quote in it ends a quoted value, and then in a flow collection (\`[…]\`, \`{…}\`) a \`,\` writes other items `
  + '(keys without a value), elsewhere the YAML no longer parses; in a script it runs as code';

/**
 * A finding for every comment of the object's YAML text that holds such a placeholder (the audit's reader records them):
 * PaC fills comments too, and a line break in the value ends the comment. Said of the object, at the comment.
 */
function commentPlaces(manifest: any): Problem[] {
  const problems: Problem[] = [];
  for (const comment of commentsOf(manifest)) {
    // after the end of the document a branch name does nothing: with no line feed it cannot start a line `---`, where PaC splits
    const placeholder = comment.afterEnd
      ? placeholdersIn(comment.text).map((p) => p[0]).find((p) => senderPlaceholder(p) !== undefined && !isBranch(p))
      : senderPlaceholder(comment.text);
    if (placeholder === undefined) continue;
    const branch = isBranch(placeholder);
    const fields = 'writes fields of the object (its image, script, securityContext)';
    // where the text is, what a line break or a quote in it does there, and the fix
    const [where, fix] = comment.afterEnd
      ? ['it is written after the end of the object\'s document (a `...` line, or the flow collection that is the document), which '
        + 'kubectl does not read but Pipelines-as-Code fills all the same: a `---` line in it starts a document of its own, any Tekton object',
      `Take ${placeholder} out of the text after the end of the document (nothing reads that text).`]
      : comment.split
        ? ['it is written across YAML\'s syntax (a `: `, a ` #`, a quote or a line of another entry inside it), so no value, key or '
          + 'comment read holds it whole, and Pipelines-as-Code fills the text all the same: '
          + (branch ? BRANCH_IN_VALUE : `a line break or a quote in it ${fields}`), FIX]
        : comment.overwritten
          ? ['it is written in a mapping entry that a later key of the same name overwrites, which kubectl does not read but '
            + `Pipelines-as-Code fills all the same: ${branch ? BRANCH_IN_VALUE : `a line break or a quote in it ends the value and ${fields}`}`,
          `Remove the overwritten entry (a later key of the same name replaces it): Pipelines-as-Code fills ${placeholder} in it all the same.`]
          : [branch
            ? `a branch name holds no line feed (git check-ref-format), but ${BRANCH_BREAKS} ends the comment, and a \`---\` after it ends the object ${DROPS}`
            : `a line break in it ends the comment, and what follows is YAML that ${fields}, or after a \`---\` line another document`,
          commentFix(placeholder)];
    problems.push({
      location: commentLocation(comment),
      property: '',
      value: cut(comment.text),
      problem: `holds ${pasted(placeholder)}: ${where}${senderNote(placeholder)}`,
      fix,
    });
  }
  return problems;
}

/** A finding for every string and key of `value` (at any depth) that holds such a placeholder, at its path. */
function placesOf(value: unknown): Problem[] {
  const problems: Problem[] = [];
  // the objects a TriggerTemplate (a Trigger's, an EventListener's inline template) creates are judged as objects of their own
  const seen = new Set<unknown>(resourceTemplates(value).map((t) => t.object));
  // the path of the node walked, written out only for a finding
  const path: Array<string | number> = [];
  const found = (text: string, what: string) => {
    const placeholder = senderPlaceholder(text);
    if (placeholder === undefined) return;
    problems.push({
      property: formatPath(path),
      value: cut(text),
      problem: `${what} ${pasted(placeholder)}: ${isBranch(placeholder) ? BRANCH_IN_VALUE
        : 'a line break or a quote in it ends the value and writes other fields (the image, the script, the securityContext), '
        + `and in a script it runs as code${senderNote(placeholder)}`}`,
      fix: FIX,
    });
  };
  const walk = (v: unknown): void => {
    if (typeof v === 'string') return found(v, 'holds');
    if (v === null || typeof v !== 'object' || seen.has(v)) return;
    // a value read from YAML may be an alias of one above it
    seen.add(v);
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        path.push(i);
        walk(x);
        path.pop();
      });
      return;
    }
    for (const k of Object.keys(v)) {
      path.push(k);
      found(k, 'has a key that holds');
      walk((v as Record<string, unknown>)[k]);
      path.pop();
    }
  };
  walk(value);
  return problems;
}

/**
 * Pipelines-as-Code pastes no text the event's sender writes into a Tekton object. It replaces every `{{ key }}` in the
 * text of the files of `.tekton/` before it parses them (pkg/pipelineascode/template.go): a string the event gives is
 * pasted as it is, line breaks and quotes included.
 */
export const TEMPLATE_INJECTION = manifestRule(
  {
    id: RuleId.TEMPLATE_INJECTION,
    severity: Severity.HIGH,
    title: 'Pipelines-as-Code pastes no text the event\'s sender writes into Tekton objects',
    rationale:
      'Pipelines-as-Code replaces each `{{ key }}` in the text of the `.tekton/` files before it splits them into documents '
      + "and parses them, and pastes a string from the event as it is. A pull request's title or a commit message with a line break ends the value it is "
      + 'pasted into and writes any field of the run (its image, script, securityContext or ServiceAccount); in a script it '
      + 'is code before Tekton ever sees it; after a line `---` it is a document of its own, any Tekton object.',
    fix: FIX,
    decidesFrom:
      'Every object, of any kind and apiVersion (its `apiVersion` and `kind` too): PaC fills the whole text of each file of '
      + '`.tekton/` before it splits it into documents, so a placeholder in a ConfigMap, a Secret, a TriggerTemplate or a '
      + 'CustomRun of such a file can end its value and start a document of its own, a PipelineRun after a `---` line (the objects a TriggerTemplate, or a Trigger\'s or an EventListener\'s inline template, creates are judged as objects of their own, not again in it). Each string and each key, at any depth (metadata, '
      + "params' values, scripts, images, annotations, and the fields the API server drops, since PaC fills the text before), is searched for Pipelines-as-Code's placeholders (`{{` two or more "
      + 'characters other than `}` `}}`, the key trimmed, as PaC matches them). A placeholder is a finding when PaC fills it '
      + 'with text from the event: a key that is `body`, `headers` or `files` (the whole of it, in JSON) or starts with one and '
      + 'then a character other than a letter, digit or `_` (PaC tests the prefix as written, then reads the key as a CEL '
      + 'expression over those variables and leaves it as written where that does not compile: `{{ bodyguard }}` and '
      + '`{{ headers_x }}` name no variable and pass), a key `cel:` and an expression (`{{ cel: body.ref }}`; not `{{ cel: }}`, '
      + 'replaced with nothing, nor an expression that is one of the standard params below that pass, `{{ cel: target_branch }}`, '
      + 'or that CEL types as a bool or a number, `{{ cel: target_branch.startsWith("release-") }}`, `{{ cel: has(body.pull_request) }}`, '
      + 'which PaC writes as `true`, `false` or digits), or one of the standard params '
      + '`source_branch` (and `cel: source_branch`: a fork\'s branch name may hold quotes, `$`, `;` and `|`, but no line feed, blank or `:`, which git\'s ref names '
      + 'refuse: it cannot write a field with a value, and its finding says what it can do: a NEL, U+2028 or U+2029, line breaks to '
      + 'PaC\'s YAML 1.1 parser, and a `---` after it end the object there and drop the fields written after it; a quote ends a quoted '
      + 'value, and in a flow collection a `,` after it writes other items; in a script it is code; after the end of the document '
      + 'it does nothing), `trigger_comment` (PaC writes its `\\n` as `\\\\n`, but keeps '
      + 'its quotes and a carriage return alone, NEL, U+2028 and U+2029, which its YAML 1.1 parser also takes as line breaks), `pull_request_labels` and `sender`. The other standard params pass: those the repository fixes '
      + '(`target_branch` and `git_tag` name a branch or tag its writers made, `repo_url`, `repo_owner`, `repo_name`, '
      + '`target_namespace`) and those the provider or PaC writes in an alphabet that cannot end a YAML value or spell shell '
      + 'code (`revision`, a SHA; `pull_request_number`; `source_url`, the URL of the fork; `git_auth_secret`; `event_type`). Each string or key is one finding, naming its first such '
      + 'placeholder. So is each comment of the YAML text the audit read the object from that holds one (`# triggered by '
      + '{{ trigger_comment }}`): PaC fills comments too, and a line break in the value (for `trigger_comment` a carriage '
      + 'return alone, NEL, U+2028 or U+2029, which end a comment to its YAML parser) ends the comment, so what follows is '
      + 'YAML, fields of the object or, after a `---` line, another document. A comment is said of the object of its '
      + 'document; one in a piece of the file without an object (before the first `---`, between two) of the next object of '
      + 'the file, else of the last. So is each mapping entry of that text that a later key of the same name overwrites (kubectl '
      + 'reads the last, PaC fills both) and that holds one, said of the object (`overwritten entry on line N`), and each one written '
      + 'across YAML\'s tokens (`- x {{ cel: body.ref }}` is a mapping of `x {{ cel` to `body.ref }}`; `placeholder on line N`) or after the end of the document (a `...` line, or a flow collection that is the document: text kubectl does not read). The audit places each finding at its placeholder where the text holds it as it reads '
      + '(a line of a script, a comment), else at its field (one written with an escape in a quoted string, or over lines).',
    limits:
      'Whether a file is one Pipelines-as-Code reads (`.tekton/`) is not known: every object is judged, so a literal '
      + '`{{ body }}` for another template language is a finding too (relax it with the reason), and so is a field of the '
      + 'event whose values cannot end a YAML value (`{{ body.head_commit.id }}`, a SHA). Nor is the provider known: '
      + '`{{ sender }}` is a finding though GitHub\'s and GitLab\'s logins cannot end a value (a Bitbucket Cloud nickname '
      + 'can; the finding says so). A Repository\'s custom '
      + 'params (any other key) are taken as the Repository fixes them; an incoming webhook\'s params and a GitOps comment\'s '
      + '`key=value` arguments (`/test build revision="…"`), which PaC lets override every param, come from users PaC '
      + 'admits and are not judged. Comments are read only by the audit (the library writes none). '
      + 'A placeholder written unquoted where a value starts (`value: {{ body.x }}`) is a mapping key to YAML, which kubectl '
      + 'refuses: the audit refuses the file too, with a hint to quote it. PaC fills the whole text of `.tekton/`, so a '
      + 'placeholder in an object of another kind there (a ConfigMap), or in a comment said of one, can also write a run '
      + 'after a `---` line: only the Tekton kinds are judged. Tasks and Pipelines PaC fetches for the `pipelinesascode.tekton.dev/task` and `/pipeline` '
      + 'annotations (a URL, Artifact Hub) are filled once inlined in the run, in its JSON text, where a quote ends the '
      + 'value: they are judged only when audited with the run. '
      + 'Helm\'s templates are filled by whoever renders the chart, not by an event, and are not judged here.',
    howToRelax:
      "`{ rule: RuleId.TEMPLATE_INJECTION, reason: '<why>' }` without a target covers every finding of the object; one in a "
      + "step or sidecar is also covered by its target (`RelaxationTarget.step('<name>')`, `RelaxationTarget.sidecar('<name>')`, "
      + "`RelaxationTarget.stepTemplate()`, below `RelaxationTarget.task('<task>', …)` in a pipeline task's embedded spec), "
      + 'given to the construct\'s `relaxations` or to `Relaxations.of(construct).add(...)`. In YAML for the audit: '
      + relaxAnnotation(RuleId.TEMPLATE_INJECTION, '*: <why>') + ' on the object (e.g. the file is not one Pipelines-as-Code '
      + 'reads, named in the reason), or for one step its target: `"step/<name>: <why>"` in a Task, '
      + '`"task/<task>/step/<name>: <why>"` in a Pipeline or PipelineRun that embeds the task (the `target` of each finding '
      + 'in `--format json`); a record whose target names no step of the object covers nothing. A comment\'s finding '
      + '(`comment on line N`) has no target: only `*` covers it, with the object\'s other findings.',
    relaxable: true,
    // PaC fills the text of every document of `.tekton/`, not only the ones it then reads as Tekton objects
    appliesTo: (m) => m !== null && typeof m === 'object' && !Array.isArray(m),
  },
  (stored) => {
    // the object as written: PaC fills the text before the API server drops a field (and its comments are the written object's)
    const manifest = writtenForm(stored);
    const problems = placesOf(manifest);
    if (problems.length === 0) return commentPlaces(manifest);
    // a finding inside a step, sidecar or stepTemplate is said of it, as the other rules say theirs (the deepest first)
    const views = [...containersOf(manifest)].sort((a, b) => b.path.length - a.path.length);
    return [...problems.map((p) => {
      const view = views.find((v) => p.property.startsWith(`${v.path}.`) || p.property.startsWith(`${v.path}[`));
      if (view === undefined) return p;
      const property = p.property.slice(view.path.length);
      return { ...p, location: view.location, target: view.target, property: property.startsWith('.') ? property.slice(1) : property };
    }), ...commentPlaces(manifest)];
  },
);
