/**
 * The comments of the YAML text an object was read from that hold a `{{…}}` template. Pipelines-as-Code fills its
 * placeholders in the whole text of `.tekton/` before it parses it, comments included, so a rule that judges what it
 * pastes reads them too. The audit's reader records them (read-yaml.ts); an object the library synthesizes has none
 * (it writes no comments).
 */

/** A comment that holds `{{`, where it is written. */
export interface SourceComment {
  /** Its text, from its `#` to its line break. */
  readonly text: string;
  /** 1-based line and column (in characters) of its `#` in the file. */
  readonly line: number;
  readonly column: number;
  /**
   * Not a comment but a mapping entry a later duplicate key overwrote (its text from its key to its value's end, maybe
   * over lines): no value read holds it, and PaC fills it all the same.
   */
  readonly overwritten?: true;
  /** Not a comment but a placeholder written across YAML's tokens (`x {{ cel: body.ref }}` as a key and a value): its text. */
  readonly split?: true;
  /** Not a comment but a placeholder after the `...` line that ends the document (kubectl does not read it): its text. */
  readonly afterEnd?: true;
}

const COMMENTS = new WeakMap<object, SourceComment[]>();

/** Record comments said of `object` (after those recorded before). */
export function recordComments(object: object, comments: readonly SourceComment[]): void {
  if (comments.length === 0) return;
  const known = COMMENTS.get(object);
  if (known === undefined) COMMENTS.set(object, [...comments]);
  else known.push(...comments);
}

/** The comments recorded for `object` (none for an object that was not read from a file). */
export function commentsOf(object: unknown): readonly SourceComment[] {
  return object !== null && typeof object === 'object' ? COMMENTS.get(object) ?? [] : [];
}

/** How a finding names the comment as its place in the object: `comment on line 12` (`overwritten entry on line 12`). */
export function commentLocation(comment: SourceComment): string {
  if (comment.split || comment.afterEnd) return `placeholder on line ${comment.line}`;
  return comment.overwritten ? `overwritten entry on line ${comment.line}` : `comment on line ${comment.line}`;
}
