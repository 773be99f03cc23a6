"""The quick start (quick_start.py, the README's Python quick start) with its step's
script replaced by sys.argv[1]: prints what the error helpers read from the error
as JSON, and exits 0 when the app was refused, 1 when it synthesized.

    python refused.py SCRIPT
"""
import json
import os
import sys

from cdk8s_secure_tekton import SecureTektonErrors

QUICK_START = os.path.join(os.path.dirname(os.path.abspath(__file__)), "quick_start.py")
SCRIPT_LINE = '        script="#!/bin/sh\\nset -eu\\necho \\"testing $REVISION\\"\\ngo test ./...\\n",\n'


def refusal(r):
    out = {"path": r.path, "rule": r.rule.value, "property": r.property}
    if r.value is not None:
        out["value"] = r.value
    out["message"] = r.message
    return out


def main():
    with open(QUICK_START, encoding="utf-8") as f:
        source = f.read()
    if source.count(SCRIPT_LINE) != 1:
        sys.exit("quick_start.py has no step script line to replace")
    source = source.replace(SCRIPT_LINE, "        script=%s,\n" % json.dumps(sys.argv[1]))
    try:
        exec(compile(source, QUICK_START, "exec"), {"__name__": "quick_start"})
    except RuntimeError as e:
        # jsii raises a RuntimeError whose message is the library's message
        message = str(e)
        print(json.dumps({
            "exception": type(e).__name__,
            "isSecureTektonError": SecureTektonErrors.is_secure_tekton_error_message(message),
            "rule": getattr(SecureTektonErrors.rule_of_message(message), "value", None),
            "refusals": [refusal(r) for r in SecureTektonErrors.refusals_of_message(message)],
            "objectHelpers": object_helpers(e),
        }, indent=2))
        return 0
    print("the app was not refused", file=sys.stderr)
    return 1


def object_helpers(e):
    """What SecureTektonErrors.is_secure_tekton_error(e) does with the exception object."""
    try:
        return {"isSecureTektonError": SecureTektonErrors.is_secure_tekton_error(e)}
    except Exception as failure:  # the exception object cannot cross jsii
        return {"raises": type(failure).__name__}


if __name__ == "__main__":
    sys.exit(main())
