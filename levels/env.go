package levels

import (
	"slices"
	"sync"

	"github.com/google/cel-go/cel"
	"github.com/google/cel-go/checker"
	"github.com/google/cel-go/common/types"
	"github.com/google/cel-go/common/types/ref"
	"github.com/google/cel-go/interpreter"
)

// Names of the CEL variables a rule may read. They are the profile keys of contract §1, so
// a rule reads like the profile it judges. security_harm is the effective degree of harm:
// the declared one, or the one inferred from secret_grade (with a warning).
const (
	varSystemType      = "system_type"
	varInfoTypes       = "info_types"
	varSecretGrade     = "secret_grade"
	varDefenseSecurity = "defense_security"
	varSecurityHarm    = "security_harm"
	varOPSLevel        = "online_public_service_level"
	varConditional     = "conditional_business_service"
	varPersonalUsers   = "personal_data_users"
	varInfraScope      = "infra_scope"
	varNationalEgov    = "national_egov"
	varAlwaysOn        = "always_on"
	varICSWorkGrade    = "ics_work_grade"
	varCriticalData    = "critical_national_data"
	varPMDesignated    = "pm_designated"
	varAdminProcedures = "handles_admin_procedures"
	varBasicSubjects   = "basic_pd_subjects"
	varSensitiveSubj   = "sensitive_pd_subjects"
)

// Bounds on what one rule may cost. Real criteria cost tens of units; the limits only stop
// a hostile or broken rule file.
const (
	maxRuleCost    = 10_000
	interruptEvery = 100
)

var (
	envOnce sync.Once
	envVal  *cel.Env
	envErr  error
)

// ruleEnv is the typed CEL environment shared by every rule set. Building it is costly, so
// it is built once.
func ruleEnv() (*cel.Env, error) {
	envOnce.Do(func() {
		envVal, envErr = cel.NewEnv(
			cel.Variable(varSystemType, cel.StringType),
			cel.Variable(varInfoTypes, cel.ListType(cel.StringType)),
			cel.Variable(varSecretGrade, cel.StringType),
			cel.Variable(varDefenseSecurity, cel.BoolType),
			cel.Variable(varSecurityHarm, cel.StringType),
			cel.Variable(varOPSLevel, cel.IntType),
			cel.Variable(varConditional, cel.BoolType),
			cel.Variable(varPersonalUsers, cel.IntType),
			cel.Variable(varInfraScope, cel.StringType),
			cel.Variable(varNationalEgov, cel.BoolType),
			cel.Variable(varAlwaysOn, cel.BoolType),
			cel.Variable(varICSWorkGrade, cel.StringType),
			cel.Variable(varCriticalData, cel.BoolType),
			cel.Variable(varPMDesignated, cel.BoolType),
			cel.Variable(varAdminProcedures, cel.BoolType),
			cel.Variable(varBasicSubjects, cel.IntType),
			cel.Variable(varSensitiveSubj, cel.IntType),
		)
	})
	return envVal, envErr
}

// sizeEstimator tells the CEL cost checker how large inputs can be, so a rule's worst-case
// cost is known when it loads.
type sizeEstimator struct{}

func (sizeEstimator) EstimateSize(n checker.AstNode) *checker.SizeEstimate {
	if p := n.Path(); len(p) > 0 && p[0] == varInfoTypes {
		return &checker.SizeEstimate{Min: 0, Max: uint64(len(InfoTypes))}
	}
	return &checker.SizeEstimate{Min: 0, Max: 64}
}

func (sizeEstimator) EstimateCallCost(string, string, *checker.AstNode, []checker.AstNode) *checker.CallEstimate {
	return nil
}

// activation hands a profile's facts to CEL. Values are converted (and boxed) once per
// system, not once per rule, and looked up without a map.
type activation struct {
	systemType, secretGrade, harm, infraScope, icsGrade ref.Val
	infoTypes                                           ref.Val
	opsLevel, users, basic, sensitive                   ref.Val
	defense, conditional, egov, alwaysOn, critical, pm  ref.Val
	adminProcedures                                     ref.Val
}

func newActivation(p *Profile, harm string) *activation {
	return &activation{
		systemType:  types.String(p.SystemType),
		secretGrade: types.String(p.SecretGrade),
		harm:        types.String(harm),
		infraScope:  types.String(p.InfraScope),
		icsGrade:    types.String(p.ICSWorkGrade),
		infoTypes:   infoTypeList(p.InfoTypes),
		opsLevel:    types.Int(p.OnlinePublicServiceLevel),
		users:       types.Int(p.PersonalDataUsers),
		defense:     types.Bool(p.DefenseSecurity),
		conditional: types.Bool(p.ConditionalBusinessService),
		egov:        types.Bool(p.NationalEgov),
		alwaysOn:    types.Bool(p.AlwaysOn),
		critical:    types.Bool(p.CriticalNationalData),
		pm:          types.Bool(p.PMDesignated),
		// Decree 331/2026 facts.
		basic:           types.Int(p.BasicPDSubjects),
		sensitive:       types.Int(p.SensitivePDSubjects),
		adminProcedures: types.Bool(p.HandlesAdminProcedures),
	}
}

// infoTypeLists holds a ready CEL list for every ordered selection of distinct info types
// (65 of them), keyed by infoTypeKey, so classifying builds no list.
var infoTypeLists = func() map[int]ref.Val {
	m := map[int]ref.Val{}
	var walk func(sel []string)
	walk = func(sel []string) {
		if k, ok := infoTypeKey(sel); ok {
			vals := make([]ref.Val, len(sel))
			for i, t := range sel {
				vals[i] = types.String(t)
			}
			m[k] = types.NewRefValList(types.DefaultTypeAdapter, vals)
		}
		for _, t := range InfoTypes {
			if !slices.Contains(sel, t) {
				walk(append(slices.Clone(sel), t))
			}
		}
	}
	walk(nil)
	return m
}()

// infoTypeKey numbers a list of known info types in base 5; ok is false for anything else.
func infoTypeKey(list []string) (int, bool) {
	if len(list) > len(InfoTypes) {
		return 0, false
	}
	k := 0
	for _, t := range list {
		i := slices.Index(InfoTypes, t)
		if i < 0 {
			return 0, false
		}
		k = k*5 + i + 1
	}
	return k, true
}

func infoTypeList(list []string) ref.Val {
	if k, ok := infoTypeKey(list); ok {
		if v, ok := infoTypeLists[k]; ok {
			return v
		}
	}
	return types.NewStringList(types.DefaultTypeAdapter, list)
}

func (a *activation) ResolveName(name string) (any, bool) {
	switch name {
	case varSystemType:
		return a.systemType, true
	case varInfoTypes:
		return a.infoTypes, true
	case varSecretGrade:
		return a.secretGrade, true
	case varDefenseSecurity:
		return a.defense, true
	case varSecurityHarm:
		return a.harm, true
	case varOPSLevel:
		return a.opsLevel, true
	case varConditional:
		return a.conditional, true
	case varPersonalUsers:
		return a.users, true
	case varInfraScope:
		return a.infraScope, true
	case varNationalEgov:
		return a.egov, true
	case varAlwaysOn:
		return a.alwaysOn, true
	case varICSWorkGrade:
		return a.icsGrade, true
	case varCriticalData:
		return a.critical, true
	case varPMDesignated:
		return a.pm, true
	case varAdminProcedures:
		return a.adminProcedures, true
	case varBasicSubjects:
		return a.basic, true
	case varSensitiveSubj:
		return a.sensitive, true
	}
	return nil, false
}

func (a *activation) Parent() interpreter.Activation { return nil }
