package store

import (
	"context"
	"time"

	"capdo/levels"
	"capdo/people"
	"capdo/review"
	"capdo/risk"
)

// Store is everything the web application needs from persistence. *DB implements it; the
// server depends on this interface only.
type Store interface {
	Orgs
	Users
	Accounts
	Sessions
	Systems
	Dossiers
	RiskAssessments
	Audit
	Regulations
	CalendarEntries
	Transitions
	People
	OrgChanges
	Notifications
	Designations
	Inventory
}

// Orgs is the organisation tree.
type Orgs interface {
	// CreateOrg adds an organisation. ErrConflict if the name is taken.
	CreateOrg(ctx context.Context, o NewOrg) (Org, error)
	Org(ctx context.Context, id int64) (Org, error)
	OrgByName(ctx context.Context, name string) (Org, error)
	// Subtree lists root and everything below it, parents before children.
	Subtree(ctx context.Context, root int64) ([]Org, error)
	// InSubtree reports whether id is root or below it.
	InSubtree(ctx context.Context, root, id int64) (bool, error)
}

// Users are the accounts.
type Users interface {
	// CreateUser adds an account. ErrConflict if the username is taken.
	CreateUser(ctx context.Context, u NewUser) (User, error)
	User(ctx context.Context, id int64) (User, error)
	UserByUsername(ctx context.Context, username string) (User, error)
	// UsersIn lists the users of root's subtree.
	UsersIn(ctx context.Context, root int64) ([]User, error)
	// SetPassword replaces the hash and ends every session of the user.
	SetPassword(ctx context.Context, id int64, hash []byte) error
	// SetDisabled (un)blocks an account; disabling ends its sessions.
	SetDisabled(ctx context.Context, id int64, disabled bool) error
	CountUsers(ctx context.Context) (int, error)
	// CreateSetupToken stores the hash of a one-time first-administrator link.
	CreateSetupToken(ctx context.Context, tokenHash string, ttl time.Duration) error
	// SetupTokenValid reports whether the link is unused, unexpired and no user exists yet.
	SetupTokenValid(ctx context.Context, tokenHash string) (bool, error)
	// CompleteSetup uses the token once to create the first organisation and administrator.
	// ErrNotFound if the token is unknown, used or expired, or a user already exists.
	CompleteSetup(ctx context.Context, tokenHash, orgName string, u NewUser) (User, error)
}

// Sessions are server-side login sessions, keyed by the SHA-256 of the cookie token.
type Sessions interface {
	CreateSession(ctx context.Context, tokenHash string, userID int64, csrf string, ttl time.Duration) (Session, error)
	// Session returns a live session with its (enabled) user, or ErrNotFound.
	Session(ctx context.Context, tokenHash string) (Session, User, error)
	DeleteSession(ctx context.Context, tokenHash string) error
	DeleteExpiredSessions(ctx context.Context) (int64, error)
	// TouchSession sets the session's LastSeen to now (idle timeout).
	TouchSession(ctx context.Context, tokenHash string) error
	// DeleteIdleSessions removes the sessions last seen before a time.
	DeleteIdleSessions(ctx context.Context, before time.Time) (int64, error)
}

// Systems is the registry of information systems and their versions.
type Systems interface {
	// CreateSystem stores version 1 of a system in org.
	CreateSystem(ctx context.Context, orgID int64, v NewVersion) (int64, error)
	// UpdateSystem stores a new version. ErrNotFound if the system is not in scope;
	// ErrConflict if v.Base is set and the system is no longer at that version.
	UpdateSystem(ctx context.Context, sc Scope, id int64, v NewVersion) (int, error)
	// System returns the current version of a system in scope, or ErrNotFound.
	System(ctx context.Context, sc Scope, id int64) (System, error)
	// SystemVersions lists every version, oldest first.
	SystemVersions(ctx context.Context, sc Scope, id int64) ([]SystemVersion, error)
	// ListSystems returns summaries: Profile has only ID, Name and Owner; Decision is empty.
	// With f.Routed, the systems routed to the caller come too, as their routed version.
	// f.Limit and f.Offset select one page.
	ListSystems(ctx context.Context, sc Scope, f SystemFilter) ([]System, error)
	// CountSystems counts what ListSystems would list without Limit and Offset.
	CountSystems(ctx context.Context, sc Scope, f SystemFilter) (int, error)
	Stats(ctx context.Context, sc Scope) (Stats, error)
}

