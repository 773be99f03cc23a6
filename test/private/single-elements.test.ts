import { PipelineTaskContext } from '../../src/private/containers';
import { singleElements } from '../../src/private/single-elements';

const at = (pipelineParams: any[], taskParams: any[] = [], customTask = false): PipelineTaskContext => ({
  task: { name: 't', params: taskParams, taskSpec: {} }, pipelineParams, customTask,
});

test('singleElements: a whole param the pipeline declares a string or an object, which a run cannot give as an array', () => {
  const single = singleElements(at([
    { name: 's', type: 'string' }, { name: 'd', default: 'x' }, { name: 'o', properties: {} }, { name: 'n' }, { name: 'a', type: 'array' },
    { name: 'da', default: ['x'] }, { name: 'list', type: 'string' },
  ], [{ name: 'list', value: ['a', 'b'] }, { name: 's', value: 'echo' }]))!;
  expect(['$(params.s)', '$(params["s"])', "$(params['d'])", '$(params.o)', '$(params.n)'].map(single)).toEqual([true, true, true, true, true]);
  // an array (its type or its default's), a param the pipeline does not declare, one the pipeline task passes an array for
  expect(['$(params.a)', '$(params.da)', '$(params.x)', '$(params.list)'].map(single)).toEqual([false, false, false, false]);
  // not a whole param: part of an element, an element of an array, a key of an object
  expect(['-$(params.s)', '$(params.s[*])', '$(params.o.k)', 'sh'].map(single)).toEqual([false, false, false, false]);
  // outside a pipeline task, and in a custom task's spec: not read
  expect(singleElements(undefined)).toBeUndefined();
  expect(singleElements(at([{ name: 's', type: 'string' }], [], true))).toBeUndefined();
});
