package registry

import (
	"capdo/levels"
)

// A version carries its assessment's level as the profile's `risk_level` fact (contract
// §5), which the rules read for Art. 10.5 and the risk-framework limbs.

// riskLevel is the profile's risk_level fact, 0 when absent.
func riskLevel(p *levels.Profile) int { return int(p.Int("risk_level")) }

// setRiskLevel sets the profile's risk_level fact; 1–5 always fits the fact's bounds.
func setRiskLevel(p *levels.Profile, n int) { _ = p.SetInt("risk_level", int64(n)) }
