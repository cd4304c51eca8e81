// Package risk is the cyber risk assessment of Nghị định 331/2026/NĐ-CP Art. 10 as a domain
// record: why it was made (the trigger of Art. 10.2 a–đ), the seven minimum contents of Art.
// 10.3 a–g, a risk register (asset or function, threat and vulnerability, likelihood and
// impact 1–5, score, existing controls, treatment, owner), the level it supports with its
// rationale (the profile's `risk_level`, Art. 11.2, 12.4, 13.5, 14.4, 15.5), who assessed
// and when, and for levels 4–5 the detailed report of Art. 22.5 a–d.
//
// The JSON shape is docs/contract.md §6 (PUT/GET /api/v1/systems/{id}/risk-assessment); owner,
// vulnerability, score, detailed, assessed_by and assessed_at are additions. Problems name
// the field (risks[2].likelihood) in Vietnamese, as levels.Problem does for profiles.
//
// Bộ Công an has not issued the risk framework or method yet (Art. 10.8): the scoring matrix
// (likelihood × impact → band → suggested level) is provisional data, data/matrix.yaml,
// replaceable by a file without a code change (LoadMatrixFile).
//
// register.go reads a register from a CSV or XLSX sheet. It imports excelize, as inventory
// (reading) and sheet (writing) do: inventory's reader is unexported and knows an
// inventory's columns, a risk register has its own, so the few lines of streaming reading
// are repeated here.
package risk
