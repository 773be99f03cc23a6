package dev.cdk8s_secure_tekton.smoke;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cdk8s_secure_tekton.CheckResult;
import dev.cdk8s_secure_tekton.ObjectPosture;
import dev.cdk8s_secure_tekton.ParamConstraint;
import dev.cdk8s_secure_tekton.PipelineParam;
import dev.cdk8s_secure_tekton.PipelineTaskOptions;
import dev.cdk8s_secure_tekton.PipelineWorkspace;
import dev.cdk8s_secure_tekton.PostureReport;
import dev.cdk8s_secure_tekton.Refusal;
import dev.cdk8s_secure_tekton.RuleId;
import dev.cdk8s_secure_tekton.RunWorkspace;
import dev.cdk8s_secure_tekton.SecurePipeline;
import dev.cdk8s_secure_tekton.SecurePipelineRun;
import dev.cdk8s_secure_tekton.SecureTask;
import dev.cdk8s_secure_tekton.SecureTektonErrors;
import dev.cdk8s_secure_tekton.StepProps;
import dev.cdk8s_secure_tekton.TaskParam;
import dev.cdk8s_secure_tekton.TaskWorkspace;
import dev.cdk8s_secure_tekton.TrustDomain;
import dev.cdk8s_secure_tekton.VolumeClaimTemplateOptions;
import org.cdk8s.App;
import org.cdk8s.Chart;
import org.cdk8s.ChartProps;
import org.cdk8s.Size;

/**
 * The README's quick start in Java, and what the error helpers read from a refusal.
 *
 * <pre>
 * QuickStart                 synthesize the quick start (into $CDK8S_OUTDIR, default dist/)
 * QuickStart refused SCRIPT  the quick start with its step's script replaced by SCRIPT: print
 *                            what the error helpers read from the error as JSON; exit 1 if
 *                            the app was not refused
 * QuickStart posture         synthesize the quick start, then read PostureReport.fromApp(app).getObjects()
 *                            (structs jsii hands over by reference) and its toJson(): print as JSON
 *                            whether both say the same (kind, name, each check's rule and status),
 *                            the objects' kinds and how many checks each has
 * </pre>
 */
public final class QuickStart {
    static final String QUICK_START_SCRIPT = "#!/bin/sh\nset -eu\necho \"testing $REVISION\"\ngo test ./...\n";

    static App quickStart(String script) {
        App app = new App();
        Chart chart = new Chart(app, "ci", ChartProps.builder().namespace("ci").build());

        // a LinkedHashMap keeps the order of the keys, as in the TypeScript object literal
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
                        .script(script)
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
        return app;
    }

    /** The posture report's objects as getObjects() and as toJson() give them (see the class comment). */
    @SuppressWarnings("unchecked")
    static void posture() {
        PostureReport report = PostureReport.fromApp(quickStart(QUICK_START_SCRIPT));
        List<String> read = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        List<String> checks = new ArrayList<>();
        for (ObjectPosture o : report.getObjects()) {
            StringBuilder b = new StringBuilder(o.getKind() + "/" + o.getName() + ":");
            for (CheckResult c : o.getChecks()) b.append(' ').append(c.getRule()).append('=').append(c.getStatus());
            read.add(b.toString());
            kinds.add(json(o.getKind()));
            checks.add(String.valueOf(o.getChecks().size()));
        }
        List<String> written = new ArrayList<>();
        for (Map<String, Object> o : (List<Map<String, Object>>) ((Map<String, Object>) report.toJson()).get("objects")) {
            StringBuilder b = new StringBuilder(o.get("kind") + "/" + o.get("name") + ":");
            for (Map<String, Object> c : (List<Map<String, Object>>) o.get("checks")) {
                // the JSON writes a status as its value ("not-applicable"), the Java enum by its name
                b.append(' ').append(c.get("rule")).append('=').append(((String) c.get("status")).toUpperCase().replace('-', '_'));
            }
            written.add(b.toString());
        }
        System.out.println("{\"same\": " + (!read.isEmpty() && read.equals(written)) + ", \"kinds\": [" + String.join(", ", kinds)
                + "], \"checks\": [" + String.join(", ", checks) + "]}");
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            quickStart(QUICK_START_SCRIPT);
            return;
        }
        if (args.length == 1 && args[0].equals("posture")) {
            posture();
            return;
        }
        if (args.length != 2 || !args[0].equals("refused")) {
            System.err.println("usage: QuickStart [refused SCRIPT | posture]");
            System.exit(2);
        }
        try {
            quickStart(args[1]);
        } catch (RuntimeException e) {
            // jsii throws a JsiiError whose message is the library's message
            String message = e.getMessage();
            RuleId rule = SecureTektonErrors.ruleOfMessage(message);
            List<String> refusals = new ArrayList<>();
            for (Refusal r : SecureTektonErrors.refusalsOfMessage(message)) {
                refusals.add("{\"path\": " + json(r.getPath()) + ", \"rule\": " + json(r.getRule().toString())
                        + ", \"property\": " + json(r.getProperty())
                        + (r.getValue() != null ? ", \"value\": " + json(r.getValue()) : "")
                        + ", \"message\": " + json(r.getMessage()) + "}");
            }
            System.out.println("{\"exception\": " + json(e.getClass().getName())
                    + ", \"isSecureTektonError\": " + SecureTektonErrors.isSecureTektonErrorMessage(message)
                    + ", \"rule\": " + (rule == null ? "null" : json(rule.toString()))
                    + ", \"refusals\": [" + String.join(", ", refusals) + "]"
                    + ", \"objectHelpers\": " + objectHelpers(e) + "}");
            return;
        }
        System.err.println("the app was not refused");
        System.exit(1);
    }

    /** What SecureTektonErrors.isSecureTektonError does with the exception object. */
    static String objectHelpers(RuntimeException e) {
        try {
            return "{\"isSecureTektonError\": " + SecureTektonErrors.isSecureTektonError(e) + "}";
        } catch (RuntimeException failure) {
            return "{\"raises\": " + json(failure.getClass().getName()) + "}";
        }
    }

    static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