// Dossiers are generated dossier versions, their files and their review history.
type Dossiers interface {
	// CreateDossier stores a generated dossier with its files and its first event.
	CreateDossier(ctx context.Context, d NewDossier) (int64, error)
	// Dossier returns a dossier visible in scope, or ErrNotFound.
	Dossier(ctx context.Context, sc Scope, id int64) (Dossier, error)
	DossierFile(ctx context.Context, sc Scope, id int64, name string) (File, error)
	DossierEvents(ctx context.Context, sc Scope, id int64) ([]review.Event, error)
	// ListDossiers returns summaries, newest first: Profile, Decision, Manifest and Files
	// are empty. f.Limit and f.Offset select one page.
	ListDossiers(ctx context.Context, sc Scope, f DossierFilter) ([]Dossier, error)
	// CountDossiers counts what ListDossiers would list without Limit and Offset.
	CountDossiers(ctx context.Context, sc Scope, f DossierFilter) (int, error)
	// Transition appends a sealed event and moves the dossier to t.To, if its status is still
	// t.From: ErrConflict otherwise, ErrImmutable once approved.
	Transition(ctx context.Context, id int64, t Transition) (review.Event, error)
	// RuleFile returns the agency rule file stored under its SHA-256, or ErrNotFound.
	RuleFile(ctx context.Context, digest string) (RuleFile, error)
	// UnpinnedDossiers lists, in every organisation, the dossiers made before procedures
	// were pinned and not pinned since: ID, Level, Profile, RuleSet and RuleSetDigest only.
	UnpinnedDossiers(ctx context.Context) ([]Dossier, error)
	// PinDossier pins the procedure (and, for an agency rule set, the rule file) of such a
	// dossier. ErrConflict if it has one already, ErrNotFound if there is no such dossier.
	PinDossier(ctx context.Context, id int64, proc levels.Procedure, file *RuleFile) error
	Record
}

// Scope is what a caller may see: everything in the subtree of OrgID and, besides, the
// dossiers the workflow routes to it once they have left draft, with read access to the
// system versions those dossiers were made from, and to no other (System, SystemVersions):
// a reviewer never reads a version nobody submitted to it. Lists of systems cover the
// subtree of OrgID unless SystemFilter.Routed asks for the routed ones too; Stats counts
// both; UpdateSystem covers the subtree only.
type Scope struct {
	OrgID int64
	// ReviewOrgID routes to an infosec unit the dossiers of its chủ quản's subtree: the
	// unit is often a sibling of the operating unit (Sở TT&TT beside Sở Y tế, both under
	// UBND tỉnh), yet appraises or gives its opinion on their dossiers (Art. 12, 14.1.d).
	// 0: none.
	ReviewOrgID int64
	// Appraises routes to an authority the dossiers of the appraisal group it appraises
	// for (AppraisesCivil, AppraisesBQP, AppraisesBCA, AppraisesBCY; Decree 85 Art. 12.3,
	// Decree 331 Art. 18.3) once they have reached an authority stage. "": none.
	Appraises string
}

// Appraisal groups of authority organisations: whose level 4–5 dossiers they appraise.
// Decree 85 Art. 12.3 a–c: civil systems (the default appraiser), systems managed by Bộ
// Quốc phòng, by Bộ Công an. Decree 331 Art. 18.3 a–c: Bộ Công an for civil systems and its
// own (bca), Bộ Quốc phòng for military systems (bqp), Ban Cơ yếu Chính phủ for its cipher
// systems (bcy). A dossier records its group when it is made (dossiers.appraisal_group):
// the group of its pinned procedure (levels.Procedure.AppraiserGroup), else its managing
// ministry (dossiers.ministry), civil standing for none.
const (
	AppraisesCivil = "civil"
	AppraisesBQP   = "bqp"
	AppraisesBCA   = "bca"
	AppraisesBCY   = "bcy"
)

