// Command kubectl-read reads files as `kubectl apply -f <file>` does before it talks to a
// server, with kubectl's own code (k8s.io/cli-runtime's resource builder): the file opened
// through the UTF-16 BOM override, split by apimachinery's YAMLOrJSONDecoder (4096-byte
// buffer), each document decoded into an Unstructured with UnstructuredJSONScheme and its
// metadata checked against ObjectMeta (metadataValidatingDecoder), Lists flattened
// (FlattenListVisitor), errors collected as kubectl apply collects them (ContinueOnError).
// No server is asked: the builder is local, so no REST mapping or schema validation.
//
// Usage:
//
//	kubectl-read <file>...
//
// It prints one JSON line per file, in the order given:
//
//	{"file":"a.yaml","objects":[{...},...],"errors":["..."]}
//
// `objects` are what kubectl would send, in order; `errors` what it reports for the file
// (an error while splitting the stream ends the file, a document that does not decode is
// reported and the others are still read). Exit status: 0, or 2 when the arguments are wrong.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	utilerrors "k8s.io/apimachinery/pkg/util/errors"
	"k8s.io/cli-runtime/pkg/resource"
)

// result is the output line of one file.
type result struct {
	File    string            `json:"file"`
	Objects []json.RawMessage `json:"objects"`
	Errors  []string          `json:"errors"`
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "usage: kubectl-read <file>...")
		return 2
	}
	out := json.NewEncoder(stdout)
	out.SetEscapeHTML(false)
	for _, file := range args {
		if err := out.Encode(read(file)); err != nil {
			fmt.Fprintln(stderr, err)
			return 2
		}
	}
	return 0
}

// read visits one file as kubectl apply's builder does (Unstructured, ContinueOnError,
// FilenameParam, Flatten), without a server.
func read(file string) result {
	r := result{File: file, Objects: []json.RawMessage{}, Errors: []string{}}
	visitErr := resource.NewLocalBuilder().
		Unstructured().
		ContinueOnError().
		FilenameParam(false, &resource.FilenameOptions{Filenames: []string{file}}).
		Flatten().
		Do().
		Visit(func(info *resource.Info, err error) error {
			if err != nil {
				return err
			}
			raw, err := json.Marshal(info.Object)
			if err != nil {
				return fmt.Errorf("encoding the object: %w", err)
			}
			r.Objects = append(r.Objects, raw)
			return nil
		})
	if visitErr != nil {
		if agg, ok := visitErr.(utilerrors.Aggregate); ok {
			for _, e := range utilerrors.Flatten(agg).Errors() {
				r.Errors = append(r.Errors, e.Error())
			}
		} else {
			r.Errors = append(r.Errors, visitErr.Error())
		}
	}
	return r
}
