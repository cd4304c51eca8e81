package workdays

import "math"

// The Vietnamese lunar calendar, computed with Hồ Ngọc Đức's algorithm (the one Vietnamese
// calendars print; astronomical formulas from Jean Meeus, "Astronomical Algorithms", 1998).
// Months start on the day of the new moon and the leap month is the first month without a
// major solar term, both judged at the local meridian. Vietnam has counted at UTC+7 since
// 1968, China at UTC+8: that one hour moves a new moon across midnight now and then, so the
// two calendars differ in some years (Tết 1985: 21/01 in Vietnam, 20/02 in China; Tết 2007:
// 17/02 and 18/02). lunar_test.go checks both.

// vietnamTZ is the time zone, in hours east of UTC, of the Vietnamese lunar calendar.
const vietnamTZ = 7.0

// LunarDate is a date of the Vietnamese lunar calendar (âm lịch).
type LunarDate struct {
	Year  int  // the lunar year, named by the solar year in which it begins
	Month int  // 1–12
	Day   int  // 1–30
	Leap  bool // the month is a leap month (tháng nhuận)
}

// Lunar converts a solar date to the Vietnamese lunar calendar.
func Lunar(d Date) LunarDate { return solarToLunar(d.jdn(), vietnamTZ) }

// Solar converts a Vietnamese lunar date to the solar calendar. ok is false when the date
// does not exist (a leap month the year does not have, or day 30 of a 29-day month).
func Solar(l LunarDate) (Date, bool) {
	jd, ok := lunarToSolar(l, vietnamTZ)
	if !ok {
		return Date{}, false
	}
	return dateOfJDN(jd), true
}

// newMoon is the Julian day (with fraction, UT) of the k-th new moon after 1900-01-01.
func newMoon(k int) float64 {
	kf := float64(k)
	t := kf / 1236.85
	t2, t3 := t*t, t*t*t
	const dr = math.Pi / 180
	jd1 := 2415020.75933 + 29.53058868*kf + 0.0001178*t2 - 0.000000155*t3
	jd1 += 0.00033 * math.Sin((166.56+132.87*t-0.009173*t2)*dr)
	m := 359.2242 + 29.10535608*kf - 0.0000333*t2 - 0.00000347*t3    // sun's mean anomaly
	mpr := 306.0253 + 385.81691806*kf + 0.0107306*t2 + 0.00001236*t3 // moon's mean anomaly
	f := 21.2964 + 390.67050646*kf - 0.0016528*t2 - 0.00000239*t3    // moon's argument of latitude
	c1 := (0.1734-0.000393*t)*math.Sin(m*dr) + 0.0021*math.Sin(2*dr*m)
	c1 = c1 - 0.4068*math.Sin(mpr*dr) + 0.0161*math.Sin(dr*2*mpr)
	c1 = c1 - 0.0004*math.Sin(dr*3*mpr)
	c1 = c1 + 0.0104*math.Sin(dr*2*f) - 0.0051*math.Sin(dr*(m+mpr))
	c1 = c1 - 0.0074*math.Sin(dr*(m-mpr)) + 0.0004*math.Sin(dr*(2*f+m))
	c1 = c1 - 0.0004*math.Sin(dr*(2*f-m)) - 0.0006*math.Sin(dr*(2*f+mpr))
	c1 = c1 + 0.0010*math.Sin(dr*(2*f-mpr)) + 0.0005*math.Sin(dr*(2*mpr+m))
	var deltaT float64
	if t < -11 {
		deltaT = 0.001 + 0.000839*t + 0.0002261*t2 - 0.00000845*t3 - 0.000000081*t*t3
	} else {
		deltaT = -0.000278 + 0.000265*t + 0.000262*t2
	}
	return jd1 + c1 - deltaT
}

// newMoonDay is the day number (JDN) of the k-th new moon in the time zone tz.
func newMoonDay(k int, tz float64) int {
	return int(math.Floor(newMoon(k) + 0.5 + tz/24))
}

