package notify_test

import (
	"context"
	"errors"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"capdo/levels"
	capmail "capdo/mail"
	"capdo/notify"
	"capdo/people"
	"capdo/review"
	"capdo/store"
)

// smtpBackend is a real SMTP server (go-smtp) on a loopback port that keeps what it
// receives; fail, when set, refuses a recipient with the error it returns.
type smtpBackend struct {
	mu   sync.Mutex
	msgs []received
	fail func(rcpt string) error
}

type received struct {
	to      []string
	subject string
	body    string
}

func (b *smtpBackend) NewSession(*smtp.Conn) (smtp.Session, error) { return &smtpSession{b: b}, nil }

type smtpSession struct {
	b  *smtpBackend
	to []string
}

func (s *smtpSession) Mail(string, *smtp.MailOptions) error { return nil }
func (s *smtpSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.b.mu.Lock()
	fail := s.b.fail
	s.b.mu.Unlock()
	if fail != nil {
		if err := fail(to); err != nil {
			return err
		}
	}
	s.to = append(s.to, to)
	return nil
}
func (s *smtpSession) Data(r io.Reader) error {
	m, err := mail.ReadMessage(r)
	if err != nil {
		return err
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		return err
	}
	body, err := io.ReadAll(quotedprintable.NewReader(m.Body))
	if err != nil {
		return err
	}
	s.b.mu.Lock()
	s.b.msgs = append(s.b.msgs, received{to: s.to, subject: subject, body: strings.ReplaceAll(string(body), "\r\n", "\n")})
	s.b.mu.Unlock()
	return nil
}
func (s *smtpSession) Reset()        { s.to = nil }
func (s *smtpSession) Logout() error { return nil }

func (b *smtpBackend) received() []received {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]received(nil), b.msgs...)
}

func startSMTP(t *testing.T) (*smtpBackend, string) {
	t.Helper()
	be := &smtpBackend{}
	srv := smtp.NewServer(be)
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return be, l.Addr().String()
}

// env is a real database with a province, its units and an authority:
//
//	UBND tỉnh A: owner chuquanA (e-mail)
//	├── Sở TT&TT A: infosec atttA (e-mail)
//	└── Sở Y tế A: operator vanhanhA (e-mail), systems «Cổng dịch vụ công» (level 3) and
//	    «Quản lý văn bản mật» (level 4, state secrets)
//	Cục ATTT: authority thamdinh (no e-mail)
type env struct {
	db    *store.DB
	mu    sync.Mutex
	now   time.Time
	users map[string]store.User
	orgs  map[string]store.Org
	sys3  int64
	sys4  int64
}

func (e *env) clock() time.Time { e.mu.Lock(); defer e.mu.Unlock(); return e.now }
func (e *env) set(t time.Time)  { e.mu.Lock(); e.now = t; e.mu.Unlock() }

func newEnv(t *testing.T) *env {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "capdo.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.UseAuditKey(ctx, []byte("khoa-kiem-toan-cua-notify-test-32b"), true); err != nil {
		t.Fatal(err)
	}
	e := &env{db: db, now: vn("2026-03-02 09:00"), users: map[string]store.User{}, orgs: map[string]store.Org{}}
	db.Now = e.clock
	for _, o := range []struct{ name, parent, appraises string }{
		{"UBND tỉnh A", "", ""}, {"Sở TT&TT A", "UBND tỉnh A", ""}, {"Sở Y tế A", "UBND tỉnh A", ""}, {"Cục ATTT", "", "civil"},
	} {
		if e.orgs[o.name], err = db.CreateOrg(ctx, store.NewOrg{Name: o.name, ParentID: e.orgs[o.parent].ID, Appraises: o.appraises}); err != nil {
			t.Fatal(err)
		}
	}
	for _, u := range []struct{ name, role, org, full, email string }{
		{"chuquanA", "owner", "UBND tỉnh A", "Trần Văn Chủ", "chuquan@ubnd.gov.vn"},
		{"atttA", "infosec", "Sở TT&TT A", "Nguyễn Văn A", "attt@stttt.gov.vn"},
		{"vanhanhA", "operator", "Sở Y tế A", "", "vanhanh@syt.gov.vn"},
		{"thamdinh", "authority", "Cục ATTT", "Lê Thẩm Định", ""},
	} {
		if e.users[u.name], err = db.CreateUser(ctx, store.NewUser{Username: u.name, Role: u.role, OrgID: e.orgs[u.org].ID, PasswordHash: []byte("x"),
			Contact: people.Contact{FullName: u.full, Email: u.email}}); err != nil {
			t.Fatal(err)
		}
	}
	e.sys3 = e.system(t, levels.Profile{Name: "Cổng dịch vụ công", Owner: "UBND tỉnh A", SystemType: "citizen_business",
		InfoTypes: []string{"public", "personal"}, PersonalDataUsers: 250000})
	e.sys4 = e.system(t, levels.Profile{Name: "Quản lý văn bản mật", Owner: "UBND tỉnh A", SystemType: "internal",
		InfoTypes: []string{"state_secret"}, SecretGrade: "toi_mat", SecurityHarm: "serious"})
	return e
}

