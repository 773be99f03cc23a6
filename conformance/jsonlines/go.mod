module github.com/cdk8s-secure-tekton/conformance/jsonlines

go 1.26.4
