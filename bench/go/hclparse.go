// hclparse parses every .tf file below the given directories with HashiCorp's
// hclsyntax.ParseConfig — what Terraform, tflint and Trivy parse with — and
// reports the bytes parsed and the CPU time spent parsing them, so blastwall
// can be compared with it on the same bytes. Files are read before the clock
// starts; only parsing is timed.
//
// Build offline from Debian's packages:
//   GO111MODULE=off GOPATH=/usr/share/gocode go build -o hclparse hclparse.go
package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

func cpuTime() time.Duration {
	var usage syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &usage)
	return time.Duration(usage.Utime.Nano() + usage.Stime.Nano())
}

func main() {
	type file struct {
		name string
		text []byte
	}
	var files []file
	total := 0
	for _, root := range os.Args[1:] {
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(path, ".tf") {
				text, readErr := os.ReadFile(path)
				if readErr == nil {
					files = append(files, file{path, text})
					total += len(text)
				}
			}
			return nil
		})
	}
	startCPU, startWall := cpuTime(), time.Now()
	errors := 0
	for _, f := range files {
		_, diags := hclsyntax.ParseConfig(f.text, f.name, hcl.Pos{Line: 1, Column: 1, Byte: 0})
		if diags.HasErrors() {
			errors++
		}
	}
	cpu, wall := cpuTime()-startCPU, time.Since(startWall)
	fmt.Printf("hclsyntax: %d files, %.1f MB, %d with errors, cpu %.3f s, wall %.3f s, %.1f MB/s per core\n",
		len(files), float64(total)/1e6, errors, cpu.Seconds(), wall.Seconds(),
		float64(total)/1e6/cpu.Seconds())
}
