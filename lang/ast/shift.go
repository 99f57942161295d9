package ast

import (
	"reflect"

	"github.com/piano-plan/piano/lang"
)

// Shift moves every position of f's tree by base bytes: the parser gives a
// file's own offsets, and a plan of several files places each file at its
// base in a lang.FileSet. Shift walks the tree by reflection, so that a
// node type added later cannot be forgotten; a node reachable twice (the
// header's fields are also statements) moves once. Positions that are no
// position stay so.
func Shift(f *File, base int32) {
	if base == 0 {
		return
	}
	s := shifter{base: base, seen: map[uintptr]bool{}}
	s.walk(reflect.ValueOf(f))
}

type shifter struct {
	base int32
	seen map[uintptr]bool
}

var posType = reflect.TypeOf(lang.Pos{})

func (s *shifter) walk(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() || s.seen[v.Pointer()] {
			return
		}
		s.seen[v.Pointer()] = true
		s.walk(v.Elem())
	case reflect.Interface:
		if !v.IsNil() {
			s.walk(v.Elem())
		}
	case reflect.Struct:
		if v.Type() == posType {
			if v.CanSet() {
				p := v.Addr().Interface().(*lang.Pos)
				if p.IsValid() {
					p.Offset += s.base
				}
			}
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				s.walk(v.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			return
		}
		for i := range v.Len() {
			s.walk(v.Index(i))
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			s.walk(v.MapIndex(k)) // map values are not addressable: only pointers in them move
		}
	}
}
