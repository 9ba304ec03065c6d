/// `parkshare prove` as text: the ranges searched, then each promise with its line: held in
/// every case, or broken, with the smallest counterexample, what the promise finds there, and
/// the bundle that reproduces it.
public enum ProveText {
  public static func text(_ p: Proof, wording w: Wording = .en) -> String {
    let t = w.labels.prove
    func money(_ x: Exact) -> String { Money.text(x, decimals: p.decimals) }
    var out =
      t.title(p.contract, p.results.count, p.run.grouped, "\(p.period)", "\(p.seed)") + "\n"
      + StatementText.variant(p.parameters, w.labels)
    out += "\n\(t.ranges)\n"
    out += StatementText.table(
      p.dimensions.map {
        [
          $0.name,
          t.range(
            $0.low.grouped, $0.high.grouped + ($0.unit.isEmpty ? "" : " " + $0.unit),
            $0.kind == .factor, $0.base.grouped),
        ]
      }, rightAligned: [], indent: "  ")
    for r in p.results {
      let a = r.assertion
      let subject = t.subject(a.subject, a.pool)
      out += "\n\(t.line) \(a.clause.start.line)  \(promise(a, t, money))\n"
      guard let c = r.counterexample else {
        out += "  " + t.held(r.held.grouped) + "\n"
        continue
      }
      out +=
        "  " + t.broken("\(c.foundAt)", p.run.grouped, r.held.grouped, "\(c.shrinkSteps)") + "\n"
      var rows: [[String]] = []
      for (i, d) in p.dimensions.enumerated() {
        let moved = c.found[i] != c.values[i] ? "(\(t.found) \(c.found[i].grouped))" : ""
        rows.append([d.name, "=", c.values[i].grouped, moved])
      }
      out += StatementText.table(rows, rightAligned: [2], indent: "    ")
      switch a.check {
      case .bound(let op, let bound):
        out +=
          "  "
          + t.amount(
            subject, money(c.verdict.amount), op.rawValue,
            c.verdict.bound.map { exact($0, p.decimals) } ?? boundText(bound, t, money)) + "\n"
      case .monotone(let direction, let input):
        let at = p.dimensions.firstIndex { $0.name == "input:" + input }
        out +=
          "  "
          + t.moved(
            subject, input, at.map { c.values[$0].grouped } ?? "", money(c.verdict.amount),
            c.raised?.grouped ?? "", c.raisedAmount.map(money) ?? "", direction == .falls) + "\n"
      }
      if let folder = c.bundle {
        out += "  " + t.bundle(folder + (c.raisedBundle.map { ", " + $0 } ?? "")) + "\n"
        // The parameters set for the run are part of what reproduces it.
        let sets = (p.parameters ?? []).map { " --set " + quoted("\($0.name)=\($0.value)") }
          .joined()
        let command = ([folder] + (c.raisedBundle.map { [$0] } ?? [])).map {
          "parkshare settle \(quoted(p.file)) --data \(quoted($0)) --period \(p.period)\(sets)"
        }.joined(separator: "; ")
        out += "  " + (c.reproduced == true ? t.reproduced(command) : t.notReproduced) + "\n"
      } else {
        out += "  " + t.writeIt + "\n"
      }
    }
    if let u = p.unsettled {
      out += "\n" + t.unsettled(u.count.grouped, p.run.grouped, "\(u.firstAt)") + "\n"
      out += StatementText.table(
        p.dimensions.indices.map { [p.dimensions[$0].name, "=", u.values[$0].grouped] },
        rightAligned: [2], indent: "    ")
      let at = u.clause.map { " (\($0.file):\($0.start.line))" } ?? ""
      out += "  \(t.because): \(u.message)\(at)\n"
    }
    let broken = p.results.filter { $0.counterexample != nil }.count
    return out + "\n"
      + t.summary(p.results.count - broken, broken, p.unsettled.map { ($0.count, p.run) }) + "\n"
  }

  /// A bound as it is: to the minor unit when it has no more digits, else to four places more
  /// (a share of a pool: "30.0260", so a fen over it does not read as equal).
  static func exact(_ x: Exact, _ decimals: Int) -> String {
    let t = x.trimmed
    return t.scale <= decimals ? Money.text(x, decimals: decimals) : t.grouped(places: decimals + 4)
  }

  /// A word of a shell command, quoted when it holds anything but plain path characters.
  static func quoted(_ word: String) -> String {
    let plain = word.allSatisfy { $0.isLetter || $0.isNumber || "/._-=%+:".contains($0) }
    return plain ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }

  /// The promise in words, from its typed form.
  static func promise(_ a: Assertion, _ t: ProveLabels, _ money: (Exact) -> String) -> String {
    let subject = t.subject(a.subject, a.pool)
    switch a.check {
    case .bound(let op, let bound): return t.bound(subject, op.rawValue, boundText(bound, t, money))
    case .monotone(let d, let input): return t.monotone(subject, d == .falls, input)
    }
  }

  static func boundText(_ b: Assertion.Bound, _ t: ProveLabels, _ money: (Exact) -> String)
    -> String
  {
    switch b {
    case .amount(let x): money(x)
    case .share(let s, let pool): t.share(s.percentText, pool)
    }
  }
}
