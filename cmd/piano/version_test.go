package main

import (
	"runtime/debug"
	"testing"
)

func TestVersionOf(t *testing.T) {
	stamp := []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0123456789abcdef0123"},
		{Key: "vcs.time", Value: "2026-12-02T10:00:00Z"},
		{Key: "vcs.modified", Value: "true"},
	}
	tests := []struct {
		version  string
		settings []debug.BuildSetting
		want     string
	}{
		{"(devel)", nil, "devel"},
		{"", nil, "devel"},
		{"v1.2.0", nil, "v1.2.0"},
		{"(devel)", stamp, "devel (rev 0123456789ab, 2026-12-02T10:00:00Z, modified)"},
		{"v1.2.0", stamp[:2], "v1.2.0 (rev 0123456789ab, 2026-12-02T10:00:00Z)"},
	}
	for _, tt := range tests {
		bi := &debug.BuildInfo{Main: debug.Module{Version: tt.version}, Settings: tt.settings}
		if got := versionOf(bi); got != tt.want {
			t.Errorf("versionOf(%q, %v) = %q, want %q", tt.version, tt.settings, got, tt.want)
		}
	}
}
