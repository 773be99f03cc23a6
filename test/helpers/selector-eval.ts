/**
 * apimachinery's own reading of label selectors as a test oracle: builds conformance/cmd/selector-eval
 * (sigs.k8s.io/json decoding, metav1validation.ValidateLabelSelector, metav1.LabelSelectorAsSelector and
 * Selector.Matches) and answers, in one process, whether selectors are admitted and which label sets they match.
 *
 * Without Go, `describeWithSelectorEval` skips its tests with one notice, except in CI
 * (`CI` set and not "false" or "0"), where a missing Go is a failure.
 */
import { describeWithJsonLinesCommand, JsonLinesCommand, runJsonLinesCommand } from './tekton-oracle';

/** A selector's JSON text (read as written: a field in another case, a key given twice) and the label sets to match. */
export interface SelectorQuery {
  readonly selector: string;
  readonly labels: ReadonlyArray<Readonly<Record<string, string>>>;
}

/** What apimachinery makes of a selector (see conformance/cmd/selector-eval). */
export interface SelectorAnswer {
  /** False when the text does not decode into a LabelSelector (then `error` says why). */
  readonly decoded: boolean;
  readonly error?: string;
  /** The text is `null`: a nil selector. */
  readonly null: boolean;
  /** What strict field validation refuses (an unknown field). */
  readonly strict: readonly string[];
  /** What ValidateLabelSelector refuses. */
  readonly invalid: readonly string[];
  readonly asSelectorError?: string;
  /** Per label set, whether the selector matches it (when LabelSelectorAsSelector gives a selector). */
  readonly matches?: readonly boolean[];
}

const SELECTOR_EVAL: JsonLinesCommand = {
  command: 'selector-eval',
  compares: 'label-selectors.ts with apimachinery\'s reading of label selectors',
  verb: 'answered',
  items: 'selectors',
};

/** Answers the queries in one run of selector-eval (one answer per query, in order). */
export function selectorEval(queries: readonly SelectorQuery[]): SelectorAnswer[] {
  return runJsonLinesCommand<SelectorAnswer>(SELECTOR_EVAL, queries);
}

/** Whether the API server admits the selector (kubectl's strict field validation on): it decodes, no field is unknown, ValidateLabelSelector is content. */
export function admitted(a: SelectorAnswer): boolean {
  return a.decoded && a.strict.length === 0 && a.invalid.length === 0;
}

/** `describe` for tests that run selector-eval (see describeWithJsonLinesCommand). */
export function describeWithSelectorEval(name: string, fn: () => void): void {
  describeWithJsonLinesCommand(SELECTOR_EVAL, name, fn);
}
