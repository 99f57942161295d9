package syntax

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// The grammar of the .plan language, as participle structs. Every statement
// goes through one production (gStmt) wherever it appears; build then checks
// that each statement stands where it belongs, which gives better messages
// than a grammar that refuses a misplaced line with "unexpected token".
//
// These types are the concrete syntax only: build turns them into lang/ast.

type gFile struct {
	Stmts []*gStmt `parser:"@@*"`
}

type gStmt struct {
	Pos       lexer.Position
	Node      *gNode         `parser:"(  @@"`
	Unit      *gUnit         `parser:" | 'unit' @@"`
	Formula   *gExpr         `parser:" | 'formula' @@"`
	Algorithm *gString       `parser:" | 'algorithm' @@"`
	Years     *gYears        `parser:" | @@"`
	Baseline  []*gYearValue  `parser:" | 'baseline' @@ ( ',' @@ )*"`
	Target    []*gYearTarget `parser:" | 'target' @@ ( ',' @@ )*"`
	Driver    *gDriver       `parser:" | 'driver' @@"`
	Use       *gUse          `parser:" | 'use' @@"`
	Group     *gGroup        `parser:" | @@"`
	Plan      *gString       `parser:" | 'plan' @@"`
	Body      *gString       `parser:" | 'body' @@"`
	Owner     *gString       `parser:" | 'owner' @@"`
	Note      *gString       `parser:" | 'note' @@"`
	Scoring   *gPolicy       `parser:" | 'scoring' @@"`
	Missing   *gWord         `parser:" | 'missing' @@"`
	Normalize *gFlag         `parser:" | @@ )"`
}

type gYears struct {
	Kind gYearsKind `parser:"@@ 'years'"`
	From gWord      `parser:"@@ '..'"`
	To   gWord      `parser:"@@"`
}

type gString struct {
	Pos   lexer.Position
	Value string `parser:"@String"`
}

type gWord struct {
	Pos   lexer.Position
	Value string `parser:"@Word"`
}

type gYearsKind struct {
	Pos   lexer.Position
	Value string `parser:"@('baseline' | 'target')"`
}

type gFlag struct {
	Pos   lexer.Position
	Value string `parser:"@'normalize'"`
}

type gNodeKind struct {
	Pos   lexer.Position
	Value string `parser:"@('area' | 'objective' | 'indicator')"`
}

type gGroupKind struct {
	Pos   lexer.Position
	Value string `parser:"@('indicators' | 'operational')"`
}

type gCode struct {
	Pos   lexer.Position
	Value string `parser:"@(Word | Quoted)"`
}

type gNumber struct {
	Pos   lexer.Position
	Neg   bool   `parser:"@'-'?"`
	Value string `parser:"@Word"`
}

type gWeight struct {
	Pos     lexer.Position
	Number  gNumber  `parser:"'weight' @@"`
	Percent gPercent `parser:"@@"`
}

type gPercent struct {
	Pos   lexer.Position
	Value string `parser:"@'%'"`
}

type gRBrace struct {
	Pos   lexer.Position
	Value string `parser:"@'}'"`
}

type gRParen struct {
	Pos   lexer.Position
	Value string `parser:"@')'"`
}

type gNode struct {
	Kind   gNodeKind `parser:"@@"`
	Code   gCode     `parser:"@@"`
	Name   gString   `parser:"@@"`
	Weight gWeight   `parser:"@@ '{'"`
	Body   []*gStmt  `parser:"@@*"`
	Close  gRBrace   `parser:"@@"`
}

type gGroup struct {
	Kind   gGroupKind `parser:"@@"`
	Weight gWeight    `parser:"@@ '{'"`
	Body   []*gStmt   `parser:"@@*"`
	Close  gRBrace    `parser:"@@"`
}

type gUse struct {
	Ref    gCode   `parser:"@@"`
	As     gCode   `parser:"'as' @@"`
	Weight gWeight `parser:"@@"`
}

