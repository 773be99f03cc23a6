/**
 * The order in which cdk8s writes charts and objects, without building its graph.
 *
 * cdk8s orders the charts of an app (`App.charts`) and the objects of a chart
 * (`Chart.toJson()`) with `new DependencyGraph(scope.node).topology()`: a vertex per
 * construct, keyed by path in a plain object, an edge per dependency. With no
 * dependency in the app, that order is the order of the object's keys: the tree's
 * preorder, except that paths which are array indexes (`"0"`, `"12"`: only ids of the
 * app's own children can be) come first, in numeric order. The graph costs a vertex,
 * two sets and a path string per construct, every time it is built; this gives the
 * same order with one walk, and builds the graph as cdk8s does when a construct of the
 * scope has a dependency.
 */
import { DependencyGraph } from 'cdk8s';
import { IConstruct } from 'constructs';

/** Whether a property key is an array index, which JavaScript orders before other keys. */
function isArrayIndex(key: string): boolean {
  return /^(?:0|[1-9][0-9]*)$/.test(key) && Number(key) < 4294967295;
}

/**
 * `new DependencyGraph(scope.node).topology()`: the constructs of `scope` in cdk8s's order.
 * Only dependencies of constructs in `scope` shape that order (cdk8s's graph of a scope
 * has no edge from outside it), so one walk of the scope tells whether cdk8s's graph is
 * needed.
 */
export function topology(scope: IConstruct): IConstruct[] {
  const indexed: Array<{ readonly index: number; readonly construct: IConstruct }> = [];
  const rest: IConstruct[] = [];
  for (const c of scope.node.findAll()) {
    if (c.node.dependencies.length > 0) return new DependencyGraph(scope.node).topology();
    // only a path without `/` can be an index: the root's (empty) and its children's
    const parent = c.node.scope;
    const path = parent === undefined || parent.node.scope === undefined ? c.node.path : undefined;
    if (path !== undefined && isArrayIndex(path)) indexed.push({ index: Number(path), construct: c });
    else rest.push(c);
  }
  if (indexed.length === 0) return rest;
  indexed.sort((a, b) => a.index - b.index);
  return [...indexed.map((x) => x.construct), ...rest];
}