func (e *env) system(t *testing.T, p levels.Profile) int64 {
	t.Helper()
	rs, err := levels.Open(levels.DefaultRuleSet)
	if err != nil {
		t.Fatal(err)
	}
	d, err := rs.Classify(context.Background(), &p)
	if err != nil {
		t.Fatal(err)
	}
	id, err := e.db.CreateSystem(context.Background(), e.orgs["Sở Y tế A"].ID, store.NewVersion{Profile: p, Decision: d})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// dossier stores a draft dossier of system id.
func (e *env) dossier(t *testing.T, sys int64) int64 {
	t.Helper()
	ctx := context.Background()
	s, err := e.db.System(ctx, store.Scope{OrgID: e.orgs["UBND tỉnh A"].ID}, sys)
	if err != nil {
		t.Fatal(err)
	}
	id, err := e.db.CreateDossier(ctx, store.NewDossier{SystemID: sys, SystemVersion: 1, Level: s.Level, Profile: s.Profile, Decision: s.Decision,
		Manifest: []byte(`{}`), RuleSet: "d85-2016", Status: "draft", Holder: "operator",
		Event: review.Event{Action: review.Generate, To: "draft", Actor: "vanhanhA", Role: "operator"}})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// step moves dossier id as the registry does, deadline included.
func (e *env) step(t *testing.T, id int64, from, to, holder, actor, role, comment string, due time.Time) {
	t.Helper()
	if _, err := e.db.Transition(context.Background(), id, store.Transition{From: from, To: to, Holder: holder, DueAt: due,
		Event: review.Event{Action: "x", Actor: actor, Role: role, Comment: comment}}); err != nil {
		t.Fatal(err)
	}
}

func (e *env) inbox(t *testing.T, user string) []store.Notification {
	t.Helper()
	u := e.users[user]
	sc := store.Scope{OrgID: u.OrgID}
	switch u.Role {
	case "infosec":
		sc.ReviewOrgID = u.OrgParentID
	case "authority":
		sc.Appraises = u.OrgAppraises
	}
	ns, err := e.db.Notifications(context.Background(), u.ID, sc, store.NotificationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return ns
}

func kinds(ns []store.Notification) string {
	var ks []string
	for _, n := range ns {
		ks = append(ks, n.Kind)
	}
	return strings.Join(ks, ",")
}

func (e *env) service(addr string) *notify.Service {
	cfg := notify.Config{DueSoonDays: 3, PublicURL: "https://capdo.tinh-a.gov.vn/", Now: e.clock}
	if addr != "" {
		cfg.Mail = &capmail.Config{Addr: addr, From: "capdo <capdo@tinh-a.gov.vn>", TLS: capmail.Plain, Timeout: 5 * time.Second}
	}
	return notify.New(e.db, cfg)
}

// A step tells the next holder in the inbox at once, and by e-mail from the job, never in
// the step itself; the e-mail links to the dossier, and for a system that processes state
// secrets names neither it nor its level, nor any comment. A second run sends nothing.
func TestService_StepNotifiesAndMails(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	be, addr := startSMTP(t)
	svc := e.service(addr)

	d3 := e.dossier(t, e.sys3)
	e.step(t, d3, "draft", "submitted", "infosec", "vanhanhA", "operator", "", time.Time{})
	if err := svc.DossierMoved(ctx, d3); err != nil {
		t.Fatal(err)
	}
	if got := kinds(e.inbox(t, "atttA")); got != "submitted" {
		t.Fatalf("atttA's inbox = %q", got)
	}
	if got := kinds(e.inbox(t, "vanhanhA")) + kinds(e.inbox(t, "chuquanA")) + kinds(e.inbox(t, "thamdinh")); got != "" {
		t.Errorf("others were told: %q", got)
	}
	if n := len(be.received()); n != 0 {
		t.Fatalf("%d e-mails sent by the step itself", n)
	}
	r, err := svc.RunOnce(ctx)
	if err != nil || r.Sent != 1 || r.Failed != 0 {
		t.Fatalf("RunOnce = %+v, %v", r, err)
	}
	msgs := be.received()
	if len(msgs) != 1 || msgs[0].to[0] != "attt@stttt.gov.vn" || msgs[0].subject != "[capdo] Hồ sơ số 1: hồ sơ được gửi" {
		t.Fatalf("e-mails = %+v", msgs)
	}
	for _, want := range []string{"Kính gửi Nguyễn Văn A,", "hệ thống «Cổng dịch vụ công» (cấp độ 3) đã được gửi, chờ Đơn vị chuyên trách ATTT xử lý",
		"https://capdo.tinh-a.gov.vn/dossiers/1", "không kèm tài liệu"} {
		if !strings.Contains(msgs[0].body, want) {
			t.Errorf("e-mail lacks %q:\n%s", want, msgs[0].body)
		}
	}
	if r, err := svc.RunOnce(ctx); err != nil || r.Added != 0 || r.Sent != 0 {
		t.Errorf("second run = %+v, %v", r, err)
	}

	// Level 4, state secrets: submitted by the owner, returned by the infosec unit.
	d4 := e.dossier(t, e.sys4)
	e.step(t, d4, "draft", "submitted", "infosec", "chuquanA", "owner", "", time.Time{})
	svc.DossierMoved(ctx, d4)
	e.step(t, d4, "submitted", "returned", "operator", "atttA", "infosec", "Thiếu sơ đồ mạng của phòng máy chủ mật", time.Time{})
	svc.DossierMoved(ctx, d4)
	if _, err := svc.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	inbox := e.inbox(t, "vanhanhA")
	if len(inbox) != 1 || inbox[0].Kind != "returned" || !strings.Contains(inbox[0].Text, "Quản lý văn bản mật") ||
		!strings.Contains(inbox[0].Text, "Lý do: Thiếu sơ đồ mạng") {
		t.Errorf("the preparer's inbox = %+v", inbox)
	}
	msgs = be.received()
	if len(msgs) != 4 { // atttA (submitted), chuquanA and vanhanhA (returned), and the first one
		t.Fatalf("%d e-mails: %+v", len(msgs), msgs)
	}
	for _, m := range msgs[1:] {
		if strings.Contains(m.body+m.subject, "văn bản mật") || strings.Contains(m.body, "cấp độ 4") || strings.Contains(m.body, "sơ đồ") {
			t.Errorf("an e-mail about a state-secret system tells too much:\n%s", m.body)
		}
		if !strings.Contains(m.body, "hệ thống thông tin số 2 (mật)") {
			t.Errorf("e-mail lacks the system's number:\n%s", m.body)
		}
	}
	// thamdinh has no e-mail address and holds nothing yet; it is never written to.
	for _, m := range msgs {
		if strings.Contains(strings.Join(m.to, ","), "thamdinh") {
			t.Errorf("e-mail to %v", m.to)
		}
	}
}

// The job reminds the holder N working days before the deadline and tells it once the
// deadline has passed, once per stage, however often it runs.
func TestService_DeadlineNotices(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	svc := e.service("")
	d := e.dossier(t, e.sys3)
	e.set(vn("2026-04-20 09:00"))
	due := vn("2026-05-05 10:00")
	e.step(t, d, "draft", "submitted", "infosec", "vanhanhA", "operator", "", due)
	for _, c := range []struct {
		at    string
		added int
		inbox string
	}{
		{"2026-04-20 09:05", 1, "submitted"}, // the step, caught up by the job
		{"2026-04-27 18:00", 0, "submitted"},
		{"2026-04-28 06:00", 1, "due_soon,submitted"},
		{"2026-05-04 09:00", 0, "due_soon,submitted"},
		{"2026-05-06 00:01", 1, "overdue,due_soon,submitted"},
		{"2026-05-20 00:01", 0, "overdue,due_soon,submitted"},
	} {
		e.set(vn(c.at))
		r, err := svc.RunOnce(ctx)
		if err != nil || r.Added != c.added {
			t.Errorf("%s: RunOnce = %+v, %v; want %d added", c.at, r, err, c.added)
		}
		if got := kinds(e.inbox(t, "atttA")); got != c.inbox {
			t.Errorf("%s: inbox %q, want %q", c.at, got, c.inbox)
		}
	}
	ns := e.inbox(t, "atttA")
	if !strings.Contains(ns[1].Text, "hạn cuối 05/05/2026, còn 3 ngày làm việc") || !strings.Contains(ns[0].Text, "đã quá hạn xử lý (hạn cuối 05/05/2026)") {
		t.Errorf("texts: %q / %q", ns[1].Text, ns[0].Text)
	}
	// Sent again after a return, the dossier is a new stage with notices of its own.
	e.step(t, d, "submitted", "returned", "operator", "atttA", "infosec", "Bổ sung", time.Time{})
	e.set(vn("2026-05-21 09:00"))
	e.step(t, d, "returned", "submitted", "infosec", "vanhanhA", "operator", "Đã bổ sung", vn("2026-05-22 10:00"))
	// The return is older than the resubmission: only the current stage is looked at, and
	// its step and its deadline (one working day away) are told to atttA.
	if r, _ := svc.RunOnce(ctx); r.Added != 2 {
		t.Errorf("after a return and a resubmission: %+v", r)
	}
	if got := kinds(e.inbox(t, "atttA")); got != "due_soon,submitted,overdue,due_soon,submitted" {
		t.Errorf("inbox after resubmission = %q", got)
	}
	// A stage entered more than a day before is not caught up any more.
	e.set(vn("2026-06-30 09:00"))
	d2 := e.dossier(t, e.sys3)
	e.step(t, d2, "draft", "submitted", "infosec", "vanhanhA", "operator", "", time.Time{})
	e.set(vn("2026-07-02 09:00"))
	if r, _ := svc.RunOnce(ctx); r.Added != 1 { // the first dossier's second stage is overdue
		t.Errorf("RunOnce = %+v", r)
	}
	for _, n := range e.inbox(t, "atttA") {
		if n.DossierID == d2 {
			t.Errorf("an old step caught up: %+v", n)
		}
	}
}

// Several servers share a database: while one holds the job, another's run is skipped and
// sends nothing; once the lease has run out, it runs.
func TestService_OneServerRunsTheJob(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	be, addr := startSMTP(t)
	a, b := e.service(addr), e.service(addr)
	d := e.dossier(t, e.sys3)
	e.step(t, d, "draft", "submitted", "infosec", "vanhanhA", "operator", "", time.Time{})
	if ok, err := e.db.ClaimJob(ctx, "notify", "another-server", 2*time.Minute); !ok || err != nil {
		t.Fatal(ok, err)
	}
	for _, s := range []*notify.Service{a, b} {
		if r, err := s.RunOnce(ctx); err != nil || !r.Skipped || r.Added != 0 {
			t.Errorf("while another server runs the job: %+v, %v", r, err)
		}
	}
	e.set(e.clock().Add(2*time.Minute + time.Second))
	r, err := a.RunOnce(ctx)
	if err != nil || r.Skipped || r.Added != 1 || r.Sent != 1 {
		t.Errorf("after the lease ran out: %+v, %v", r, err)
	}
	if r, _ := b.RunOnce(ctx); r.Added != 0 || r.Sent != 0 {
		t.Errorf("the other server again: %+v", r)
	}
	if n := len(be.received()); n != 1 {
		t.Errorf("%d e-mails, want 1", n)
	}
}

// A mail server that refuses for now is tried again after a minute, then two; one that
// refuses for good (5xx) is given up at once; nothing is lost meanwhile.
func TestService_MailRetries(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	be, addr := startSMTP(t)
	svc := e.service(addr)
	refusals := 2
	be.fail = func(rcpt string) error {
		if rcpt == "vanhanh@syt.gov.vn" {
			return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
		}
		if refusals > 0 {
			refusals--
			return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try later"}
		}
		return nil
	}
	d := e.dossier(t, e.sys3)
	e.step(t, d, "draft", "submitted", "infosec", "vanhanhA", "operator", "", time.Time{})
	svc.DossierMoved(ctx, d)
	start := e.clock()
	for _, c := range []struct {
		after        time.Duration
		sent, failed int
	}{{0, 0, 1}, {30 * time.Second, 0, 0}, {time.Minute, 0, 1}, {2 * time.Minute, 0, 0}, {3 * time.Minute, 1, 0}} {
		e.set(start.Add(c.after))
		r, err := svc.RunOnce(ctx)
		if err != nil || r.Sent != c.sent || r.Failed != c.failed {
			t.Errorf("after %v: %+v, %v; want %d sent, %d failed", c.after, r, err, c.sent, c.failed)
		}
	}
	// Approved by the owner: the operator's address is refused for good.
	e.step(t, d, "submitted", "appraised", "owner", "atttA", "infosec", "", time.Time{})
	e.step(t, d, "appraised", "approved", "", "chuquanA", "owner", "", time.Time{})
	svc.DossierMoved(ctx, d)
	if r, _ := svc.RunOnce(ctx); r.Failed != 1 || r.Sent != 0 {
		t.Errorf("a permanent refusal: %+v", r)
	}
	if c, _ := e.db.MailCounts(ctx); c != (store.MailCounts{Sent: 1, Failed: 1}) {
		t.Errorf("outbox = %+v", c)
	}
	if len(be.received()) != 1 {
		t.Errorf("received %+v", be.received())
	}
}

// Sees is the rule store.Scope applies: for every account and dossier at every stage, the
// rule and the store agree on who may see it.
func TestSees_AgreesWithStore(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	// An infosec unit of another province and an authority of another group, besides.
	other, _ := e.db.CreateOrg(ctx, store.NewOrg{Name: "UBND tỉnh B"})
	otherAttt, _ := e.db.CreateOrg(ctx, store.NewOrg{Name: "Sở TT&TT B", ParentID: other.ID})
	qp, _ := e.db.CreateOrg(ctx, store.NewOrg{Name: "Cục QP", Appraises: "bqp"})
	for _, u := range []struct {
		name, role string
		org        int64
	}{{"atttB", "infosec", otherAttt.ID}, {"thamdinhQP", "authority", qp.ID}, {"chuquanB", "owner", other.ID}} {
		nu, err := e.db.CreateUser(ctx, store.NewUser{Username: u.name, Role: u.role, OrgID: u.org, PasswordHash: []byte("x")})
		if err != nil {
			t.Fatal(err)
		}
		e.users[u.name] = nu
	}
	parents, _ := e.db.OrgParents(ctx)
	tree := notify.Tree(parents)
	d3, d4 := e.dossier(t, e.sys3), e.dossier(t, e.sys4)
	check := func(label string) {
		for _, id := range []int64{d3, d4} {
			st, err := e.db.DossierStage(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			for _, u := range e.users {
				u, _ = e.db.User(ctx, u.ID)
				sc := store.Scope{OrgID: u.OrgID}
				switch u.Role {
				case "infosec":
					sc.ReviewOrgID = u.OrgParentID
				case "authority":
					sc.Appraises = u.OrgAppraises
				}
				_, err := e.db.Dossier(ctx, sc, id)
				if seen := err == nil; seen != notify.Sees(u, st, tree) {
					t.Errorf("%s, dossier %d (level %d, %s): store says %v, Sees %v", label, id, st.Level, st.Status, seen, !seen)
				} else if err != nil && !errors.Is(err, store.ErrNotFound) {
					t.Fatal(err)
				}
			}
		}
	}
	check("draft")
	e.step(t, d3, "draft", "submitted", "infosec", "vanhanhA", "operator", "", time.Time{})
	e.step(t, d4, "draft", "submitted", "infosec", "vanhanhA", "operator", "", time.Time{})
	check("submitted")
	e.step(t, d4, "submitted", "opinion_given", "authority", "atttA", "infosec", "", time.Time{})
	check("opinion given")
}
