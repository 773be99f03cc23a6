// Package jsonlines reads the input of the conformance commands that answer one JSON request a
// line (netpol-eval, provider-objects, psa-eval, rbac-eval, selector-eval, tekton-convert, tekton-substitute, vap-eval's --serve, and
// triggers-cel, triggers-resolve, triggers-custom, chains-config and operator-configmaps of the modules under triggers/, chains/
// and operator/). It is a
// module of its own with no requirements, so that a module that uses it keeps its own versions.
package jsonlines

import (
	"bufio"
	"encoding/json"
	"io"
)

// Each calls answer with each line of in (its newline included) that holds anything but spaces,
// tabs, carriage returns and newlines, in order. It returns nil at the end of the input, or the
// first error of reading or of answer, after which it reads no further.
func Each(in io.Reader, answer func(line []byte) error) error {
	r := bufio.NewReaderSize(in, 1<<20)
	for {
		line, err := r.ReadBytes('\n')
		if !blank(line) {
			if e := answer(line); e != nil {
				return e
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// blank is whether a line holds nothing but spaces, tabs, carriage returns and newlines.
func blank(line []byte) bool {
	for _, c := range line {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return false
		}
	}
	return true
}

// Answer answers each line of in (see Each) with the JSON value of answer, one line each, in order,
// written to out through a buffer flushed at the end (`<`, `>` and `&` as written). It returns the
// first error of reading, of answer or of writing. For a caller that gives every request before it reads
// an answer; chains-config, psa-eval and triggers-cel write each answer as soon as it is ready.
func Answer(in io.Reader, out io.Writer, answer func(line []byte) (any, error)) error {
	w := bufio.NewWriterSize(out, 1<<16)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	err := Each(in, func(line []byte) error {
		v, err := answer(line)
		if err != nil {
			return err
		}
		return enc.Encode(v)
	})
	if flushErr := w.Flush(); err == nil {
		err = flushErr
	}
	return err
}
