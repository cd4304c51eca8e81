// Package registry holds capdo's domain operations over the store: saving a system version,
// making a dossier, taking a workflow step, each with the rule set and procedure that apply
// to it. The web application (server) and the command line (cmd/capdo) go through it; it
// knows nothing of HTTP.
//
// Who may call an operation, and in which store.Scope, stays the caller's decision
// (server/access.go): the registry receives the scope and the acting user and applies the
// rules of the domain — which rule set classifies, what a dossier pins, which step the
// dossier's own procedure allows.
//
// A dossier pins what it was made with (store migration 0004): the rule set's id and digest,
// an agency rule file whole, and the procedure in force then. Its review never depends on
// the rule set the server is started with later.
package registry
