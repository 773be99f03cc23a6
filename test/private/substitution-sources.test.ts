import { substitutedThere } from '../../src/private/substitution-sources';

describe('substitutedThere', () => {
  test('names what puts the value there: params, results of earlier tasks, the event, a workspace path, the run\'s name', () => {
    expect(substitutedThere('$(params.dir)')).toBe('Tekton substitutes params there');
    expect(substitutedThere('$(params["dir"])')).toBe('Tekton substitutes params there');
    expect(substitutedThere('$(inputs.params.dir)')).toBe('Tekton substitutes params there');
    expect(substitutedThere('$(tasks.fetch.results.dir)')).toBe('Tekton substitutes the results of earlier tasks there');
    expect(substitutedThere('$(tasks.fetch.results["dir"])')).toBe('Tekton substitutes the results of earlier tasks there');
    expect(substitutedThere('$(tt.params.repo)')).toBe("Tekton Triggers pastes the event's value there before Tekton reads the run");
    expect(substitutedThere('$(workspaces.src.path)')).toBe("Tekton substitutes the workspace's path there, whose mountPath a caller chooses");
    expect(substitutedThere('$(context.taskRun.name)')).toBe("Tekton substitutes the run's name there, which whoever creates the run chooses");
    expect(substitutedThere('$(context.pipelineRun.name)')).toBe("Tekton substitutes the run's name there, which whoever creates the run chooses");
  });

  test('another substitution is named as written, not as a param', () => {
    expect(substitutedThere('$(steps.a.results.b)')).toBe('Tekton substitutes $(steps.a.results.b) there');
    // a task's status is no result; `paramsx` is no param
    expect(substitutedThere('$(tasks.a.status)')).toBe('Tekton substitutes $(tasks.a.status) there');
    expect(substitutedThere('$(paramsx)')).toBe('Tekton substitutes $(paramsx) there');
  });
});