// AppraisesValues lists the groups in the order forms show them.
var AppraisesValues = []string{AppraisesCivil, AppraisesBQP, AppraisesBCA, AppraisesBCY}

// AppraisesLabels are the Vietnamese names of the groups.
var AppraisesLabels = map[string]string{
	AppraisesCivil: "Hệ thống dân sự theo Nghị định 85/2016/NĐ-CP (mặc định, điểm a khoản 3 Điều 12)",
	AppraisesBQP:   "Hệ thống do Bộ Quốc phòng quản lý, hệ thống thông tin quân sự (điểm b khoản 3 Điều 12 Nghị định 85/2016/NĐ-CP; điểm b khoản 3 Điều 18 Nghị định 331/2026/NĐ-CP)",
	AppraisesBCA:   "Hệ thống do Bộ Công an quản lý (điểm c khoản 3 Điều 12 Nghị định 85/2016/NĐ-CP); hệ thống dân sự và của Bộ Công an theo Nghị định 331/2026/NĐ-CP (điểm a khoản 3 Điều 18)",
	AppraisesBCY:   "Hệ thống thông tin cơ yếu của Ban Cơ yếu Chính phủ (điểm c khoản 3 Điều 18 Nghị định 331/2026/NĐ-CP)",
}

// NewOrg is an organisation to create.
type NewOrg struct {
	Name     string
	ParentID int64 // 0: a root
	// Appraises matters for authority organisations only; "" means AppraisesCivil.
	Appraises string
}

// Org is one organisation.
type Org struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	ParentID  int64     `json:"parent_id,omitempty"`
	Appraises string    `json:"appraises"`
	Depth     int       `json:"-"` // below the subtree root, in Subtree results
	CreatedAt time.Time `json:"created_at"`
}

// NewUser is an account to create.
type NewUser struct {
	Username     string
	PasswordHash []byte
	Role         string
	OrgID        int64
	Contact      people.Contact // checked by the caller (people.Contact.Check)
}

// User is an account. PasswordHash never leaves the server.
type User struct {
	ID       int64  `json:"id"`
	Username string `json:"username"`
	Role     string `json:"role"`
	OrgID    int64  `json:"org_id"`
	OrgName  string `json:"org"`
	// OrgParentID and OrgAppraises describe the user's organisation, for its Scope.
	OrgParentID  int64     `json:"-"`
	OrgAppraises string    `json:"-"`
	Disabled     bool      `json:"disabled"`
	CreatedAt    time.Time `json:"created_at"`
	PasswordHash []byte    `json:"-"`
	// MFA: the account has a second factor (TOTP); its secret never leaves the store but
	// through Accounts.TOTP.
	MFA bool `json:"mfa"`
	// The person's contact details ("" when not given).
	people.Contact
}

// Display names the account's person to others: "Nguyễn Văn A (attt)", or the username.
func (u User) Display() string { return people.Display(u.FullName, u.Username) }

// Session is one login.
type Session struct {
	UserID    int64
	CSRF      string
	CreatedAt time.Time
	ExpiresAt time.Time
	// LastSeen is when the session was last used, to about a minute (server/idle.go).
	LastSeen time.Time
}

// NewVersion is a classified profile to store as a system version.
type NewVersion struct {
	Profile  levels.Profile
	Decision levels.Decision
	ActorID  int64
	// Base, when set, is the version this one was made from: UpdateSystem refuses
	// (ErrConflict) when the system has moved on since, so that nobody's edit is lost.
	Base int
	// Risk, when set, is a cyber risk assessment recorded with this version (migration
	// 0009), in the same transaction.
	Risk *risk.Assessment
}

