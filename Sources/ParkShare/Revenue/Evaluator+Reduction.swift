extension Evaluator {
  /// `reduction(METERS, [TOP,] DAYS)`: each demand-response event's verified reduction in kW,
  /// per member for meters read per a group. The baseline is the event window's energy on the
  /// latest DAYS working days before the event day (the calendar's, else Monday to Friday)
  /// that are not event days, averaged (or the TOP of them with the most energy in the window,
  /// later days first on a tie); the reduction is the baseline less the event day's energy in
  /// the window, over the window's hours, and 0 where the load did not fall. Exact: integer
  /// micro-kWh over a count of days. The days must lie in the period's readings.
  /// With `energy`, the reduction in kWh over the window (`reduction-kwh`), for programmes
  /// that pay per kWh reduced.
  mutating func reduction(
    _ inner: Formula, _ days: Int, _ top: Int?, energy inKWh: Bool, _ f: Formula
  ) throws(EvaluationFailure) -> Quantity {
    let key = "\(f)"
    if let done = calls[key] { return done }
    let (sums, decls) = try meterTerms(inner, "reduction")
    let events = bundle.events
    let firstDay = CalendarDay.first(of: sums.period)
    let eventDays = Set(events.events.map(\.day)).union(events.earlierEvents)
    // Baselines reach back before the period only as far as lookback.csv may hold days.
    let lowest = bundle.lookback.firstDay?.number ?? firstDay.number
    // Through a day inside the period (a pool cut by a date): the events up to it.
    let countedDays = sums.seriesMinutes.map { $0 / 1440 } ?? Int.max
    let group = decls.first?.decl.per
    var cells: [Facet: Exact] = [:]
    var details: [Detail] = []
    let away = contract.absent(in: period)
    for member in group.map({ members($0).map { Optional($0) } }) ?? [nil] {
      // A member with no meter of the kinds would show no response to any event: 0 kW that
      // no reading backs, never to be paid or judged in silence.
      // Every kind added (the load; not only a PV meter subtracted from it) must be metered.
      let added = Set(decls.filter { $0.sign > 0 }.map(\.decl.kind))
      if let member, !events.events.isEmpty, !away.contains(member),
        let kind = added.sorted(by: { $0.rawValue < $1.rawValue }).first(where: { k in
          !bundle.meters.contains { $0.party == member && $0.kind == k }
        })
      {
        let kinds = kind.rawValue
        throw EvaluationFailure(
          "\(key): member '\(member)' has no \(kinds) meter in meters.csv: its response to the period's events cannot be verified",
          hint:
            "register its meter in meters.csv (party \(member)), or date its membership (until) if it left the programme"
        )
      }
      let (parts, step) = try intervalParts(decls, member: member, sums, key, what: "load")
      let interval = step ?? 15
      let perDay = 1440 / interval
      let label = key + (member.map { " " + $0 } ?? "")
      for e in events.events {
        let dayIndex = e.day.number - firstDay.number
        guard dayIndex < countedDays else { continue }
        guard e.from % interval == 0, e.to % interval == 0 else {
          throw EvaluationFailure(
            "\(key): event '\(e.id)' (\(DemandEvents.text(e.from))-\(DemandEvents.text(e.to))) does not fall on the meters' \(interval)-minute intervals",
            hint: "give the event's window on the meters' intervals (\(e.row))")
        }
        let slots = (e.from / interval)..<(e.to / interval)
        // The window's energy on day `d` (an index into the period), exactly; never with an
        // interval no meter read (a 0 under `gaps zero` would pay the baseline as reduction).
        func energy(_ d: Int) throws(EvaluationFailure) -> Fraction {
          if let (meter, minute) = gap(sums, decls, member: member, day: d, slots: slots) {
            let day = CalendarDay(number: firstDay.number + d)
            throw EvaluationFailure(
              "\(key): event '\(e.id)' on \(e.day) reads \(day == e.day ? "the event day" : "\(day) as a baseline day"), but meter '\(meter)' has no reading at \(Timestamp.text(parkMinutes: minute)) (a gap counted as 0 kWh)",
              hint:
                "a demand-response window is read in full: give the reading, or estimate the gap (estimate ... in the contract or the import profile)"
            )
          }
          var total = Fraction.zero
          for p in parts {
            var micro: Int64 = 0
            for s in slots {
              let (v, o) = micro.addingReportingOverflow(p.micro[d * perDay + s])
              guard !o else {
                throw EvaluationFailure("\(label): a window's kWh pass 9.2 trillion")
              }
              micro = v
            }
            total = try arithmetic { () throws(ArithmeticError) in
              try total + Fraction(MeterSums.kWh(micro)) * Fraction(p.factor ?? .one)
                * Fraction(Int(p.sign))
            }
          }
          return total
        }
        // Days of the event day's kind: working days for an event on a working day, days off
        // (weekends, holidays) for one on a day off, whose load is a day off's.
        let working = events.isWorkday(e.day)
        var chosen: [(day: CalendarDay, kWh: Fraction)] = []
        var d = e.day.number - 1
        while d >= lowest, chosen.count < days {
          let day = CalendarDay(number: d)
          if events.isWorkday(day) == working, !eventDays.contains(day) {
            let kWh =
              d >= firstDay.number
              ? try energy(d - firstDay.number)
              : try earlier(decls, member: member, day: day, slots: slots, key: key, event: e)
            chosen.append((day, kWh))
          }
          d -= 1
        }
        guard chosen.count == days else {
          throw EvaluationFailure(
            "\(key): event '\(e.id)' on \(e.day) needs \(days) \(working ? "working days" : "days off") without events before it; the readings hold \(chosen.count) (from \(CalendarDay(number: lowest))\(lowest < firstDay.number ? ", with \(LookbackReadings.fileName)" : ""))",
            hint:
              "give the readings of the days before the period in \(LookbackReadings.fileName) (up to \(LookbackReadings.maxDays) days), or declare make-up working days in calendar.csv"
          )
        }
        if let top {
          // The days with the most load in the window; a later day first on a tie.
          chosen = Array(
            chosen.enumerated().sorted { a, b in
              a.element.kWh == b.element.kWh ? a.offset < b.offset : b.element.kWh < a.element.kWh
            }.prefix(top).map(\.element))
        }
        let minutes = e.to - e.from
        let load = try energy(dayIndex)
        let (baseline, actual, kW) = try arithmetic {
          () throws(ArithmeticError) -> (Exact, Exact, Exact) in
          var sum = Fraction.zero
          for c in chosen { sum = try sum + c.kWh }
          let base = try sum / Fraction(chosen.count)
          let fall = Fraction.max(try base - load, .zero)
          let kW = inKWh ? fall : try fall * Fraction(60) / Fraction(minutes)
          return (
            try base.rounded(places: Exact.maxScale).trimmed,
            try load.rounded(places: Exact.maxScale).trimmed,
            try kW.rounded(places: Exact.maxScale).trimmed
          )
        }
        let month = months[e.day.absoluteMonth - sums.period.firstMonth]
        cells[Facet(member: member, month: month, event: e.id)] = kW
        details.append(
          .reduction(
            call: label, member: member, event: e.id, day: e.day, from: e.from, to: e.to,
            days: chosen.map(\.day).sorted(), baseline: baseline, actual: actual, kW: kW,
            unit: inKWh ? "kWh" : "kW",
            row: e.row))
      }
    }
    let result = Quantity(
      dims: group == nil ? [.month, .event] : [.member, .month, .event], cells: cells)
    calls[key] = result
    callDetails[key] = details
    return result
  }

  /// The window's energy on a day before the period, from `lookback.csv`: every meter of the
  /// argument's kinds (the member's, for meters read per member) read in every interval of the
  /// window, signed and scaled as in the period.
  func earlier(
    _ decls: [(decl: Meter, sign: Int64)], member: String?, day: CalendarDay,
    slots: Range<Int>, key: String, event e: DemandEvents.Event
  ) throws(EvaluationFailure) -> Fraction {
    var total = Fraction.zero
    for (decl, sign) in decls {
      let meters = bundle.meters.filter {
        $0.kind == decl.kind && (member == nil || $0.party == member)
      }
      switch bundle.lookback.window(meters, day: day, slots: slots) {
      case .failure(let missing):
        throw EvaluationFailure(
          "\(key): event '\(e.id)' on \(e.day) takes \(day) as a baseline day, but \(LookbackReadings.fileName) has no reading of meter '\(missing.meter)' at \(Timestamp.text(parkMinutes: missing.minute))",
          hint:
            "give every interval of the event's window on the baseline days before the period (\(e.row))"
        )
      case .success(let micro):
        total = try arithmetic { () throws(ArithmeticError) in
          try total + Fraction(MeterSums.kWh(micro)) * Fraction(bundle.scale[decl.kind] ?? .one)
            * Fraction(Int(sign))
        }
      }
    }
    return total
  }

  /// The first interval of `slots` on day `day` (of the period) that a meter of the argument's
  /// kinds (the member's) has no reading of, with the meter; nil when all were read.
  func gap(
    _ sums: MeterSums, _ decls: [(decl: Meter, sign: Int64)], member: String?, day: Int,
    slots: Range<Int>
  ) -> (String, Int)? {
    guard !sums.gaps.isEmpty else { return nil }
    let start = CalendarDay.first(of: sums.period).number * 1440
    for (m, meter) in sums.meters.enumerated() {
      guard let missing = sums.gaps[m],
        decls.contains(where: { $0.decl.kind == meter.kind }),
        member == nil || meter.party == member
      else { continue }
      let perDay = 1440 / meter.interval
      let first = day * perDay + slots.lowerBound
      let last = day * perDay + slots.upperBound
      // The first missing interval at or after the window's start (the list is in order).
      var lo = 0
      var hi = missing.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if missing[mid] < first { lo = mid + 1 } else { hi = mid }
      }
      if lo < missing.count, missing[lo] < last {
        return (meter.id, start + missing[lo] * meter.interval)
      }
    }
    return nil
  }
}
