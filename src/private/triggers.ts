/**
 * Facts of Tekton Triggers that TRIGGERS_AUTHENTICATED and its admission policy both read
 * (tektoncd/triggers: pkg/sink, pkg/interceptors, v1alpha1 defaulting).
 */

/** The group of Tekton Triggers' EventListeners and Triggers. */
export const TRIGGERS_GROUP = 'triggers.tekton.dev';
/** The core interceptors that check who sent an event, when given the webhook secret (`secretRef`). */
export const VERIFIERS: readonly string[] = ['github', 'gitlab', 'bitbucket'];
/** v1alpha1's deprecated inline interceptors, in the order Triggers' GetName picks one. */
export const DEPRECATED_INTERCEPTORS: readonly string[] = ['bitbucket', 'cel', 'github', 'gitlab'];
