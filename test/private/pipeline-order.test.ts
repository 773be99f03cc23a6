import { PipelineOrder } from '../../src/private/pipeline-order';

const task = (name: string, more: any = {}) => ({ name, taskRef: { name: 't' }, ...more });

describe('PipelineOrder', () => {
  test('runAfter, transitively', () => {
    const order = new PipelineOrder({ tasks: [task('a'), task('b', { runAfter: ['a'] }), task('c', { runAfter: ['b'] }), task('d')] });
    expect(order.before('a', 'b')).toBe(true);
    expect(order.before('a', 'c')).toBe(true);
    expect(order.before('b', 'a')).toBe(false);
    expect(order.before('a', 'd')).toBe(false);
    expect(order.before('d', 'a')).toBe(false);
    expect(order.before('a', 'a')).toBe(false);
  });

  test("results used in params, matrix, when and an embedded spec's steps and sidecars (PipelineTask.Deps)", () => {
    const uses = (where: any) => new PipelineOrder({ tasks: [task('a'), task('b', where)] }).before('a', 'b');
    expect(uses({ params: [{ name: 'p', value: '$(tasks.a.results.digest)' }] })).toBe(true);
    expect(uses({ params: [{ name: 'p', value: ['x', '$(tasks.a.results.list[*])'] }] })).toBe(true);
    expect(uses({ matrix: { params: [{ name: 'p', value: '$(tasks.a.results.items[*])' }] } })).toBe(true);
    expect(uses({ matrix: { include: [{ name: 'i', params: [{ name: 'p', value: '$(tasks.a.results.x)' }] }] } })).toBe(true);
    expect(uses({ when: [{ input: '$(tasks.a.results.ok)', operator: 'in', values: ['true'] }] })).toBe(true);
    expect(uses({ taskSpec: { steps: [{ name: 's', script: 'echo $(tasks.a.results.x)' }] } })).toBe(true);
    expect(uses({ taskSpec: { sidecars: [{ name: 's', args: ['$(tasks.a.results.x)'] }] } })).toBe(true);
    // not a result reference: a param of the same text, a task's status (finally only)
    expect(uses({ params: [{ name: 'p', value: '$(params.tasks.a.results)' }] })).toBe(false);
    expect(uses({ params: [{ name: 'p', value: '$(tasks.a.status)' }] })).toBe(false);
  });

  test('finally tasks run after every task, and in any order among themselves', () => {
    const order = new PipelineOrder({ tasks: [task('a'), task('b')], finally: [task('f'), task('g')] });
    expect(order.before('a', 'f')).toBe(true);
    expect(order.before('b', 'g')).toBe(true);
    expect(order.before('f', 'a')).toBe(false);
    expect(order.before('f', 'g')).toBe(false);
  });

  test('a cycle (refused by Tekton) or an unknown name ends the walk', () => {
    const order = new PipelineOrder({ tasks: [task('a', { runAfter: ['b'] }), task('b', { runAfter: ['a', 'nope'] })] });
    expect(order.before('a', 'b')).toBe(true);
    expect(order.before('b', 'a')).toBe(true);
    expect(order.before('nope', 'b')).toBe(false);
    expect(new PipelineOrder(undefined).before('a', 'b')).toBe(false);
  });
});
