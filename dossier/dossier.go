package dossier

import (
	"errors"
	"time"

	"capdo/levels"
)

// Names are the documents of a dossier, in the order they are rendered, listed and written
// (contract §3). A template set must hold a template of each name.
var Names = []string{
	"to-trinh.docx",
	"thuyet-minh-de-xuat-cap-do.docx",
	"phuong-an-bao-dam-attt.docx",
	"phuong-an-ung-pho-su-co.docx",
	"du-thao-quyet-dinh.docx",
}

// ManifestName is the file that lists the documents and their hashes.
const ManifestName = "manifest.json"

// ErrUndetermined is returned by Render for a decision at level 0: no criterion matched, so
// there is no level to propose and a person must decide it first. A dossier that proposes
// "level 0" would be a document no authority can appraise.
var ErrUndetermined = errors.New("cấp độ chưa xác định: không tiêu chí nào khớp với hồ sơ hệ thống, cần quyết định cấp độ thủ công trước khi lập hồ sơ đề xuất cấp độ")

// Input is what one dossier is made from.
type Input struct {
	Profile  levels.Profile
	Decision levels.Decision
	RuleSet  *levels.RuleSet
	// Date is printed on the documents; zero means today in Asia/Ho_Chi_Minh.
	Date time.Time
	// Place is the địa danh of the date line; empty means derived from the owner or
	// operator when it ends with an administrative unit (tỉnh, thành phố, quận…), else a
	// blank to fill in.
	Place string
}

// File is one generated document.
type File struct {
	Name   string
	Data   []byte
	SHA256 string
}

// ManifestFile is one line of the manifest's file list.
type ManifestFile struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
}

// Manifest records what a dossier was made from, so that it can be traced and reproduced:
// the rule set and template versions by digest, and a hash of every document.
type Manifest struct {
	System          string         `json:"system"`
	SystemID        string         `json:"system_id,omitempty"`
	Level           int            `json:"level"`
	RuleSet         string         `json:"rule_set"`
	RuleSetDigest   string         `json:"rule_set_digest"`
	Templates       string         `json:"templates"`
	TemplatesDigest string         `json:"templates_digest"`
	GeneratedAt     time.Time      `json:"generated_at"`
	Files           []ManifestFile `json:"files"`
}

// Dossier is a rendered dossier held in memory; nothing is written until WriteDir or
// WriteZip.
type Dossier struct {
	Files    []File
	Manifest Manifest
	// Secret is set when the system or a component processes state secrets: WriteDir then
	// makes the folder and files readable by their owner only.
	Secret bool
}
