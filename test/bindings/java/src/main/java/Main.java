import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cdk8s_secure_tekton.ParamConstraint;
import dev.cdk8s_secure_tekton.PipelineParam;
import dev.cdk8s_secure_tekton.PipelineTaskOptions;
import dev.cdk8s_secure_tekton.PipelineWorkspace;
import dev.cdk8s_secure_tekton.RunWorkspace;
import dev.cdk8s_secure_tekton.SecurePipeline;
import dev.cdk8s_secure_tekton.SecurePipelineRun;
import dev.cdk8s_secure_tekton.SecureTask;
import dev.cdk8s_secure_tekton.StepProps;
import dev.cdk8s_secure_tekton.TaskParam;
import dev.cdk8s_secure_tekton.TaskWorkspace;
import dev.cdk8s_secure_tekton.TrustDomain;
import dev.cdk8s_secure_tekton.VolumeClaimTemplateOptions;
import org.cdk8s.App;
import org.cdk8s.Chart;
import org.cdk8s.ChartProps;
import org.cdk8s.Size;

public class Main {
    public static void main(String[] args) {
        App app = new App();
        Chart chart = new Chart(app, "ci", ChartProps.builder().namespace("ci").build());

        // env is written in the map's order: a LinkedHashMap keeps it (Map.of changes it from run to run)
        Map<String, String> env = new LinkedHashMap<>();
        env.put("REVISION", "$(params.revision)");
        env.put("GOCACHE", "/tmp/go-cache");
        env.put("GOPATH", "/tmp/go");
        SecureTask test = SecureTask.Builder.create(chart, "unit-test")
                .parameters(List.of(TaskParam.builder().name("revision").constraint(ParamConstraint.gitSha()).build()))
                .workspaces(List.of(TaskWorkspace.builder().name("source").domain(TrustDomain.SOURCE).build()))
                .steps(List.of(StepProps.builder()
                        .name("test")
                        .image("docker.io/library/golang:1.23-alpine@sha256:d0b31558e6b3e4cc59f6011d79905835108c919143ebecc58f35965bf79948f4")
                        .workingDir("$(workspaces.source.path)")
                        .env(env)
                        .script("#!/bin/sh\nset -eu\necho \"testing $REVISION\"\ngo test ./...\n")
                        .build()))
                .build();

        SecurePipeline pipeline = SecurePipeline.Builder.create(chart, "verify")
                .parameters(List.of(PipelineParam.builder().name("git-revision").build()))
                .workspaces(List.of(PipelineWorkspace.builder().name("source").domain(TrustDomain.SOURCE).build()))
                .build();
        pipeline.addTask(PipelineTaskOptions.builder()
                .task(test)
                .parameters(Map.of("revision", "$(params.git-revision)"))
                .workspaces(Map.of("source", "source"))
                .build());

        SecurePipelineRun.Builder.create(chart, "run")
                .pipeline(pipeline)
                .parameters(Map.of("git-revision", "0123456789abcdef0123456789abcdef01234567"))
                .workspaces(Map.of("source", RunWorkspace.volumeClaimTemplate(
                        VolumeClaimTemplateOptions.builder().storage(Size.gibibytes(1)).build())))
                .build();

        app.synth();
    }
}
