// libFuzzer harness: scenario files through the JSON reader with places, the scenario reader,
// its checks against a contract, the diagnostic renderer, and (when a path reads) its factors.
// Built by scripts/fuzz.sh with the library's sources; not part of the package.
import Foundation

let fuzzScenarioContract: Contract = {
  let text = """
    contract f "fuzz"
    currency CNY
    settle quarterly from 2026Q1 to 2027Q4
    party op "op" operator
    party esco "esco" energy-service
    meter pv_export on-grid-export
    input price CNY/kWh
    tariff tou CNY/kWh
      band peak 1.2 08:00-20:00
      band valley 0.3 20:00-08:00
    revenue r = pv_export x price
    pool p = r
      split op 50%, esco 50%
    """
  let checked = Checker.check(SourceFile(path: "f.contract", text: text)) { _ in
    throw CocoaError(.fileNoSuchFile)
  }
  return checked.contract!
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let source = SourceFile(path: "s.json", text: text)
  switch PlacedJSON.parse(text, file: "s.json") {
  case .failure(let d):
    _ = DiagnosticRenderer(sources: [source]).render([d])
  case .success(let json):
    let (scenario, problems) = Scenario.read(json)
    var all = problems
    if let scenario {
      all += scenario.problems(with: fuzzScenarioContract)
      for path in scenario.prices.values {
        for y in 0..<3 {
          _ = try? path.factor(year: y, draw: { Exact(unchecked: 999_999, scale: 6) })
          _ = try? path.factor(year: y, draw: nil)
        }
      }
    }
    _ = DiagnosticRenderer(sources: [source]).render(all)
  }
  return 0
}
