"""The quick start (quick_start.py, the README's Python quick start) with its step's
image given by tag and the fix of the refusal that follows written in, as the README
says a Python user reads `relaxations: [{ rule: RuleId.IMAGE_DIGEST, reason: '<why>' }]`:

    python relaxed.py struct   # relaxations=[Relaxation(rule=RuleId.IMAGE_DIGEST, reason=...)]
    python relaxed.py dict     # relaxations=[{"rule": RuleId.IMAGE_DIGEST, "reason": ...}]
    python relaxed.py add      # Relaxations.of(test).add(Relaxation(rule=..., target=RelaxationTarget.step("test"), reason=...))
    python relaxed.py none     # no relaxation: refused; prints the refusal's rule and fix

Writes the YAML to CDK8S_OUTDIR (run.ts compares it with the TypeScript variant's).
"""
import os
import re
import sys

from cdk8s_secure_tekton import SecureTektonErrors

QUICK_START = os.path.join(os.path.dirname(os.path.abspath(__file__)), "quick_start.py")
IMAGE = "docker.io/library/golang:1.23-alpine"  # test/bindings/readme.ts RELAXED_IMAGE
REASON = "the quick start shows a relaxation recorded in the YAML"  # RELAXED_REASON
RELAXATIONS = {
    "struct": 'relaxations=[Relaxation(rule=RuleId.IMAGE_DIGEST, reason="%s")],' % REASON,
    "dict": 'relaxations=[{"rule": RuleId.IMAGE_DIGEST, "reason": "%s"}],' % REASON,
    "none": None,
}
# the same relaxation given to the SecureTask after it is made, as a refusal of an object the
# library did not make says: Relaxations.of(x).add({ rule: RuleId.IMAGE_DIGEST, target: ..., reason: '<why>' })
ADD = ('Relaxations.of(test).add(Relaxation(rule=RuleId.IMAGE_DIGEST, target=RelaxationTarget.step("test"), reason="%s"))\n'
       % REASON)


def main():
    relaxation = None if sys.argv[1] == "add" else RELAXATIONS[sys.argv[1]]
    with open(QUICK_START, encoding="utf-8") as f:
        source = f.read()
    images = re.findall(r"^( *)image=.*\n", source, re.M)
    if len(images) != 1:
        sys.exit("quick_start.py has no single image line to replace")
    indent = images[0]
    written = '%simage="%s",\n' % (indent, IMAGE)
    if relaxation is not None:
        written += indent + relaxation + "\n"
    source = re.sub(r"^ *image=.*\n", lambda _: written, source, flags=re.M)
    if sys.argv[1] == "add":
        if source.count("\npipeline = ") != 1:
            sys.exit("quick_start.py has no single pipeline line to add the relaxation before")
        source = source.replace("\npipeline = ", "\n" + ADD + "\npipeline = ")
    source = "from cdk8s_secure_tekton import Relaxation, RelaxationTarget, Relaxations, RuleId\n" + source
    try:
        exec(compile(source, QUICK_START, "exec"), {"__name__": "quick_start"})
    except RuntimeError as e:
        refusals = SecureTektonErrors.refusals_of_message(str(e))
        for r in refusals:
            print("%s %s" % (r.rule.value, r.message))
        return 0 if sys.argv[1] == "none" and refusals else 1
    return 0 if sys.argv[1] != "none" else 1


if __name__ == "__main__":
    sys.exit(main())
