module github.com/cdk8s-secure-tekton/conformance/webhooks

go 1.26.4

require (
	github.com/go-playground/webhooks/v6 v6.4.0
	github.com/google/go-github/v73 v73.0.0
	gitlab.com/gitlab-org/api/client-go v0.143.3
)

require (
	github.com/google/go-querystring v1.1.0 // indirect
	github.com/hashicorp/go-cleanhttp v0.5.2 // indirect
	github.com/hashicorp/go-retryablehttp v0.7.8 // indirect
	golang.org/x/oauth2 v0.30.0 // indirect
	golang.org/x/time v0.12.0 // indirect
)
