// Command provider-objects answers how the Vault CSI provider reads the `objects` parameter of a
// SecretProviderClass: hashicorp/vault-csi-provider v1.7.4 (internal/config `parseParameters`)
// decodes it with gopkg.in/yaml.v3's `yaml.Unmarshal` (the release in go.mod, v3.0.1) into a list
// of its `Secret`, whose fields are typed so: objectName, secretPath, secretKey, method and encoding
// strings, secretArgs a map[string]interface{}, filePermission an os.FileMode. It then sends each
// object's secretArgs as a JSON body (Go's encoding/json), which fails for a value JSON cannot hold.
//
// Usage:
//
//	provider-objects < texts.jsonl
//
// Each input line is one JSON string: an `objects` text. Each output line, in the order of the input:
//
//	{"objects": [{"objectName": "a", "secretPath": "", "secretKey": "", "method": "", "encoding": "",
//	  "filePermission": 0, "secretArgs": true, "secretArgsError": "json: unsupported value: +Inf"}]}
//
// or {"error": "..."}, yaml.Unmarshal's error text (a decoding error of several lines as it gives it).
// `secretArgs` says whether the map decoded is not nil; `secretArgsError` is json.Marshal's error for
// it, if any. Exit status: 0, or 2 when the input cannot be read.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"gopkg.in/yaml.v3"

	"github.com/cdk8s-secure-tekton/conformance/jsonlines"
)

// Secret has the fields and yaml names of the provider's own (vault-csi-provider v1.7.4 internal/config),
// so that yaml.v3's errors name the same types (`main.Secret`, `fs.FileMode`).
type Secret struct {
	ObjectName     string                 `yaml:"objectName,omitempty"`
	SecretPath     string                 `yaml:"secretPath,omitempty"`
	SecretKey      string                 `yaml:"secretKey,omitempty"`
	Method         string                 `yaml:"method,omitempty"`
	SecretArgs     map[string]interface{} `yaml:"secretArgs,omitempty"`
	Encoding       string                 `yaml:"encoding,omitempty"`
	FilePermission os.FileMode            `yaml:"filePermission,omitempty"`
}

type object struct {
	ObjectName      string `json:"objectName"`
	SecretPath      string `json:"secretPath"`
	SecretKey       string `json:"secretKey"`
	Method          string `json:"method"`
	Encoding        string `json:"encoding"`
	FilePermission  uint32 `json:"filePermission"`
	SecretArgs      bool   `json:"secretArgs"`
	SecretArgsError string `json:"secretArgsError,omitempty"`
}

type answer struct {
	Objects []object `json:"objects"`
	Error   string   `json:"error,omitempty"`
}

func main() {
	os.Exit(run(os.Stdin, os.Stdout, os.Stderr))
}

func run(stdin io.Reader, stdout, stderr io.Writer) int {
	if err := jsonlines.Answer(stdin, stdout, func(line []byte) (any, error) {
		var text string
		if err := json.Unmarshal(line, &text); err != nil {
			return nil, fmt.Errorf("a request is not a JSON string: %w", err)
		}
		return decode(text), nil
	}); err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	return 0
}

// decode reads text as the provider does; a panic of the decoder (which the provider would not survive) is an error too.
func decode(text string) (a answer) {
	defer func() {
		if r := recover(); r != nil {
			a = answer{Error: fmt.Sprintf("panic: %v", r)}
		}
	}()
	var secrets []Secret
	if err := yaml.Unmarshal([]byte(text), &secrets); err != nil {
		return answer{Error: err.Error()}
	}
	objects := make([]object, 0, len(secrets))
	for _, s := range secrets {
		o := object{
			ObjectName: s.ObjectName, SecretPath: s.SecretPath, SecretKey: s.SecretKey, Method: s.Method, Encoding: s.Encoding,
			FilePermission: uint32(s.FilePermission), SecretArgs: s.SecretArgs != nil,
		}
		if s.SecretArgs != nil {
			if _, err := json.Marshal(s.SecretArgs); err != nil {
				o.SecretArgsError = err.Error()
			}
		}
		objects = append(objects, o)
	}
	return answer{Objects: objects}
}
