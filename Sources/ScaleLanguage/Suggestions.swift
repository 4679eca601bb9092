/// "Did you mean …?": the closest word to a misspelling, by edit distance.
///
/// The distance is the optimal-string-alignment variant of Damerau–Levenshtein: insertions,
/// deletions, substitutions and transpositions of two adjacent characters each cost 1, so
/// `wieghted` is one edit from `weighted`. A suggestion is offered only when it is close
/// enough to be a plausible typo: at most 1 edit for words of up to 3 characters, 2 for up
/// to 6, and 3 beyond, and never more than the word's own length minus one.
public enum Suggestions {
  /// The optimal-string-alignment distance between two strings, over their characters.
  public static func distance(_ a: String, _ b: String) -> Int {
    let s = Array(a)
    let t = Array(b)
    if s.isEmpty { return t.count }
    if t.isEmpty { return s.count }
    // Three rolling rows: two back (for transpositions), previous and current.
    var twoBack = [Int](repeating: 0, count: t.count + 1)
    var previous = Array(0...t.count)
    var current = [Int](repeating: 0, count: t.count + 1)
    for i in 1...s.count {
      current[0] = i
      for j in 1...t.count {
        let cost = s[i - 1] == t[j - 1] ? 0 : 1
        var best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, s[i - 1] == t[j - 2], s[i - 2] == t[j - 1] {
          best = min(best, twoBack[j - 2] + 1)
        }
        current[j] = best
      }
      twoBack = previous
      previous = current
    }
    return previous[t.count]
  }

  /// The largest distance accepted as a typo of `word`.
  static func threshold(for word: String) -> Int {
    let length = word.count
    let byLength = length <= 3 ? 1 : (length <= 6 ? 2 : 3)
    return max(0, min(byLength, length - 1))
  }

  /// The candidate closest to `word` within the typo threshold; ties go to the earlier
  /// candidate in sorted order, so the answer never depends on the candidates' order.
  /// A candidate equal to `word` is ignored (it would not be a correction).
  public static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
    let limit = threshold(for: word)
    guard limit > 0 else { return nil }
    var best: (name: String, distance: Int)?
    let lowered = word.lowercased()
    let length = word.count
    for candidate in candidates where candidate != word {
      // Lengths further apart than the limit cannot be within it: skip the full distance.
      guard abs(candidate.count - length) <= limit else { continue }
      // Case-only differences (`Weighted`) count as one edit.
      let d =
        candidate.lowercased() == lowered
        ? 1 : distance(lowered, candidate.lowercased())
      guard d <= limit else { continue }
      if let current = best {
        if d < current.distance || (d == current.distance && candidate < current.name) {
          best = (candidate, d)
        }
      } else {
        best = (candidate, d)
      }
    }
    return best?.name
  }

  /// `did you mean `x`?` for the closest candidate, or nil.
  public static func didYouMean(_ word: String, among candidates: some Sequence<String>) -> String?
  {
    closest(to: word, among: candidates).map { "did you mean `\($0)`?" }
  }
}
