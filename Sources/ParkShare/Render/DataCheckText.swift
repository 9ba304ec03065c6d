/// `parkshare data check` as text: a row per meter (what it read, missed, its median, spikes
/// and flat lines); each finding itself is a diagnostic at its row, printed on stderr.
public enum DataCheckText {
  public static func render(_ r: DataCheckUseCase.Report, wording w: Wording = .en) -> String {
    let t = w.labels.dataCheck
    func count(_ n: Int) -> String { Money.text(Exact(n), decimals: 0) }
    let rows = r.meters.map { f in
      [
        f.meter.id, f.meter.kind.rawValue, "\(f.meter.interval)", count(f.read), count(f.missing),
        f.median.grouped, count(f.spikes.count), count(f.flats.count),
      ]
    }
    let flagged = r.meters.filter { $0.missing > 0 || !$0.spikes.isEmpty || !$0.flats.isEmpty }
    return t.title(
      r.directory, "\(r.period)", count(r.meters.count), count(r.rows), count(r.files.count))
      + "\n\n" + StatementText.table([t.header] + rows, rightAligned: [2, 3, 4, 5, 6, 7]) + "\n"
      + (flagged.isEmpty ? t.clean : t.findings(count(flagged.count))) + "\n"
  }
}
