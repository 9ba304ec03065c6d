import Foundation
import Testing

/// The 苏银 sample's 2026Q1 shipped in every import-profile layout
/// (contracts/data/suyin-microgrid-layouts, written by `parkshare-bench sample-data`) settles,
/// through the command line as a user runs it, to byte-identical statements as its plain twin:
/// text and CSV whole, HTML but for the table of input files and their digests.
@Suite struct SampleLayoutsTests {
  static let layouts = [
    "2026Q1-day-rows-gb18030", "2026Q1-day-rows-xlsx", "2026Q1-local-end-mwh", "2026Q1-register",
  ]

  static func settle(_ data: String, _ format: String) throws -> String {
    let r = try runParkshare([
      "settle", "contracts/suyin-microgrid.contract", "--data", data, "--period", "2026Q1",
      "--format", format,
    ])
    #expect(r.status == 0, "\(data): \(r.err)")
    return r.out
  }

  /// The HTML statement without its rows naming input files (they differ by layout).
  static func withoutInputs(_ html: String) -> String {
    html.split(separator: "\n").filter { !$0.contains("class=\"digest\"") }.joined(
      separator: "\n")
  }

  @Test(arguments: layouts)
  func settlesAsItsPlainTwin(_ layout: String) throws {
    let dir = "contracts/data/suyin-microgrid-layouts/" + layout
    #expect(
      FileManager.default.fileExists(
        atPath: Paths.root.appendingPathComponent(dir + "/import.profile").path))
    // The ESCO's quarter in text, and its O&M line in CSV: the twin is the real settlement.
    for (format, figure) in [("text", "1,022,607.60"), ("csv", "277758.30")] {
      let plain = try Self.settle("contracts/data/suyin-microgrid/2026Q1", format)
      #expect(plain.contains(figure), "\(format)")
      #expect(try Self.settle(dir, format) == plain, "\(layout) \(format)")
    }
    let html = try Self.settle(dir, "html")
    #expect(html.contains(dir + "/import.profile"))
    #expect(
      Self.withoutInputs(html)
        == Self.withoutInputs(try Self.settle("contracts/data/suyin-microgrid/2026Q1", "html")))
  }
}
