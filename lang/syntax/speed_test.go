package syntax

import (
	"os"
	"testing"
)

func BenchmarkModenaParse(b *testing.B) {
	src, _ := os.ReadFile("../../examples/modena-2021.plan")
	b.SetBytes(int64(len(src)))
	for i := 0; i < b.N; i++ {
		Parse("x", src)
	}
}
