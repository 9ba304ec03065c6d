/// Where the columns an import profile names are in one readings file, from its header (0-based).
struct ProfileColumns: Sendable {
  var count: Int
  var meter: Int
  /// The header's names, for checking day rows' interval columns against their labels.
  var header: [String] = []
  /// Long and register layouts.
  var time: Int = 0
  var value: Int = 0
  /// Day rows.
  var date: Int = 0
  var firstInterval: Int = 0
  var quality: Int? = nil

  /// The columns `profile` names in `header`, or what is wrong (a column not in the header).
  static func resolve(_ profile: ImportProfile, header: [String]) -> Result<
    ProfileColumns, ImportProfile.Problem
  > {
    func find(_ c: ImportProfile.Column, _ key: String) -> Result<Int, ImportProfile.Problem> {
      switch c {
      case .position(let p):
        guard p <= header.count else {
          return .failure(
            .init(
              message: "the profile's \(key) is column \(p), but the header has \(header.count)",
              hint: "count the columns from 1, or name the column"))
        }
        return .success(p - 1)
      case .name(let n):
        let all = header.indices.filter { header[$0] == n }
        guard all.count < 2 else {
          return .failure(
            .init(
              message:
                "the header names '\(n)' (the profile's \(key)) \(all.count) times: columns \(all.map { String($0 + 1) }.joined(separator: ", "))",
              hint: "name the column by its number in import.profile (\(key) = \(all[0] + 1))"))
        }
        guard let i = header.firstIndex(of: n) else {
          // One column holding separators: the file is split by another character.
          if header.count == 1,
            let other = [",", ";", "\t"].first(where: { header[0].contains($0) })
          {
            return .failure(
              .init(
                message:
                  "the header is one column, '\(header[0])': the file is not split by the profile's delimiter",
                hint: "say delimiter = \(other == "\t" ? "tab" : other) in import.profile"))
          }
          let near = Spelling.nearest(n, in: header)
          return .failure(
            .init(
              message: "the header has no column '\(n)' (the profile's \(key))",
              hint: near.map { "did you mean '\($0)'?" }
                ?? "the header is: \(header.joined(separator: ", "))"))
        }
        return .success(i)
      }
    }
    do {
      var c = ProfileColumns(count: header.count, meter: try find(profile.meter, "meter").get())
      c.header = header
      switch profile.layout {
      case .long, .register:
        c.time = try find(profile.timestamp, "timestamp").get()
        c.value = try find(profile.value, "value").get()
      case .dayRows:
        c.date = try find(profile.date, "date").get()
        c.firstInterval = try find(profile.firstInterval, "intervals").get()
      }
      if let q = profile.quality {
        guard profile.layout != .register else {
          return .failure(
            .init(
              message: "register reads carry no quality flags here",
              hint: "quality = COLUMN goes with long rows and day rows"))
        }
        c.quality = try find(q, "quality").get()
      }
      return .success(c)
    } catch let problem as ImportProfile.Problem {
      return .failure(problem)
    } catch {
      return .failure(.init(message: "\(error)", hint: ""))
    }
  }
}
