package registry

import (
	"capdo/levels"
)

// BRIDGE (remove when levels has the risk_level fact of contract §5): the profile's
// `risk_level` fact is being added to levels' table of facts. Until it is there, a version's
// risk_level is its assessment's level only (store.RiskAssessmentAt) and these two do
// nothing; once it is, they read and write it with p.Int("risk_level") and
// p.Set("risk_level", int64(n)), and riskFact becomes true.
const riskFact = false

// riskLevel is the profile's risk_level fact, 0 when absent.
func riskLevel(p *levels.Profile) int { return 0 }

// setRiskLevel sets the profile's risk_level fact.
func setRiskLevel(p *levels.Profile, n int) {}
