extension Journal {
  /// The day `record` is booked: a settlement on the last day of its period; an amendment on
  /// its issue date (never before its period's last day), or with `.inPeriod` on that last day.
  public static func bookingDate(_ record: Ledger.Record, _ mode: AmendmentBooking) -> String {
    let last = lastDay(record.period)
    guard record.kind == .amendment, mode == .issued, let issued = record.issued else {
      return last
    }
    return max(issued, last)
  }

  /// `YYYY-MM-DD` of a real day: what `bookingDate` and `nextDay` read.
  static func isDay(_ text: String) -> Bool {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard text.count == 10, parts.count == 3, parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m),
      (1...Timestamp.daysInMonth(year: y, month: m)).contains(d)
    else { return false }
    return true
  }

  static func firstDay(_ p: Period) -> String {
    Timestamp.text(parkMinutes: Timestamp.parkMinutes(month: p.firstMonth)).prefix(10).description
  }

  static func lastDay(_ p: Period) -> String {
    Timestamp.text(parkMinutes: Timestamp.parkMinutes(month: p.lastMonth + 1) - 1440).prefix(10)
      .description
  }

  static func nextDay(_ date: String) -> String {
    let y = Int(date.prefix(4))!
    let m = Int(date.dropFirst(5).prefix(2))!
    let d = Int(date.suffix(2))!
    let day = Timestamp.days(year: y, month: m, day: d) + 1
    return Timestamp.text(parkMinutes: day * 1440).prefix(10).description
  }

  /// Whether a journal of `period` has anything to book: a record of it, an amendment booked
  /// within its days, or (a period of the ledger's calendar: the length its records have) a
  /// payment dated within them, such as the payments of the last settled period, made in the
  /// next. A period with nothing booked is not in the ledger.
  public static func books(
    _ ledger: Ledger, _ period: Period, amendments: AmendmentBooking = .issued,
    payments: [Payment] = []
  ) -> Bool {
    let (from, to) = (firstDay(period), lastDay(period))
    return ledger.records.contains {
      $0.period == period || (from...to).contains(bookingDate($0, amendments))
    }
      || (ledger.records.contains { $0.period.length == period.length }
        && payments.contains { (from...to).contains($0.date) })
  }
}
