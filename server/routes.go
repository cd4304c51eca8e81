package server

import (
	"io/fs"
	"net/http"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/filesystem"
	"github.com/gofiber/fiber/v2/middleware/recover"

	"capdo/templates"
)

// route is one entry of the route table: everything about an endpoint's access in one line.
type route struct {
	Method  string
	Path    string // Fiber syntax: /systems/:id
	Handler fiber.Handler
	// Public routes need no session. Otherwise Roles lists who may call it (nil: any
	// signed-in user); other roles get 403 before anything is looked up.
	Public bool
	Roles  []string
	// Login routes are rate-limited per client before anything else is checked.
	Login bool
	// MaxBody is the largest request body the route takes (bodylimit.go); 0: the limit of
	// every other route.
	MaxBody int
}

// Who may register and change systems and generate dossiers: those who build dossiers
// (operating unit, owner) and administrators; infosec units and authorities review.
var (
	editors = []string{"operator", "owner", "admin"}
	admins  = []string{"admin"}
	owners  = []string{"owner"}
)

// table lists every route of the application. The OpenAPI document covers exactly the
// /api/v1 routes of this table (checked by a test).
func (s *Server) table() []route {
	return []route{
		// Pages for people.
		{Method: "GET", Path: "/login", Handler: s.loginPage, Public: true},
		{Method: "POST", Path: "/login", Handler: s.loginForm, Public: true, Login: true},
		{Method: "POST", Path: "/logout", Handler: s.logoutForm},
		{Method: "GET", Path: "/login/mfa", Handler: s.mfaLoginPage, Public: true},
		{Method: "POST", Path: "/login/mfa", Handler: s.mfaLoginForm, Public: true, Login: true},
		{Method: "GET", Path: "/setup/:token", Handler: s.setupPage, Public: true},
		{Method: "POST", Path: "/setup/:token", Handler: s.setupForm, Public: true, Login: true},
		{Method: "GET", Path: "/", Handler: s.dashboardPage},
		{Method: "GET", Path: "/systems", Handler: s.systemsPage},
		{Method: "GET", Path: "/systems/new", Handler: s.systemNewPage, Roles: editors},
		{Method: "POST", Path: "/systems", Handler: s.systemCreateForm, Roles: editors},
		{Method: "GET", Path: "/systems/:id", Handler: s.systemPage},
		{Method: "GET", Path: "/systems/:id/edit", Handler: s.systemEditPage, Roles: editors},
		{Method: "POST", Path: "/systems/:id", Handler: s.systemUpdateForm, Roles: editors},
		{Method: "POST", Path: "/systems/:id/dossiers", Handler: s.dossierCreateForm, Roles: editors},
		{Method: "POST", Path: "/profile/preview", Handler: s.profilePreview, Roles: editors},
		{Method: "GET", Path: "/systems/:id/risk", Handler: s.riskPage},
		{Method: "POST", Path: "/systems/:id/risk", Handler: s.riskForm, Roles: editors},
		{Method: "GET", Path: "/dossiers", Handler: s.dossiersPage},
		{Method: "GET", Path: "/dossiers/:id", Handler: s.dossierPage},
		{Method: "POST", Path: "/dossiers/:id/actions", Handler: s.dossierActionForm},
		// Who may upload, confirm or record what is the dossier's flow's decision (registry).
		{Method: "GET", Path: "/dossiers/:id/confirm", Handler: s.dossierConfirmPage},
		{Method: "POST", Path: "/dossiers/:id/documents", Handler: s.dossierUploadForm},
		// The version to sign and PDFs of the generated documents: whoever sees the dossier.
		{Method: "GET", Path: "/dossiers/:id/final/:file", Handler: s.dossierFinalPage},
		{Method: "GET", Path: "/dossiers/:id/pdf/:file", Handler: s.dossierPDFPage},
		{Method: "POST", Path: "/dossiers/:id/decision", Handler: s.dossierDecisionForm},
		// The owner designates an independent appraiser (Decree 331 Art. 18.4).
		{Method: "POST", Path: "/dossiers/:id/appraiser", Handler: s.dossierAppraiserForm, Roles: owners},
		{Method: "GET", Path: "/account", Handler: s.accountPage},
		// Checks the current password: rate-limited like a login.
		{Method: "POST", Path: "/account/password", Handler: s.accountPasswordForm, Login: true},
		{Method: "GET", Path: "/account/mfa", Handler: s.mfaPage},
		{Method: "POST", Path: "/account/mfa", Handler: s.mfaEnrolForm, Login: true},
		{Method: "POST", Path: "/account/mfa/disable", Handler: s.mfaDisableForm, Login: true},
		{Method: "POST", Path: "/account/contact", Handler: s.accountContactForm},
		{Method: "GET", Path: "/notifications", Handler: s.notificationsPage},
		{Method: "POST", Path: "/notifications/read-all", Handler: s.notificationsReadAllForm},
		{Method: "POST", Path: "/notifications/:id/read", Handler: s.notificationReadForm},
		// Whole inventories (docs/contract.md §7): import, re-rating, the annual report.
		{Method: "GET", Path: "/imports", Handler: s.importPage, Roles: editors},
		{Method: "POST", Path: "/imports", Handler: s.importFormPost, Roles: editors, MaxBody: ImportMaxBytes + 1<<20},
		{Method: "GET", Path: "/rerate", Handler: s.reratePage},
		{Method: "POST", Path: "/rerate/apply", Handler: s.rerateApplyForm, Roles: editors},
		{Method: "GET", Path: "/reports/annual", Handler: s.annualPage},
		{Method: "GET", Path: "/admin/users", Handler: s.usersPage, Roles: admins},
		{Method: "POST", Path: "/admin/users", Handler: s.userCreateForm, Roles: admins},
		{Method: "POST", Path: "/admin/users/:id/password", Handler: s.userPasswordForm, Roles: admins},
		{Method: "POST", Path: "/admin/users/:id/disabled", Handler: s.userDisabledForm, Roles: admins},
		{Method: "POST", Path: "/admin/users/:id/placement", Handler: s.userPlacementForm, Roles: admins},
		{Method: "POST", Path: "/admin/users/:id/mfa", Handler: s.userMFAForm, Roles: admins},
		{Method: "POST", Path: "/admin/users/:id/contact", Handler: s.userContactForm, Roles: admins},
		{Method: "GET", Path: "/admin/orgs", Handler: s.orgsPage, Roles: admins},
		{Method: "POST", Path: "/admin/orgs", Handler: s.orgCreateForm, Roles: admins},
		{Method: "POST", Path: "/admin/orgs/:id", Handler: s.orgChangeForm, Roles: admins},
		{Method: "GET", Path: "/admin/security-log", Handler: s.securityLogPage, Roles: admins},
		// The Quy chế of Decree 331 Art. 30.7 (regulations.go) and the working-day calendar
		// (calendar_admin.go).
		{Method: "GET", Path: "/regulations", Handler: s.regulationsPage, Roles: recorders},
		{Method: "POST", Path: "/regulations", Handler: s.regulationForm, Roles: recorders},
		// Whose regulation a user reads is the handler's check (regulations.go).
		{Method: "GET", Path: "/regulations/:id/file", Handler: s.regulationFile},
		{Method: "GET", Path: "/admin/calendar", Handler: s.calendarPage, Roles: admins},
		{Method: "POST", Path: "/admin/calendar", Handler: s.calendarForm, Roles: admins},

		// JSON API (docs/contract.md §4).
		{Method: "GET", Path: "/api/v1/openapi.json", Handler: s.apiOpenAPI, Public: true},
		{Method: "POST", Path: "/api/v1/login", Handler: s.apiLogin, Public: true, Login: true},
		{Method: "POST", Path: "/api/v1/logout", Handler: s.apiLogout},
		{Method: "GET", Path: "/api/v1/me", Handler: s.apiMe},
		{Method: "POST", Path: "/api/v1/classify", Handler: s.apiClassify},
		{Method: "GET", Path: "/api/v1/systems", Handler: s.apiSystems},
		{Method: "POST", Path: "/api/v1/systems", Handler: s.apiSystemCreate, Roles: editors},
		{Method: "GET", Path: "/api/v1/systems/:id", Handler: s.apiSystem},
		{Method: "PUT", Path: "/api/v1/systems/:id", Handler: s.apiSystemUpdate, Roles: editors},
		{Method: "GET", Path: "/api/v1/systems/:id/versions", Handler: s.apiSystemVersions},
		{Method: "POST", Path: "/api/v1/systems/:id/dossiers", Handler: s.apiDossierCreate, Roles: editors},
		{Method: "GET", Path: "/api/v1/systems/:id/risk-assessment", Handler: s.apiRiskGet},
		{Method: "PUT", Path: "/api/v1/systems/:id/risk-assessment", Handler: s.apiRiskPut, Roles: editors},
		{Method: "POST", Path: "/api/v1/systems/:id/risk-assessment/register", Handler: s.apiRiskRegister, Roles: editors},
		{Method: "GET", Path: "/api/v1/dossiers", Handler: s.apiDossiers},
		{Method: "GET", Path: "/api/v1/dossiers/:id", Handler: s.apiDossier},
		{Method: "GET", Path: "/api/v1/dossiers/:id/documents/:file", Handler: s.apiDossierDocument},
		{Method: "POST", Path: "/api/v1/dossiers/:id/actions", Handler: s.apiDossierAction},
		{Method: "GET", Path: "/api/v1/notifications", Handler: s.apiNotifications},
		{Method: "POST", Path: "/api/v1/notifications/read-all", Handler: s.apiNotificationsReadAll},
		{Method: "POST", Path: "/api/v1/notifications/:id/read", Handler: s.apiNotificationRead},
		{Method: "POST", Path: "/api/v1/dossiers/:id/documents", Handler: s.apiDossierUpload},
		{Method: "POST", Path: "/api/v1/dossiers/:id/decision", Handler: s.apiDossierDecision},
		{Method: "PUT", Path: "/api/v1/dossiers/:id/appraiser", Handler: s.apiDossierAppraiser, Roles: owners},
		{Method: "POST", Path: "/api/v1/imports", Handler: s.apiImport, Roles: editors, MaxBody: ImportMaxBytes + 1<<20},
		{Method: "POST", Path: "/api/v1/rerate", Handler: s.apiRerate},
		{Method: "GET", Path: "/api/v1/rerate", Handler: s.apiRerateExport},
		{Method: "POST", Path: "/api/v1/rerate/apply", Handler: s.apiRerateApply, Roles: editors},
		{Method: "GET", Path: "/api/v1/reports/annual", Handler: s.apiAnnualReport},
		{Method: "GET", Path: "/api/v1/orgs/:id/regulations", Handler: s.apiRegulations},
		{Method: "POST", Path: "/api/v1/orgs/:id/regulations", Handler: s.apiRegulationCreate, Roles: recorders},
	}
}

func (s *Server) routes() {
	s.app.Use(recover.New())
	s.app.Use(s.securityHeaders)
	s.app.Use(s.requestLog)
	static, _ := fs.Sub(templates.Static, "static")
	s.app.Use("/static", filesystem.New(filesystem.Config{Root: http.FS(static), MaxAge: 3600}))
	s.app.Use(s.loadSession)
	s.app.Use(s.idleCheck)
	for _, r := range s.table() {
		s.app.Add(r.Method, r.Path, s.guard(r), r.Handler)
		if r.Method == fiber.MethodGet {
			// HEAD is GET without the body (RFC 9110 §9.3.2): same access checks, same
			// headers; the HTTP server drops the body.
			s.app.Add(fiber.MethodHead, r.Path, s.guard(r), r.Handler)
		}
	}
	s.bodyLimits()
}
