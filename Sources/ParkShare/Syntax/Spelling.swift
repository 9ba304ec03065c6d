/// "Did you mean ...?" suggestions by edit distance.
public enum Spelling {
  /// The candidate closest to `word`, if it is close enough to be a likely typo.
  public static func nearest(_ word: String, in candidates: some Sequence<String>) -> String? {
    var best: (String, Int)? = nil
    for c in candidates {
      let d = distance(word, c)
      if d <= max(1, min(word.count, c.count) / 3), best.map({ d < $0.1 }) ?? true { best = (c, d) }
    }
    return best?.0
  }

  static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a.lowercased())
    let b = Array(b.lowercased())
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    // Optimal string alignment: a swap of two neighbours ('spilt' for 'split') costs one.
    var older = Array(0...b.count)
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in 1...b.count {
        current[j] = min(
          previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          current[j] = min(current[j], older[j - 2] + 1)
        }
      }
      older = previous
      previous = current
    }
    return previous[b.count]
  }
}
