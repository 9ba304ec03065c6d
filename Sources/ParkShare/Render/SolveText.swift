/// `parkshare solve` as text: the value found (or why there is none), the bracket it closes,
/// and every trial with its figure.
public enum SolveText {
  /// A figure as a negotiator reads it: rates and shares as percentages to two decimals,
  /// amounts to the fen, payback in years. Display only: a value too large to scale is shown
  /// with its exact digits.
  public static func figure(_ kind: GoalSeek.Figure, _ f: Exact?, _ none: String) -> String {
    guard let f else { return none }
    switch kind {
    case .irr, .share:
      return (try? (f * Exact(100)).rounded(scale: 2, .halfEven)).map { "\($0)%" } ?? "\(f)"
    case .payback: return "\(f)"
    case .npv, .received: return Money.text(f, decimals: 2)
    }
  }

  public static func text(_ a: SolveUseCase.Answer, wording w: Wording = .en) -> String {
    let t = w.labels.solve
    let s = a.seek
    func value(_ x: Exact) -> String { a.unit == "%" ? "\(x.grouped)%" : "\(x.grouped) \(a.unit)" }
    func figure(_ f: Exact?) -> String { Self.figure(s.target.figure, f, t.noFigure) }
    let target =
      "\(s.target.figure.rawValue)(\(s.target.party)) = \(figure(s.target.value))"
    var out =
      t.title(a.contract, s.parameter, target, s.trials.count) + "\n"
      + StatementText.variant(a.parameters, w.labels)
    switch s.outcome {
    case .solved:
      let at = s.trials.first { $0.value == s.value }
      out +=
        t.solved(
          s.parameter, value(s.value!),
          "\(s.target.figure.rawValue)(\(s.target.party)) \(figure(at?.figure))") + "\n"
      if let b = s.bracket, b.count == 2 {
        out +=
          "  "
          + t.bracket(
            "\(value(b[0].value)) -> \(figure(b[0].figure))",
            "\(value(b[1].value)) -> \(figure(b[1].figure))") + "\n"
      }
    case .outOfRange:
      out +=
        t.outOfRange(
          value(s.low), value(s.trials.count > 1 ? s.trials[1].value : s.high),
          figure(s.trials.first?.figure), figure(s.trials.count > 1 ? s.trials[1].figure : nil))
        + "\n"
    case .notMonotonic:
      let last = s.trials.suffix(3).map { "\(value($0.value)) -> \(figure($0.figure))" }
      out += t.notMonotonic(s.parameter, last.joined(separator: ", ")) + "\n"
    case .undefined:
      out += t.undefined(s.trials.last.map { value($0.value) } ?? "") + "\n"
    }
    out += "\n\(t.trials)\n"
    var rows: [[String]] = []
    for trial in s.trials { rows.append([value(trial.value), figure(trial.figure)]) }
    return out + StatementText.table(rows, rightAligned: [0, 1], indent: "  ")
  }
}
