// regexp-classes prints, as a JSON array, the Unicode class names that Go's regexp accepts in
// \p{Name} and \P{Name}, in the canonical form it looks names up by (underscores, hyphens
// and spaces removed, the first letter upper case and the others lower case): every
// category, script and category alias of package unicode, and Any, Assigned, ASCII and LC,
// kept when regexp.Compile accepts it. scripts/generate-go-regexp-classes.ts stores the
// output as conformance/regexp-classes.json.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"unicode"
)

// canonical is the form regexp/syntax looks a class name up by.
func canonical(name string) string {
	var b strings.Builder
	first := true
	for _, c := range name {
		switch {
		case c == '_' || c == '-' || c == ' ':
			continue
		case first:
			b.WriteRune(unicode.ToUpper(c))
			first = false
		default:
			b.WriteRune(unicode.ToLower(c))
		}
	}
	return b.String()
}

func main() {
	candidates := []string{"Any", "Assigned", "ASCII", "LC"}
	for name := range unicode.Categories {
		candidates = append(candidates, name)
	}
	for name := range unicode.Scripts {
		candidates = append(candidates, name)
	}
	for name := range unicode.CategoryAliases {
		candidates = append(candidates, name)
	}
	accepted := map[string]bool{}
	for _, name := range candidates {
		if _, err := regexp.Compile(`\p{` + name + `}`); err == nil {
			accepted[canonical(name)] = true
		}
	}
	names := make([]string, 0, len(accepted))
	for name := range accepted {
		names = append(names, name)
	}
	sort.Strings(names)
	b, err := json.MarshalIndent(names, "", " ")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(string(b))
}
