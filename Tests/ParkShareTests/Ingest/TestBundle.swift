import Foundation
import Testing

@testable import ParkShare

/// A contract and a data bundle written to a fresh temporary folder, for tests that build their
/// data in code. `revenue` reads the bundle and computes the period.
struct TestBundle {
  let folder: URL
  let contract: Contract

  /// Writes `contract` (and `files` beside it, such as registries) and checks it.
  init(contract text: String, files: [String: String] = [:]) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (name, body) in files.merging(["test.contract": text], uniquingKeysWith: { a, _ in a }) {
      try TestBundle.write(folder, name, body)
    }
    self.folder = folder
    let (source, checked) = Checker.check(path: folder.appendingPathComponent("test.contract").path)
    let rendered = DiagnosticRenderer(sources: (source.map { [$0] } ?? []) + checked.sources)
      .render(checked.diagnostics)
    contract = try #require(checked.contract, "the test contract has errors:\n\(rendered)")
  }

  func write(_ name: String, _ body: String) throws { try TestBundle.write(folder, name, body) }

  static func write(_ folder: URL, _ name: String, _ body: String) throws {
    let url = folder.appendingPathComponent(name)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(body.utf8).write(to: url)
  }

  /// Writes a bundle folder `name` with the given files (`meters.csv`, `readings.csv`, ...).
  func bundle(_ name: String, _ files: [String: String]) throws -> String {
    for (file, body) in files { try write(name + "/" + file, body) }
    return folder.appendingPathComponent(name).path
  }

  /// Reads bundle `dir` for `period`, runs `body` on it, and renders every diagnostic.
  func run<T>(
    _ dir: String, period: String, threads: Int = 2,
    chunkSize: Int = DataBundle.defaultChunkSize,
    _ body: (DataBundle) -> (value: T?, diagnostics: [Diagnostic])
  ) -> (T?, String) {
    let loaded = DataBundle.load(
      directory: dir, contract: contract, period: Period(period)!, threads: threads,
      chunkSize: chunkSize)
    var diagnostics = loaded.diagnostics
    var value: T? = nil
    if let bundle = loaded.bundle {
      let outcome = body(bundle)
      diagnostics += outcome.diagnostics
      value = outcome.value
    }
    return (value, DiagnosticRenderer(sources: loaded.sources).render(diagnostics))
  }

  /// Reads bundle `dir` and computes `period`; the revenue (nil on errors) and every
  /// diagnostic rendered.
  func revenue(
    _ dir: String, period: String, opening: CarryState? = nil, threads: Int = 2,
    chunkSize: Int = DataBundle.defaultChunkSize
  ) -> (revenue: PeriodRevenue?, messages: String) {
    run(dir, period: period, threads: threads, chunkSize: chunkSize) { bundle in
      let o = Evaluator.run(contract: contract, bundle: bundle, opening: opening)
      return (o.revenue, o.diagnostics)
    }
  }

  /// Reads bundle `dir` and settles `period`.
  func settle(_ dir: String, period: String, opening: CarryState? = nil) -> (
    settlement: Settlement?, messages: String
  ) {
    run(dir, period: period) { bundle in
      let o = Settlement.run(contract: contract, bundle: bundle, opening: opening)
      return (o.settlement, o.diagnostics)
    }
  }

  /// A bundle of facts only (for contracts without meters).
  func facts(_ name: String, _ rows: [(String, String)]) throws -> String {
    try bundle(name, ["facts.csv": "fact,value\n" + rows.map { "\($0.0),\($0.1)\n" }.joined()])
  }

  func remove() { try? FileManager.default.removeItem(at: folder) }
}

extension PeriodRevenue {
  /// The total of item `id`, or nil when there is none.
  func total(_ id: String) -> Exact? { try? item(id)?.total }
}