// System is the current state of a registered system.
type System struct {
	ID        int64           `json:"id"`
	OrgID     int64           `json:"org_id"`
	OrgName   string          `json:"org"`
	Level     int             `json:"level"`
	Version   int             `json:"version"`
	Status    string          `json:"status"`
	Profile   levels.Profile  `json:"profile"`
	Decision  levels.Decision `json:"decision"`
	CreatedBy string          `json:"created_by"`
	CreatedAt time.Time       `json:"created_at"`
	UpdatedAt time.Time       `json:"updated_at"`
	// Approved is the system's newest approval the caller may see, nil when none: the level
	// approved, whatever the system's versions say since.
	Approved *Approval `json:"-"`
	// Routed: the system is outside the caller's subtree, shown as the version of the
	// newest dossier routed to it.
	Routed bool `json:"-"`
	// Declared is, for a system with no approval the caller sees (Approved nil), the level
	// newest declared approved on import (DeclaredLevels), nil when none. Only the lists
	// (ListSystems) fill it; see ApprovedLevel.
	Declared *DeclaredLevel `json:"-"`
}

// ApprovedLevel is the level a list shows as approved, as the dashboard counts it (Stats):
// the newest approval's level, else the level declared on import (declared true), else 0.
func (s System) ApprovedLevel() (level int, declared bool) {
	switch {
	case s.Approved != nil:
		return s.Approved.Level, false
	case s.Declared != nil:
		return s.Declared.Level, true
	}
	return 0, false
}

// SystemVersion is one saved profile with its decision at the time.
type SystemVersion struct {
	Version   int             `json:"version"`
	Level     int             `json:"level"`
	Profile   levels.Profile  `json:"profile"`
	Decision  levels.Decision `json:"decision"`
	Actor     string          `json:"actor"`
	CreatedAt time.Time       `json:"created_at"`
}

// SystemFilter narrows a system list. Zero values do not filter; Level -1 means any.
type SystemFilter struct {
	Level  int
	OrgID  int64
	Status string
	Query  string // matched against id, name, owner and operator, ignoring case and diacritics
	Limit  int    // at most this many rows; 0: all
	Offset int    // rows to skip first
	// Operator fills Profile.Operator of each row (an export shows it; reading it from the
	// version's profile costs a list of thousands noticeably, so other lists go without).
	Operator bool
	// Routed adds the systems routed to the caller (Scope) outside its subtree, each as the
	// version of the newest dossier routed to it: level, status and search text are that
	// dossier's. RoutedOnly keeps those alone.
	Routed, RoutedOnly bool
}

// Stats are the dashboard counts for a scope.
type Stats struct {
	ByLevel [6]int // systems per level 0–5
	// ByApproved counts systems per approved level, 0 for none approved yet: the newest
	// approval recorded in capdo, else the level declared on import (migration 0015).
	// ByDeclared counts those of ByApproved whose level is only declared, no approval
	// recorded in capdo.
	ByApproved [6]int
	ByDeclared [6]int
	ByOrg      []OrgCount     // systems per organisation
	ByStatus   map[string]int // dossiers per status
	Overdue    []Dossier      // dossiers past their statutory deadline
	Systems    int
	Dossiers   int
}

// OrgCount is the number of systems of one organisation.
type OrgCount struct {
	OrgID int64
	Name  string
	Count int
}

// NewDossier is a generated dossier to store.
type NewDossier struct {
	SystemID        int64
	SystemVersion   int
	Level           int
	Profile         levels.Profile
	Decision        levels.Decision
	Manifest        []byte // manifest.json as generated
	RuleSet         string
	RuleSetDigest   string
	Templates       string
	TemplatesDigest string
	Files           []File
	Status          string
	Holder          string
	DueAt           time.Time // zero: no deadline
	ActorID         int64
	Event           review.Event // Seq, At and hashes are set by the store
	// Procedure is the procedure in force when the dossier is made, pinned with it: its
	// workflow never depends on the rule set the server runs with later. nil pins none.
	Procedure *levels.Procedure
	// RuleFile is the agency rule file the dossier is classified with, kept whole (once per
	// digest); nil for a built-in rule set.
	RuleFile *RuleFile
	// Supersede, when set, withdraws in the same transaction the system's dossiers the new
	// one replaces — returned ones, drafts of an older system version — each with the event
	// it returns for the new dossier's id (From, To, Seq, At and hashes are set by the store).
	Supersede func(newID int64) review.Event
}