// sunLongitude is the sun's apparent longitude, in radians 0–2π, at Julian day jdn (UT).
func sunLongitude(jdn float64) float64 {
	t := (jdn - 2451545.0) / 36525
	t2 := t * t
	const dr = math.Pi / 180
	m := 357.52910 + 35999.05030*t - 0.0001559*t2 - 0.00000048*t*t2
	l0 := 280.46645 + 36000.76983*t + 0.0003032*t2
	dl := (1.914600 - 0.004817*t - 0.000014*t2) * math.Sin(dr*m)
	dl += (0.019993-0.000101*t)*math.Sin(dr*2*m) + 0.000290*math.Sin(dr*3*m)
	l := (l0 + dl) * dr
	return l - 2*math.Pi*math.Floor(l/(2*math.Pi))
}

// sunSector is the major solar term (0–11, one per 30° of longitude) in force at the start
// of day jdn in the time zone tz.
func sunSector(jdn int, tz float64) int {
	return int(math.Floor(sunLongitude(float64(jdn)-0.5-tz/24) / math.Pi * 6))
}

// lunarMonth11 is the day number of the first day of the 11th lunar month (the month of
// the winter solstice) that begins in the solar year y.
func lunarMonth11(y int, tz float64) int {
	off := jdnOf(y, 12, 31) - 2415021
	k := int(math.Floor(float64(off) / 29.530588853))
	nm := newMoonDay(k, tz)
	if sunSector(nm, tz) >= 9 {
		nm = newMoonDay(k-1, tz)
	}
	return nm
}

// leapMonthOffset is the index, counted from month 11 at a11, of the leap month of a
// lunar year that has 13 months: the first month in which the major term does not change.
func leapMonthOffset(a11 int, tz float64) int {
	k := int(math.Floor((float64(a11)-2415021.076998695)/29.530588853 + 0.5))
	i := 1
	arc := sunSector(newMoonDay(k+i, tz), tz)
	for {
		last := arc
		i++
		arc = sunSector(newMoonDay(k+i, tz), tz)
		if arc == last || i >= 14 {
			break
		}
	}
	return i - 1
}

func solarToLunar(dayNumber int, tz float64) LunarDate {
	k := int(math.Floor((float64(dayNumber) - 2415021.076998695) / 29.530588853))
	monthStart := newMoonDay(k+1, tz)
	// The true new moon strays from the mean one by up to a day: step back until the month
	// starts on or before the day (the published algorithm steps back once, which misses
	// rare days such as 07/05/2054).
	for monthStart > dayNumber {
		monthStart = newMoonDay(k, tz)
		k--
	}
	y := dateOfJDN(dayNumber).Year
	a11 := lunarMonth11(y, tz)
	b11 := a11
	var lunarYear int
	if a11 >= monthStart {
		lunarYear = y
		a11 = lunarMonth11(y-1, tz)
	} else {
		lunarYear = y + 1
		b11 = lunarMonth11(y+1, tz)
	}
	l := LunarDate{Day: dayNumber - monthStart + 1}
	diff := (monthStart - a11) / 29
	l.Month = diff + 11
	if b11-a11 > 365 {
		leap := leapMonthOffset(a11, tz)
		if diff >= leap {
			l.Month = diff + 10
			l.Leap = diff == leap
		}
	}
	if l.Month > 12 {
		l.Month -= 12
	}
	if l.Month >= 11 && diff < 4 {
		lunarYear--
	}
	l.Year = lunarYear
	return l
}

func lunarToSolar(l LunarDate, tz float64) (int, bool) {
	if l.Month < 1 || l.Month > 12 || l.Day < 1 || l.Day > 30 {
		return 0, false
	}
	var a11, b11 int
	if l.Month < 11 {
		a11 = lunarMonth11(l.Year-1, tz)
		b11 = lunarMonth11(l.Year, tz)
	} else {
		a11 = lunarMonth11(l.Year, tz)
		b11 = lunarMonth11(l.Year+1, tz)
	}
	k := int(math.Floor(0.5 + (float64(a11)-2415021.076998695)/29.530588853))
	off := l.Month - 11
	if off < 0 {
		off += 12
	}
	if b11-a11 > 365 {
		leapOff := leapMonthOffset(a11, tz)
		leapMonth := leapOff - 2
		if leapMonth < 0 {
			leapMonth += 12
		}
		if l.Leap && l.Month != leapMonth {
			return 0, false
		}
		if l.Leap || off >= leapOff {
			off++
		}
	} else if l.Leap {
		return 0, false
	}
	start := newMoonDay(k+off, tz)
	if l.Day == 30 && newMoonDay(k+off+1, tz)-start < 30 {
		return 0, false
	}
	return start + l.Day - 1, true
}
