package notify

import (
	"slices"

	"capdo/credential"
	"capdo/review"
	"capdo/store"
)

// Kind is what a notification is about (docs/contract.md §6). The kinds of a step are named after
// the status the dossier entered.
type Kind string

// Kinds.
const (
	Submitted    Kind = "submitted"     // sent for review: the next reviewer acts
	OpinionGiven Kind = "opinion_given" // professional opinion given (levels 4–5): the appraiser acts
	Appraised    Kind = "appraised"     // appraised: the approver acts
	Returned     Kind = "returned"      // returned to the preparer with a reason
	Approved     Kind = "approved"      // approved: the preparer and the owner are told
	DueSoon      Kind = "due_soon"      // the stage's deadline is N working days away
	Overdue      Kind = "overdue"       // the stage's deadline has passed
)

// Kinds lists every kind, in the order a dossier meets them.
var Kinds = []Kind{Submitted, OpinionGiven, Appraised, Returned, Approved, DueSoon, Overdue}

// Label is the Vietnamese name of a kind.
func (k Kind) Label() string {
	switch k {
	case Submitted:
		return "Hồ sơ được gửi"
	case OpinionGiven:
		return "Đã có ý kiến chuyên môn"
	case Appraised:
		return "Đã thẩm định"
	case Returned:
		return "Hồ sơ bị trả lại"
	case Approved:
		return "Đã phê duyệt"
	case DueSoon:
		return "Sắp đến hạn"
	case Overdue:
		return "Quá hạn"
	}
	return string(k)
}

// StepKind is the kind that tells of a dossier entering status s; false for a status
// nobody needs to hear of (a draft, a withdrawn dossier).
func StepKind(s string) (Kind, bool) {
	switch review.Status(s) {
	case review.Submitted, review.Forwarded: // forwarded: sent on to the appraiser (Decree 331)
		return Submitted, true
	case review.OpinionGiven:
		return OpinionGiven, true
	case review.Appraised:
		return Appraised, true
	case review.Returned:
		return Returned, true
	case review.Approved:
		return Approved, true
	}
	return "", false
}

// preparers are told when their dossier comes back or is approved: the operating unit
// prepares it and the owner may send it for levels 4–5 (review.FlowFor's submitters).
var preparers = []string{"operator", "owner"}

// roles are the roles told of kind k about a dossier in stage d: the stage's holder for a
// dossier waiting for review and for its deadline, the preparers for a return or an
// approval.
func roles(k Kind, d store.DossierStage) []string {
	switch k {
	case Returned, Approved:
		return preparers
	case Submitted, OpinionGiven, Appraised, DueSoon, Overdue:
		if d.Holder == "" {
			return nil
		}
		return []string{d.Holder}
	}
	return nil
}

// CandidateRoles are the roles any notification may go to; an administrator holds no
// step.
var CandidateRoles = []string{"operator", "infosec", "owner", "authority"}

// Tree is the organisation tree: each organisation's parent, 0 for a root.
type Tree map[int64]int64

// Within reports whether org is root or lies below it. The walk is bounded by the size
// of the tree, so a damaged tree with a cycle cannot hang it.
func (t Tree) Within(root, org int64) bool {
	if root == 0 {
		return false
	}
	for steps := 0; org != 0 && steps <= len(t); steps++ {
		if org == root {
			return true
		}
		org = t[org]
	}
	return false
}

// Sees reports whether user u may see the dossier in stage d, by the rules of store.Scope
// as server/access.go builds it for u: the dossiers of u's own subtree; once submitted, for
// an infosec unit those of its chủ quản's subtree (the parent of its organisation) and those
// its organisation was designated to appraise (Decree 331 Art. 18.4), for an authority
// those that reached the authorities of the appraisal group its organisation appraises.
// store.Notifications applies the same rule in SQL when the inbox is read.
func Sees(u store.User, d store.DossierStage, t Tree) bool {
	if t.Within(u.OrgID, d.OrgID) {
		return true
	}
	if d.Status == string(review.Draft) {
		return false
	}
	switch u.Role {
	case "infosec":
		return t.Within(u.OrgParentID, d.OrgID) || (d.Appraiser != 0 && d.Appraiser == u.OrgID)
	case "authority":
		return d.RoutedAuthority && d.Ministry == u.OrgAppraises
	}
	return false
}

// Recipients chooses, among candidates, who is told of kind k about the dossier in stage
// d: enabled accounts of the roles the kind goes to (roles) that may see the dossier
// (Sees), less whoever took the step that is told of (they know). The order of
// candidates is kept.
func Recipients(k Kind, d store.DossierStage, t Tree, candidates []store.User) []store.User {
	rs := roles(k, d)
	var actor string
	if k != DueSoon && k != Overdue && d.Actor != "" {
		actor = credential.UsernameKey(d.Actor)
	}
	var out []store.User
	for _, u := range candidates {
		if u.Disabled || !slices.Contains(rs, u.Role) || !Sees(u, d, t) {
			continue
		}
		if actor != "" && credential.UsernameKey(u.Username) == actor {
			continue
		}
		out = append(out, u)
	}
	return out
}
