// Package review is the appraisal and approval workflow of a dossier (Decree 85 Art. 12,
// 14, 16, 17): which role acts at each stage for a given level, the statutory deadline of
// each stage, and the hash-chained history that makes the record tamper-evident.
//
// It is pure logic over the rule set's procedures; storage and HTTP live elsewhere.
package review
