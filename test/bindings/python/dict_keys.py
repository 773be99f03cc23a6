"""The quick start (quick_start.py, the README's Python quick start) with its step given
as a dict instead of StepProps(...): jsii passes a dict as written, so its keys must be
TypeScript's.

    python dict_keys.py camel   # {"workingDir": ...}: the quick start's YAML
    python dict_keys.py snake   # {"working_dir": ...}: jsii drops the key the struct does not have,
                                # without a word: the YAML of the quick start without workingDir

Writes the YAML to CDK8S_OUTDIR (run.ts compares it with TypeScript's); exits 1 if refused.
"""
import json
import os
import sys

from cdk8s_secure_tekton import SecureTektonErrors

QUICK_START = os.path.join(os.path.dirname(os.path.abspath(__file__)), "quick_start.py")
STEP = """    steps=[StepProps(
        name="test",
        image="docker.io/library/golang:1.23-alpine@sha256:d0b31558e6b3e4cc59f6011d79905835108c919143ebecc58f35965bf79948f4",
        working_dir="$(workspaces.source.path)",
        env={"REVISION": "$(params.revision)", "GOCACHE": "/tmp/go-cache", "GOPATH": "/tmp/go"},
        script="#!/bin/sh\\nset -eu\\necho \\"testing $REVISION\\"\\ngo test ./...\\n",
    )],
"""


def main():
    key = {"camel": "workingDir", "snake": "working_dir"}[sys.argv[1]]
    with open(QUICK_START, encoding="utf-8") as f:
        source = f.read()
    if source.count(STEP) != 1:
        sys.exit("quick_start.py has no step to give as a dict")
    as_dict = (STEP.replace("StepProps(", "{").replace("\n    )],", "\n    }],")
               .replace('name="test"', '"name": "test"').replace("image=", '"image": ')
               .replace("working_dir=", '"%s": ' % key).replace("env=", '"env": ').replace("script=", '"script": '))
    source = source.replace(STEP, as_dict)
    try:
        exec(compile(source, QUICK_START, "exec"), {"__name__": "quick_start"})
    except RuntimeError as e:
        print(json.dumps([r.message for r in SecureTektonErrors.refusals_of_message(str(e))], indent=1))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
