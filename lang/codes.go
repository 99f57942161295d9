package lang

// Code identifies a kind of diagnostic. Codes never change meaning once
// released: E codes are errors, W codes warnings. The README lists them all.
type Code string

// Syntax: the file cannot be read as a plan.
const (
	ESyntax        Code = "E001" // unexpected token
	EToken         Code = "E002" // a character or string the lexer cannot take
	ENumber        Code = "E003" // a number that is not a number or is out of range
	EDate          Code = "E004" // a date that is not a calendar date
	EEncoding      Code = "E005" // the file is not UTF-8 text
	ELimit         Code = "E006" // the input exceeds a configured limit
	EMissingHeader Code = "E007" // the plan header lacks a required line
	EPlacement     Code = "E008" // a statement where it does not belong
	ESecondHeader  Code = "E009" // a header line in a second file of a plan
)

// Names and references.
const (
	EUnknownDriver    Code = "E100" // a formula names a driver nobody declared
	EUnknownIndicator Code = "E101" // a use names an indicator nobody defined
	EDuplicateCode    Code = "E102" // two nodes share a code
	EDuplicateDriver  Code = "E103" // two drivers share a code
	EDuplicateField   Code = "E105" // an indicator sets the same field twice
)

// Weights.
const (
	EWeightSum   Code = "E110" // sibling weights do not sum to 100%
	EWeightRange Code = "E111" // a weight outside 0-100%
	EEmptyGroup  Code = "E112" // a weighted group with nothing in it
)

// Units.
const (
	EUnitMismatch  Code = "E120" // formula unit differs from the declared unit
	EUnitArith     Code = "E121" // arithmetic on incompatible units
	EUnknownUnit   Code = "E122" // a unit name Piano does not know
	EValueKind     Code = "E123" // a date where a number belongs, or the reverse
	EMissingUnit   Code = "E124" // an indicator or driver without a unit
	EUnknownFunc   Code = "E125" // a formula calls a function Piano does not know
	EPercentSuffix Code = "E126" // a % sign on a value whose unit is not percent
	EUnitExponent  Code = "E127" // a unit raised past unit.MaxExponent (N*N*N*...)
)

// Years, targets and formulas.
const (
	EYearOutside    Code = "E130" // a baseline or target year outside the plan's years
	EDuplicateYr    Code = "E131" // the same year given twice
	ERelativeTarget Code = "E132" // a relative target whose baseline is not a number
	EDriverCycle    Code = "E140" // derived drivers that depend on each other
	EDivZero        Code = "E141" // a division by a literal zero
	EComparator     Code = "E150" // a comparator that cannot apply to the unit
	EBadRange       Code = "E151" // a range whose low end is above its high end
	EBadPolicy      Code = "E160" // a scoring policy that cannot be used
	EBadYearRange   Code = "E161" // a year range that runs backwards or is too long
	EBadLimits      Code = "E162" // a score line (cap, floor on a node) that cannot be used
	EBandOverlap    Code = "E170" // two bands of a table overlap
	EBandGap        Code = "E171" // scores that no band of a table holds
	EBandRange      Code = "E172" // a band outside the achievable range, or reversed
	EBandTable      Code = "E173" // a band table that cannot be used (a level, a name or a code)
	EScheda         Code = "E180" // a scheda that cannot be used
)

// Spreadsheets: piano import reads a plan table (package sheet), piano
// export --format xlsx writes one (render.PlanXLSX).
const (
	ECell       Code = "E500" // a cell that cannot be read: a number, weight, value, target or date
	ELayout     Code = "E501" // no plan table found, or its header row cannot be used
	ETree       Code = "E502" // a row that does not fit the hierarchy: no code, no area, two weights
	EInfer      Code = "E503" // something the table does not say, which Piano does not guess
	ENotCarried Code = "E504" // export: the plan says something the workbook layout cannot carry
)

// Warnings: legal but suspicious.
const (
	WLoweredTarget    Code = "W200" // an at-least target below every baseline
	WZeroWeight       Code = "W201" // a node with weight 0%: monitored only
	WUnusedDriver     Code = "W202" // a declared driver no formula uses
	WNeedlessNorm     Code = "W203" // normalize on a group that already sums to 100%
	WBaselineMismatch Code = "W204" // a composite's baseline disagrees with its components
	WUnknownDataCode  Code = "W205" // data for a code no plan declares
	WTimesHundred     Code = "W206" // a ratio times 100 that Piano turns into a percent again
)

