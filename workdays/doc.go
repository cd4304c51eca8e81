// Package workdays is the Vietnamese working-day calendar that statutory deadlines are
// counted in ("n ngày làm việc", Decree 331/2026 Art. 23–24; calendar-day limits of Decree
// 85/2016 Art. 16 too).
//
// A working day is a day state bodies work: Monday to Friday (Quyết định 188/1999/QĐ-TTg),
// less the holidays of Bộ luật Lao động 2019 Art. 112.1 — Tết Dương lịch, five days of Tết
// Âm lịch, Giỗ Tổ Hùng Vương (10/3 âm lịch), 30/4, 1/5 and Quốc khánh with one adjacent
// day — and the compensatory day of a holiday falling on a weekend (Art. 111.3); plus the
// weekend days worked in a swap the Government announces. Tết and Giỗ Tổ come from the
// Vietnamese lunar calendar (lunar.go, Hồ Ngọc Đức's algorithm at UTC+7).
//
// The law leaves the exact Tết days and the day next to Quốc khánh to the Prime Minister
// each year (Art. 112.3), and swaps are announced case by case. Those announcements are
// data: data/holidays.yaml ships the ones known, an administrator adds more with
// Calendar.LoadFile or Calendar.AddEntries. A year without an announcement gets the
// calendar's own guess, marked [suy luận], which reproduces every announcement from 2017
// to 2026 (rules_test.go); Calendar.Warnings says a year ahead when the announced data runs
// out (Calendar.DataUntil).
//
// Counting follows Bộ luật Dân sự 2015 Art. 147–148: a limit starts the day after the day
// the stage is entered and ends at the end of its last day in Asia/Ho_Chi_Minh.
package workdays
