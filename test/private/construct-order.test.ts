/**
 * cdk8s's order of charts and objects, without its dependency graph.
 */
import { ApiObject, App, Chart, DependencyGraph } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import * as fc from 'fast-check';
import { topology } from '../../src/private/construct-order';

/** Ids that JavaScript orders as array indexes, and some that look like them but are not. */
const ids = ['0', '1', '2', '10', '9', '01', '-1', '1.5', '4294967294', '4294967295', 'a', 'b', 'chart', 'x1'];

interface Shape {
  readonly id: string;
  readonly kind: 'chart' | 'construct' | 'object';
  readonly children: Shape[];
}

const shape: fc.Arbitrary<Shape[]> = fc.letrec<{ node: Shape; nodes: Shape[] }>((tie) => ({
  node: fc.record({
    id: fc.constantFrom(...ids),
    kind: fc.constantFrom('chart' as const, 'construct' as const, 'object' as const),
    children: tie('nodes'),
  }),
  nodes: fc.oneof({ depthSize: 'small' }, fc.constant<Shape[]>([]), fc.array(tie('node'), { maxLength: 4 })),
})).nodes;

/** Builds the tree under `scope`, skipping ids taken already and objects outside a chart. */
function build(scope: Construct, nodes: readonly Shape[], inChart: boolean, all: IConstruct[]): void {
  for (const n of nodes) {
    if (scope.node.tryFindChild(n.id)) continue;
    if (n.kind === 'object' && !inChart) continue;
    const c = n.kind === 'chart' ? new Chart(scope, n.id) : n.kind === 'object' ? new ApiObject(scope, n.id, { apiVersion: 'v1', kind: 'ConfigMap' }) : new Construct(scope, n.id);
    all.push(c);
    if (n.kind !== 'object') build(c, n.children, inChart || n.kind === 'chart', all);
  }
}

const paths = (cs: readonly IConstruct[]): string[] => cs.map((c) => c.node.path);

describe('topology', () => {
  test('orders every scope as cdk8s\'s DependencyGraph does, with and without dependencies', () => {
    fc.assert(
      fc.property(shape, fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }), (nodes, deps) => {
        const app = new App();
        const all: IConstruct[] = [];
        build(app, nodes, false, all);
        // a dependency between two constructs, when it makes no cycle
        for (const [a, b] of deps) {
          if (all.length < 2) break;
          const from = all[a % all.length];
          const to = all[b % all.length];
          if (from === to) continue;
          from.node.addDependency(to);
          try {
            new DependencyGraph(app.node);
          } catch {
            return; // a cycle: cdk8s refuses it, nothing to compare
          }
        }
        for (const scope of [app, ...all]) {
          expect(paths(topology(scope))).toEqual(paths(new DependencyGraph(scope.node).topology()));
        }
      }),
      { numRuns: 500 },
    );
  });

  test('charts with index-like ids come first, in numeric order', () => {
    const app = new App();
    for (const id of ['b', '10', 'a', '2', '01', '0']) new Chart(app, id);
    expect(paths(topology(app).filter((c) => c instanceof Chart))).toEqual(['0', '2', '10', 'b', 'a', '01']);
    expect(app.charts.map((c) => c.node.path)).toEqual(['0', '2', '10', 'b', 'a', '01']);
  });
});