// RuleFile is an agency's own rule file as a dossier was made with it.
type RuleFile struct {
	Digest  string // SHA-256 of Content, the dossier's RuleSetDigest
	RuleSet string // the set's id
	Name    string // the path it was loaded from
	Content []byte
}

// File is one stored document.
type File struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	Size   int    `json:"size"`
	Data   []byte `json:"-"`
}

// Dossier is a dossier version without its file contents.
type Dossier struct {
	ID            int64     `json:"id"`
	SystemID      int64     `json:"system_id"`
	SystemVersion int       `json:"system_version"`
	SystemName    string    `json:"system"`
	OrgID         int64     `json:"org_id"`
	OrgName       string    `json:"org"`
	Level         int       `json:"level"`
	Status        string    `json:"status"`
	StatusSince   time.Time `json:"status_since"`
	DueAt         time.Time `json:"-"`
	Holder        string    `json:"holder"`
	// SystemCurrent is the system's version now; when it differs from SystemVersion the
	// dossier no longer matches its system.
	SystemCurrent   int             `json:"system_current_version"`
	RuleSet         string          `json:"rule_set"`
	RuleSetDigest   string          `json:"rule_set_digest"`
	Templates       string          `json:"templates"`
	TemplatesDigest string          `json:"templates_digest"`
	Profile         levels.Profile  `json:"profile"`
	Decision        levels.Decision `json:"decision"`
	Manifest        []byte          `json:"-"`
	Files           []File          `json:"files"`
	CreatedBy       string          `json:"created_by"`
	CreatedAt       time.Time       `json:"created_at"`
	// Procedure is the procedure pinned when the dossier was made (nil for one made before
	// pinning and not pinned since). Dossier and Stats fill it, lists do not.
	Procedure *levels.Procedure `json:"procedure,omitempty"`
	// Uploads are the documents uploaded to it, oldest first (Dossier fills them).
	Uploads []Upload `json:"-"`
	// Approval is its approval, once approved (Dossier fills it).
	Approval *Approval `json:"-"`
	// Appraiser is the independent appraiser designated for it (Decree 331 Art. 18.4),
	// nil when none (Dossier fills it).
	Appraiser *Designation `json:"-"`
	// ReturnReason is the comment of its last return while it is returned (lists fill it).
	ReturnReason string `json:"-"`
	// SubmittedAt is when it was last submitted, zero if never (lists fill it).
	SubmittedAt time.Time `json:"-"`
}

// DossierFilter narrows a dossier list.
type DossierFilter struct {
	SystemID int64
	Status   string
	Level    int    // 0: any (a dossier is never made at level 0)
	Holder   string // the role whose turn it is ("": any)
	Limit    int    // at most this many rows; 0: all
	Offset   int    // rows to skip first
	OrgID    int64  // the unit whose system it is (0: any)
	// Query is matched like SystemFilter.Query against the id, name, owner and operator of
	// the version the dossier was made from (of the system now, for the caller's own); a
	// word of digits also matches the dossier's number.
	Query string
	// Withdrawn keeps withdrawn dossiers in a list without a Status; they are left out
	// otherwise.
	Withdrawn bool
	// Due narrows to the dossiers of a current stage with a deadline: DueOverdue past it,
	// DueSoon within DueSoonWithin of Now, DueAny with any. "": any dossier.
	Due string
	Now time.Time
}

// Values of DossierFilter.Due.
const (
	DueOverdue = "overdue"
	DueSoon    = "soon"
	DueAny     = "any"
)

// DueSoonWithin is how close a deadline is "soon" in a list filter.
const DueSoonWithin = 7 * 24 * time.Hour

// Transition is one workflow step to record.
type Transition struct {
	From, To string
	Holder   string
	DueAt    time.Time
	Event    review.Event // Seq, At, PrevHash and Hash are set by the store
	// Approval is recorded with a step to approved (nil records an approval with no
	// inspection cycle and no decision).
	Approval *NewApproval
	// RouteAuthority: the step routes the dossier to its authority (it stays routed).
	RouteAuthority bool
}
