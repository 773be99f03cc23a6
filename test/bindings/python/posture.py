"""The quick start (quick_start.py, the README's Python quick start), then its posture
report read from Python: every object of PostureReport.from_app(app).objects with its
checks (rule, status, findings, relaxation targets), and the same read from the report's
to_json(), which the library builds in JavaScript from those objects. Prints both as
JSON, {"objects": [...], "json": [...]}; run.ts checks that they are equal and hold
every object the quick start writes.

    python posture.py
"""
import json
import os
import sys

from cdk8s_secure_tekton import PostureReport

QUICK_START = os.path.join(os.path.dirname(os.path.abspath(__file__)), "quick_start.py")


def main():
    with open(QUICK_START, encoding="utf-8") as f:
        source = f.read()
    scope = {"__name__": "quick_start"}
    exec(compile(source, QUICK_START, "exec"), scope)
    report = PostureReport.from_app(scope["app"])
    # the structs jsii hands over: ObjectPosture, CheckResult, Finding, RecordedRelaxation
    objects = [{
        "kind": o.kind,
        "name": o.name,
        "checks": [[c.rule.value, c.status.value, len(c.findings), [r.target or "*" for r in (c.relaxations or [])]] for c in o.checks],
    } for o in report.objects]
    written = [{
        "kind": o["kind"],
        "name": o["name"],
        # the JSON writes a status as its value ("not-applicable"); jsii's Python enums carry the
        # member's name as their value (CheckStatus.NOT_APPLICABLE.value == "NOT_APPLICABLE")
        "checks": [[c["rule"], c["status"].upper().replace("-", "_"), len(c.get("findings", [])), [r.get("target", "*") for r in c.get("relaxations", [])]] for c in o["checks"]],
    } for o in report.to_json()["objects"]]
    print(json.dumps({"objects": objects, "json": written}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
