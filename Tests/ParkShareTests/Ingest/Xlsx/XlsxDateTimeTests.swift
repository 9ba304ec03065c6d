import Testing

@testable import ParkShare

/// Date serials to dates and times exactly, from their text: the binary-floating-point noise
/// Excel writes (45292.010416666664 for 00:15) rounds away, the 1900 system's phantom leap day
/// is refused, the 1904 system counts from 1904-01-01.
@Suite struct XlsxDateTimeTests {
  static func at(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ min: Int, _ s: Int = 0) -> XlsxDateTime {
    XlsxDateTime(year: y, month: m, day: d, secondOfDay: h * 3600 + min * 60 + s)
  }

  @Test func serialsOfThe1900System() throws {
    let cases: [(String, XlsxDateTime)] = [
      ("45292", Self.at(2024, 1, 1, 0, 0)),
      ("45292.010416666664", Self.at(2024, 1, 1, 0, 15)),
      ("45292.25", Self.at(2024, 1, 1, 6, 0)),
      ("45292.999999999", Self.at(2024, 1, 2, 0, 0)),  // rounds into the next day
      ("4.529225E4", Self.at(2024, 1, 1, 6, 0)),
      ("45351", Self.at(2024, 2, 29, 0, 0)),
      ("1", Self.at(1900, 1, 1, 0, 0)),
      ("59", Self.at(1900, 2, 28, 0, 0)),
      ("61", Self.at(1900, 3, 1, 0, 0)),
      ("2958465", Self.at(9999, 12, 31, 0, 0)),
      ("46022.5", Self.at(2025, 12, 31, 12, 0)),
    ]
    for (serial, expected) in cases {
      #expect(try XlsxDateTime(serial: serial, date1904: false) == expected, "\(serial)")
    }
  }

  @Test func roundingToTheMinuteOrTheSecond() throws {
    // 0.0104166 days is 899.99424 s: 900 s to the second, 15 min to the minute.
    let s = try XlsxDateTime(serial: "45292.0104166", date1904: false, rounding: .second)
    #expect(s == Self.at(2024, 1, 1, 0, 15))
    // 00:00:29.9 rounds down to the minute, 00:00:30.000001 up.
    let down = try XlsxDateTime(serial: "45292.000346064", date1904: false, rounding: .minute)
    #expect(down == Self.at(2024, 1, 1, 0, 0))
    let up = try XlsxDateTime(serial: "45292.00034722223", date1904: false, rounding: .minute)
    #expect(up == Self.at(2024, 1, 1, 0, 1))
    #expect(up.minuteOfDay == 1)
    #expect(up.description == "2024-01-01 00:01:00")
  }

  @Test func the1904System() throws {
    #expect(try XlsxDateTime(serial: "0", date1904: true) == Self.at(1904, 1, 1, 0, 0))
    #expect(try XlsxDateTime(serial: "43830.5", date1904: true) == Self.at(2024, 1, 1, 12, 0))
  }

  @Test func whatIsNoDate() {
    for bad in [
      "60", "0", "0.5", "-1", "2958466", "abc", "", ".", "1e", "1E99", "1.2.3", "1,5",
      "999999999999999999999999999999", "1E40",
    ] {
      #expect(throws: XlsxError(.badDateSerial(bad)), "\(bad)") {
        try XlsxDateTime(serial: bad, date1904: false)
      }
    }
  }
}
