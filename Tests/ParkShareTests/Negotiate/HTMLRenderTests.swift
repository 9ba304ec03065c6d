import Foundation
import Testing

@testable import ParkShare

/// The negotiation reports render in a real browser: headless Chromium (installed by .ci/run)
/// draws each to a PNG, which must have the window's size and not be blank.
@Suite(.enabled(if: Tools.present(["chromium"]) || Tools.inCI))
struct HTMLRenderTests {
  /// Width and height from a PNG's IHDR chunk.
  static func size(_ png: Data) -> (Int, Int)? {
    let b = [UInt8](png.prefix(24))
    guard b.count == 24, b[0] == 0x89, b[1] == 0x50, b[12...15] == [0x49, 0x48, 0x44, 0x52] else {
      return nil
    }
    func be(_ i: Int) -> Int { b[i..<i + 4].reduce(0) { $0 << 8 | Int($1) } }
    return (be(16), be(20))
  }

  @Test(arguments: ["compare", "simulate", "sensitivity", "fairness"])
  func reportRendersInChromium(report: String) throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-html-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let args: [String]
    switch report {
    case "compare":
      let (folder, b) = try CompareTests.variant()
      defer { try? FileManager.default.removeItem(at: folder) }
      let r = try runParkshare(CompareTests.args(b, "html"))
      try r.out.write(to: dir.appendingPathComponent("r.html"), atomically: true, encoding: .utf8)
      args = []
    case "fairness": args = FairnessTests.args + ["--format", "html"]
    default:
      args =
        [
          report, "contracts/suyin-microgrid.contract", "--scenario",
          "contracts/scenarios/suyin-base.json", "--format", "html",
        ] + (report == "simulate" ? ["--runs", "20"] : [])
    }
    if !args.isEmpty {
      let r = try runParkshare(args)
      #expect(r.status == 0, "\(r.err)")
      #expect(r.out.contains("<svg"))
      try r.out.write(to: dir.appendingPathComponent("r.html"), atomically: true, encoding: .utf8)
    }
    let png = dir.appendingPathComponent("r.png")
    let shot = try JournalToolsTests.run(
      "chromium",
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--screenshot=\(png.path)",
        "--window-size=900,1200", dir.appendingPathComponent("r.html").absoluteString,
      ])
    let data = try Data(contentsOf: png)
    #expect(Self.size(data).map { "\($0.0)x\($0.1)" } == "900x1200", "\(shot.out)")
    // A blank page compresses to a few kilobytes; a rendered report with its charts does not.
    #expect(data.count > 20_000, "\(report): \(data.count) bytes")
  }
}
