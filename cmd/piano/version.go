package main

import (
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

func versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print Piano's version, for the record of which Piano scored a plan",
		Long: `Version prints the module version and, when the binary was built from a git
checkout, the revision, its time and whether the tree had uncommitted changes:

  piano v1.2.0
  piano devel (rev 0123456789ab, 2026-12-02T10:00:00Z, modified)

The text is the same for a given build (piano --version prints it too).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprintf(cmd.OutOrStdout(), "piano %s\n", version())
			return err
		},
	}
}

// version is the build's module version ("devel" for a build from a
// checkout) and the VCS stamp Go records in the binary.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	return versionOf(bi)
}

// versionOf formats the version in bi.
func versionOf(bi *debug.BuildInfo) string {
	v := bi.Main.Version
	if v == "" || v == "(devel)" {
		v = "devel"
	}
	var rev, at string
	modified := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
			if len(rev) > 12 {
				rev = rev[:12]
			}
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	var stamp []string
	if rev != "" {
		stamp = append(stamp, "rev "+rev)
	}
	if at != "" {
		stamp = append(stamp, at)
	}
	if modified {
		stamp = append(stamp, "modified")
	}
	if len(stamp) > 0 {
		v += " (" + strings.Join(stamp, ", ") + ")"
	}
	return v
}

// moduleVersion is Piano's module version alone, "devel" for a build from
// a checkout: what SARIF names as the tool's version.
func moduleVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}
