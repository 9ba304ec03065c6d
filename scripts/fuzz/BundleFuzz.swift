// libFuzzer harness: a data bundle (the input is split into meters.csv, readings.csv and
// facts.csv at the first two form feeds) read against a fixed contract, then computed.
import Foundation

let fuzzContractText = """
  contract f "fuzz"
  currency CNY
  settle monthly from 2026-01 to 2026-12
  gaps zero
  party op "op" operator
  parties tenants from "t.csv" enterprise
  meter pv_export on-grid-export
  meter supply direct-supply per tenants
  input gec_price CNY/cert by vintage
  input use kWh per tenants monthly
  tariff tou CNY/kWh
    band peak 1.2 08:00-20:00
    band valley 0.3 20:00-08:00
  revenue certificates = gec(pv_export) x gec_price
  revenue direct = sum(tou(supply, tou))
  let share = supply / use
  pool p = certificates + direct
    rebate 10% to tenants by use
    split op 100%
  """

nonisolated(unsafe) var fuzzFolder: String = {
  let dir = NSTemporaryDirectory() + "parkshare-fuzz-\(getpid())"
  try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
  return dir
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBundle(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let source = SourceFile(path: "f.contract", text: fuzzContractText)
  let checked = Checker.check(source) { name in (name, "id,name\nT1,一\nT2,二\n") }
  guard let contract = checked.contract else { fatalError("the fuzz contract must check") }
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let parts = bytes.split(separator: 12, maxSplits: 2, omittingEmptySubsequences: false)
  let names = ["meters.csv", "readings.csv", "facts.csv"]
  for (i, name) in names.enumerated() {
    let part = i < parts.count ? Data(parts[i]) : Data()
    _ = FileManager.default.createFile(atPath: fuzzFolder + "/" + name, contents: part)
  }
  let loaded = DataBundle.load(
    directory: fuzzFolder, contract: contract, period: Period("2026-01")!, threads: 2,
    chunkSize: 97)
  _ = DiagnosticRenderer(sources: loaded.sources).render(loaded.diagnostics)
  if let bundle = loaded.bundle {
    _ = Settlement.run(contract: contract, bundle: bundle, opening: nil)
  }
  return 0
}
