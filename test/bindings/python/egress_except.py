"""An egress allowance whose exceptCidrs (EgressPeer.cidr's second argument, `except_cidrs`
in Python) is not inside the peer's block: prints, as JSON,
what SecureTektonErrors.refusals_of_message reads from the caught error; run.ts compares
it with TypeScript's refusalsOf for the same call.

    python egress_except.py
"""
import json
import sys

from cdk8s import App, Chart
from cdk8s_secure_tekton import EgressPeer, EgressPort, SecurePipeline, SecureTektonErrors


def main():
    app = App()
    pipeline = SecurePipeline(Chart(app, "ci", namespace="ci"), "notify")
    try:
        pipeline.egress.allow(EgressPeer.cidr("198.51.100.0/24", except_cidrs=["10.0.0.0/8"]), [EgressPort.tcp(443)])
    except RuntimeError as e:
        print(json.dumps([{"path": r.path, "rule": r.rule.value, "property": r.property, "value": r.value, "message": r.message}
                          for r in SecureTektonErrors.refusals_of_message(str(e))], indent=1))
        return 0
    print("the allowance was not refused", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
