import Dispatch
import Foundation
import ParkShare

/// `parkshare settle CONTRACT --data DIR --period P [--format F] [--out DIR] [--ledger DIR
/// [--amend]] [--opening F] [--closing F] [--bom]`; with `--from P --to Q` a range
/// (`SettleRangeCommand`).
enum SettleCommand {
  static let formats = [
    "text", "json", "csv", "html", "xlsx", "pdf", "invoices", "invoices-xlsx", "all",
  ]
  /// The formats written to files only (binary, or several files): they need `--out`.
  static let fileOnly: Set<String> = ["all", "xlsx", "pdf", "invoices-xlsx"]
  static let extensions = [
    "text": "txt", "json": "json", "csv": "csv", "html": "html", "xlsx": "xlsx", "pdf": "pdf",
    "invoices": "invoices.csv", "invoices-xlsx": "invoices.xlsx",
  ]

  static func run(_ args: Arguments) throws(Arguments.UsageError) -> Int32 {
    if args.options["--from"] != nil || args.options["--to"] != nil {
      return try SettleRangeCommand.run(args)
    }
    let format = try args.format(formats, "--format is one of \(formats.joined(separator: ", "))")
    let out = args.options["--out"]
    if fileOnly.contains(format) && out == nil {
      throw Usage(message: "--format \(format) writes files: give --out DIR")
    }
    let render = try renderer(args)
    let request = SettleUseCase.Request(
      inputs: try SettleOptions.inputs(args), ledger: try SettleOptions.recording(args),
      closing: args.options["--closing"], faults: Output.faults)
    let outcome = SettleUseCase.run(request, outputs: files(format, out, render))
    guard let settlement = try Output.show(outcome) else {
      if format == "json" { Output.out(Output.json(["diagnostics": outcome.diagnostics])) }
      return ExitCode.inputError
    }
    if out == nil { Output.out(String(decoding: render(settlement, format), as: UTF8.self)) }
    noteInvoices(format, [settlement])
    return ExitCode.success
  }

  /// The invoice list of a contract without VAT is its header alone: said on stderr, so an
  /// empty file is not taken for a period with nothing to invoice.
  static func noteInvoices(_ format: String, _ settled: [Settlement]) {
    guard format.hasPrefix("invoices"), let s = settled.first, s.reconciliation.vat == nil else {
      return
    }
    Output.err(
      "note: contract '\(s.contract.id)' declares no VAT (no 'vat' line): the invoice list is empty (docs/finance.md, \"VAT\")\n"
    )
  }

  /// How a settlement's statements are rendered in each format: the one place, so `statement`
  /// reprints the bytes `settle` wrote.
  static func renderer(_ args: Arguments) throws(Usage) -> @Sendable (Settlement, String) -> Data {
    // HTML statements have always been Chinese unless asked otherwise; every other format
    // English.
    let language = try args.language(.en)
    let htmlLanguage = try args.language(.zh)
    let bom = try args.bom()
    return { s, format in
      switch format {
      case "json": Data(Output.json(s).utf8)
      case "csv": Data(StatementCSV.render(s, bom: bom, wording: .of(language)).utf8)
      case "html": Data(StatementHTML.render(s, language: htmlLanguage).utf8)
      case "xlsx":
        Data(StatementWorkbook.build(s, wording: .of(language), language: language).bytes())
      case "pdf": Data(StatementPDF.render(s, language: htmlLanguage))
      case "invoices": Data(InvoiceExport.csv(s, bom: bom, language: language).utf8)
      case "invoices-xlsx": Data(InvoiceExport.workbook(s, language: language).bytes())
      default: Data(StatementText.render(s, wording: .of(language)).utf8)
      }
    }
  }

  /// The files of a settlement in `format` (every format for `all`) under `out`, named by stem.
  static func files(
    _ format: String, _ out: String?, _ render: @escaping @Sendable (Settlement, String) -> Data
  ) -> SettleUseCase.Outputs {
    { settlement, stem in
      guard let out else { return [] }
      // Under VAT, `all` writes the invoice list too.
      let all =
        ["text", "json", "csv", "html", "xlsx", "pdf"]
        + (settlement.reconciliation.vat != nil ? ["invoices", "invoices-xlsx"] : [])
      // The formats are rendered side by side: each is a function of the settlement alone.
      let formats = format == "all" ? all : [format]
      let rendered = RenderedSlots(formats.count)
      DispatchQueue.concurrentPerform(iterations: formats.count) { i in
        rendered.put(i, render(settlement, formats[i]))
      }
      return formats.indices.map {
        (out + "/" + stem + "." + extensions[formats[$0]]!, rendered[$0])
      }
    }
  }

  typealias Usage = Arguments.UsageError
}

/// Where each format's bytes are left by the thread that rendered it; read after all are done.
/// A buffer allocated once, each thread writing its own slot: no array is mutated from two
/// threads.
final class RenderedSlots: @unchecked Sendable {
  private let slots: UnsafeMutableBufferPointer<Data>
  init(_ count: Int) {
    slots = .allocate(capacity: count)
    slots.initialize(repeating: Data())
  }
  deinit {
    slots.deinitialize()
    slots.deallocate()
  }
  func put(_ i: Int, _ data: Data) { slots[i] = data }
  subscript(i: Int) -> Data { slots[i] }
}
