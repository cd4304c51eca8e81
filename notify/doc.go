// Package notify tells people that a dossier waits for them: an in-app inbox (docs/contract.md §6,
// GET /api/v1/notifications) and, when the server is given an SMTP server, e-mail.
//
// Who is told is a rule of the domain (Recipients, recipients.go): the users who hold the
// next step of the dossier — by role, through the flow's holder stored with the dossier —
// and who may see it under the very rules of store.Scope (server/access.go). When is told
// by the stage the dossier is in: one notification per user, dossier, stage and kind,
// whether the request that took the step adds it (Service.DossierMoved, called by the
// registry) or the periodic job does (Service.RunOnce), which also sends the reminders of
// a coming deadline (due_soon, N working days before, counted with review.Calendar) and
// of a passed one (overdue), and drains the e-mail outbox.
//
// What is told never includes a document, and an e-mail never names a system that
// processes state secrets (text.go): e-mail leaves the installation.
package notify
