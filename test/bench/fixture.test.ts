/**
 * The benchmarks' workload (bench/fixture.ts) is an app the library accepts: `npx projen bench`
 * measures nothing when its fixture is refused. One pipeline in each layout, synthesized as the
 * benchmark does.
 */
import { buildConstructApp, LAYOUTS, synthesizeAndCapture } from '../../bench/fixture';

test.each(LAYOUTS)('the %s fixture synthesizes: 15 objects per pipeline', (layout) => {
  const { charts } = synthesizeAndCapture(buildConstructApp(2, layout));
  const kinds = charts.flatMap((c) => c.objects.map((o) => o.kind));
  expect(kinds).toHaveLength(30);
  expect(kinds.filter((k) => k === 'Task')).toHaveLength(12);
  expect(kinds.filter((k) => k === 'NetworkPolicy')).toHaveLength(12);
});
