// Package levels classifies an information system into a security level (cấp độ 1–5)
// under Nghị định 85/2016/NĐ-CP and any later rule set written in the same format.
//
// A system is described by a Profile, whose facts are the rows of one table, Fields
// (facts.go): the decoder, the checks, the CEL variables, the inventory columns, the web
// form and README's table are derived from it. A RuleSet is data: each
// criterion of Điều 7–11 is a CEL condition over the profile's typed variables, with its own
// id, level, Vietnamese citation and message. Rules compile once when a rule set loads; a
// Decision lists every criterion that matched, so the level can always be traced back to
// the clause (Điều/khoản/điểm) that produced it.
//
// This package is the only importer of cel-go.
package levels