type gDriver struct {
	Code    gCode   `parser:"@@"`
	Name    gString `parser:"@@"`
	Unit    gUnit   `parser:"'unit' @@"`
	Formula *gExpr  `parser:"( '=' @@ )?"`
}

type gUnit struct {
	First gUnitName    `parser:"@@"`
	Rest  []*gUnitNext `parser:"@@*"`
}

type gUnitNext struct {
	Op   gMulOp    `parser:"@@"`
	Name gUnitName `parser:"@@"`
}

type gUnitName struct {
	Pos   lexer.Position
	Value string `parser:"@(Word | '%')"`
}

type gAddOp struct {
	Pos   lexer.Position
	Value string `parser:"@('+' | '-')"`
}

type gMulOp struct {
	Pos   lexer.Position
	Value string `parser:"@('*' | '/')"`
}

type gYearValue struct {
	Year  gWord  `parser:"@@ ':'"`
	Value gValue `parser:"@@"`
}

type gYearTarget struct {
	Year   gWord   `parser:"@@ ':'"`
	Target gTarget `parser:"@@"`
}

type gValue struct {
	Pos     lexer.Position
	NA      *string   `parser:"(  @NA"`
	Date    *string   `parser:" | @Date"`
	Number  *gNumber  `parser:" | @@ )"`
	Percent *gPercent `parser:"@@?"`
}

type gTarget struct {
	Pos  lexer.Position
	NA   *string `parser:"(  @NA"`
	By   *gDate  `parser:" | 'by' @@"`
	Op   *gOp2   `parser:" | @@"`
	Low  *gValue `parser:" | @@ '..'"`
	High *gValue `parser:"    @@ )"`
}

type gOp2 struct {
	Op    string `parser:"@('>=' | '<=' | '=')"`
	Value gValue `parser:"@@"`
}

type gDate struct {
	Pos   lexer.Position
	Value string `parser:"@Date"`
}

type gPolicy struct {
	Pos     lexer.Position
	Name    gWord            `parser:"@@"`
	Options []*gPolicyOption `parser:"@@*"`
	Custom  *gExpr           `parser:"( '=' @@ )?"`
}

type gPolicyOption struct {
	Key     gOptionKey `parser:"@@"`
	Value   gNumber    `parser:"@@"`
	Percent gPercent   `parser:"@@"`
}

type gOptionKey struct {
	Pos   lexer.Position
	Value string `parser:"@('cap' | 'floor' | 'late')"`
}

// Formulas: the usual precedence, * and / above + and -, unary minus on top.

type gExpr struct {
	Left *gTerm     `parser:"@@"`
	Rest []*gOpTerm `parser:"@@*"`
}

type gOpTerm struct {
	Op   gAddOp `parser:"@@"`
	Term gTerm  `parser:"@@"`
}

type gTerm struct {
	Left *gUnary     `parser:"@@"`
	Rest []*gOpUnary `parser:"@@*"`
}

type gOpUnary struct {
	Op gMulOp `parser:"@@"`
	X  gUnary `parser:"@@"`
}

type gUnary struct {
	Pos  lexer.Position
	Neg  *gUnary   `parser:"(  '-' @@"`
	Prim *gPrimary `parser:" | @@ )"`
}

type gPrimary struct {
	Pos   lexer.Position
	Call  *gCall   `parser:"(  @@"`
	Paren *gExpr   `parser:" | '(' @@"`
	Close *gRParen `parser:"   @@"`
	Name  *gCode   `parser:" | @@ )"`
}

type gCall struct {
	Func  gWord    `parser:"@@ '('"`
	Args  []*gExpr `parser:"( @@ ( ',' @@ )* )?"`
	Close gRParen  `parser:"@@"`
}

var parser = participle.MustBuild[gFile](
	participle.Lexer(definition{}),
	participle.UseLookahead(1),
)