// descriptions holds one line per code Piano reports, those defined in
// other packages (data, eval) included: what SARIF output calls a rule's
// short description. A test fails when a code has none.
var descriptions = map[Code]string{
	ESyntax:        "syntax error: an unexpected token",
	EToken:         "a character or string the lexer cannot take",
	ENumber:        "a malformed or out-of-range number",
	EDate:          "a date that is not a calendar date",
	EEncoding:      "the file is not UTF-8 text",
	ELimit:         "the input exceeds a limit",
	EMissingHeader: "the plan header lacks plan, baseline years or target years",
	EPlacement:     "a statement where it does not belong",
	ESecondHeader:  "a header line in a second file of a plan",

	EUnknownDriver:    "unknown driver",
	EUnknownIndicator: "unknown indicator in a use",
	EDuplicateCode:    "two nodes share a code",
	EDuplicateDriver:  "two drivers share a code",
	EDuplicateField:   "a field or header line given twice",

	EWeightSum:   "sibling weights do not sum to 100%",
	EWeightRange: "a weight outside 0-100%",
	EEmptyGroup:  "an empty objective or group",

	EUnitMismatch:  "the formula's unit differs from the declared unit",
	EUnitArith:     "arithmetic on incompatible units",
	EUnknownUnit:   "an unknown unit",
	EValueKind:     "a date where a number belongs, or the reverse",
	EMissingUnit:   "an indicator or driver without a unit",
	EUnknownFunc:   "an unknown function, or a wrong number of arguments",
	EPercentSuffix: "a % sign on a value whose unit is not percent",
	EUnitExponent:  "a unit raised past the highest power Piano allows",

	EYearOutside:    "a baseline or target year outside the plan's years",
	EDuplicateYr:    "the same year given twice",
	ERelativeTarget: "a target relative to a baseline the indicator does not give as a number",
	EDriverCycle:    "derived drivers that depend on each other",
	EDivZero:        "a division by a literal zero",
	EComparator:     "a comparator that cannot apply to the unit",
	EBadRange:       "a range whose low end is above its high end",
	EBadPolicy:      "a scoring or missing policy that cannot be used",
	EBadYearRange:   "a year range that runs backwards or is too long",
	EBadLimits:      "a score cap or floor on a node that cannot be used",
	EBandOverlap:    "two bands of a table overlap",
	EBandGap:        "scores that no band of a table holds",
	EBandRange:      "a band outside the achievable range, reversed, or a payout outside 0-100%",
	EBandTable:      "a band table that cannot be used: an unknown or taken level, a name or band given twice, no band",
	EScheda:         "a scheda that cannot be used: an unknown node, weights that do not sum to 100%, a backward scale, a code given twice",

	ECell:       "a table cell that cannot be read as a number, weight, value, target or date",
	ELayout:     "no plan table in the file, or a header row that cannot be used",
	ETree:       "a table row that does not fit the plan's hierarchy",
	EInfer:      "something the table does not say, which Piano does not guess",
	ENotCarried: "something the plan says that the workbook layout cannot carry",

	WLoweredTarget:    "a lowered target: easier than every baseline",
	WZeroWeight:       "a zero-weight node: monitored only",
	WUnusedDriver:     "a declared driver no formula uses",
	WNeedlessNorm:     "normalize on a group whose weights already sum to 100%",
	WBaselineMismatch: "a composite's baseline disagrees with its components'",
	WUnknownDataCode:  "data for a code no plan declares",
	WTimesHundred:     "a ratio times 100 that Piano turns into a percent again",

	// Defined in package data.
	"E300": "a data file that cannot be read as data",
	// Defined in package eval.
	"W301": "a formula gave no finite number",
	"E302": "no data gives a value a weighted indicator needs",
	"W302": "no data gives a value a weighted indicator needs (allowed missing)",
	"W303": "a count with a fraction",
	"W304": "a share above 100% whose target and baselines are within 0-100%",
	// Defined in package pianotest.
	"E400": "a test's expectation is not met",
	"E401": "a test file that cannot be run",
}

// Describe returns the one-line description of code, or "" for a code
// Piano does not report.
func Describe(code Code) string { return descriptions[code] }
