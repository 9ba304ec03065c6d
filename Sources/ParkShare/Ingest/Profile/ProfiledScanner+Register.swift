extension ProfiledScanner {
  /// A cumulative read: the energy of the interval it closes is this read less the one before
  /// (plus the register's span when it rolled over). The first read of each meter opens it.
  mutating func register(
    _ m: Int, _ base: UnsafePointer<UInt8>, _ a: UnsafePointer<UInt8>,
    _ e: UnsafePointer<UInt8>, line: Int, _ s: inout ReadingsScanner
  ) {
    let (t, v) = (field(base, columns.time), field(base, columns.value))
    guard let value = energy(v, a, e, line: line, &s), let at = time(t, a, e, line: line, &s)
    else { return }
    // A read is an instant: the period's reads run from its first instant to its last.
    guard at >= s.layout.start, at <= s.layout.start + s.layout.minutes else {
      s.fail(
        .outsidePeriod, "register read at \(Timestamp.text(parkMinutes: at)) is outside the period",
        hint:
          "a bundle's register reads run from the period's first instant (the opening read) to its last",
        a, e, field: s.locate(t, a, e), line: line)
      return
    }
    if let span = registerSpan, value >= span {
      s.fail(
        .registerBackwards,
        "register read \(MeterSums.kWh(value)) kWh does not fit a register of \(profile.digits!) digits",
        hint: "check the reads, the unit, or digits = N in import.profile", a, e,
        field: s.locate(v, a, e), line: line)
      return
    }
    // Exports of consecutive months often both carry the read at their boundary: the same read
    // twice is one read.
    let before = carry.registers[m]
    if let last = before, last.at == at, last.value == value { return }
    carry.registers[m] = (at, value)
    guard let last = before else {
      // The chunk's first read of the meter: the read before it is in an earlier chunk.
      if carry.firsts[m] == nil { carry.firsts[m] = (at, value) }
      return
    }
    step(m, from: last, to: (at, value), t, v, a, e, line: line, &s)
  }

  /// The energy between two consecutive register reads of meter `m`, into its interval.
  /// Mutating, though it changes nothing of the scanner: called from `register`, a
  /// non-mutating method had the whole scanner copied for it on every read.
  mutating func step(
    _ m: Int, from last: (at: Int, value: Int64), to read: (at: Int, value: Int64),
    _ t: UnsafeBufferPointer<UInt8>, _ v: UnsafeBufferPointer<UInt8>, _ a: UnsafePointer<UInt8>,
    _ e: UnsafePointer<UInt8>, line: Int, _ s: inout ReadingsScanner
  ) {
    let (at, value) = read
    let step = s.layout.interval[m]
    guard at > last.at else {
      s.fail(
        .badRow,
        at == last.at
          ? "a second register read at \(Timestamp.text(parkMinutes: at)), \(MeterSums.kWh(value)) kWh, differs from the first (\(MeterSums.kWh(last.value)) kWh)"
          : "register read at \(Timestamp.text(parkMinutes: at)) comes after one at \(Timestamp.text(parkMinutes: last.at))",
        hint: "register reads of a meter must be in time order, one per interval", a, e,
        field: s.locate(t, a, e), line: line)
      return
    }
    guard at - last.at == step else {
      s.fail(
        .gap,
        "register read at \(Timestamp.text(parkMinutes: at)) is \(at - last.at) minutes after the one before; meter '\(s.meterIds[m])' reads every \(step)",
        hint:
          "the energy between two reads further apart cannot be placed in intervals: add the missing reads",
        a, e, field: s.locate(t, a, e), line: line)
      return
    }
    // Reads are micro-kWh already (`energy` converted them from the profile's unit). A meter
    // replaced inside the interval: the old register up to its final read, then the new one.
    var micro = value - last.value
    if !replacements.isEmpty,
      let r = replacements[m]?.first(where: { last.at <= $0.at && $0.at < at })
    {
      micro = (r.oldFinal - last.value) + (value - r.newInitial)
      guard r.oldFinal >= last.value, value >= r.newInitial else {
        s.fail(
          .registerBackwards,
          "meter '\(s.meterIds[m])' replaced at \(Timestamp.text(parkMinutes: r.at)): its reads do not continue the replacement's (old final \(MeterSums.kWh(r.oldFinal)) kWh, new initial \(MeterSums.kWh(r.newInitial)) kWh)",
          hint: "check replacements.csv against the reads either side of the swap", a, e,
          field: s.locate(v, a, e), line: line)
        return
      }
    }
    if micro < 0 {
      // A rollover: the register went past its top. Only a read near the top followed by one
      // near zero is one: the difference across it must be under a tenth of the register's span
      // (a read that merely went backwards would otherwise count as almost a whole span).
      let span = registerSpan ?? .max
      guard profile.digits != nil, last.value < span, value < span,
        span - last.value + value < span / 10
      else {
        s.fail(
          .registerBackwards,
          "register read \(MeterSums.kWh(value)) kWh is below the one before it (\(MeterSums.kWh(last.value)) kWh)",
          hint: profile.digits == nil
            ? "a register that rolled over: give its width with digits = N in import.profile; a meter replaced: list the swap in replacements.csv"
            : "a rollover of a \(profile.digits!)-digit register runs from near its top to near 0, under a tenth of its span; this read only went back: check it",
          a, e, field: s.locate(v, a, e), line: line)
        return
      }
      micro += span
    }
    s.record(m, start: last.at, micro: micro, stampAtEnd: true, t, a, e, line: line)
  }
}
