import ScaleDiagnostics
import ScaleModel

/// A checked attribute value, already in base units.
enum Value: Sendable, Equatable {
  case count(Int)
  case real(Double)
  case seconds(Double)
  case fraction(Double)
  case gigabytes(Double)
  case distribution(Distribution)
  /// `low..high` in seconds; `high` nil when one duration was given.
  case secondsRange(Double, Double?)
  case choice(String)
  case reference(String)
  case names([NameRef])
  case flag
  case contention(Contention)
  case keys(KeyPopularity)
}

/// A name as written, with where.
struct NameRef: Sendable, Equatable {
  var name: String
  var range: SourceRange
}

/// One attribute as read: its value and where its key and value were.
struct AttributeValue: Sendable, Equatable {
  var value: Value
  var keyRange: SourceRange
  var valueRange: SourceRange
}

/// The attributes of one statement, by name (first occurrence wins).
struct Attributes: Sendable {
  var values: [String: AttributeValue] = [:]

  subscript(_ name: String) -> AttributeValue? { values[name] }
  func has(_ name: String) -> Bool { values[name] != nil }
  /// Where the attribute was written (key to value), for diagnostics about it.
  func range(_ name: String) -> SourceRange? {
    values[name].map { $0.keyRange.union($0.valueRange) }
  }

  func count(_ name: String) -> Int? {
    if case .count(let v) = values[name]?.value { return v }
    return nil
  }
  func real(_ name: String) -> Double? {
    if case .real(let v) = values[name]?.value { return v }
    return nil
  }
  func seconds(_ name: String) -> Double? {
    if case .seconds(let v) = values[name]?.value { return v }
    return nil
  }
  func fraction(_ name: String) -> Double? {
    if case .fraction(let v) = values[name]?.value { return v }
    return nil
  }
  func gigabytes(_ name: String) -> Double? {
    if case .gigabytes(let v) = values[name]?.value { return v }
    return nil
  }
  func distribution(_ name: String) -> Distribution? {
    if case .distribution(let v) = values[name]?.value { return v }
    return nil
  }
  func secondsRange(_ name: String) -> (Double, Double?)? {
    if case .secondsRange(let low, let high) = values[name]?.value { return (low, high) }
    return nil
  }
  func choice(_ name: String) -> String? {
    if case .choice(let v) = values[name]?.value { return v }
    return nil
  }
  func reference(_ name: String) -> NameRef? {
    if case .reference(let v) = values[name]?.value, let range = values[name]?.valueRange {
      return NameRef(name: v, range: range)
    }
    return nil
  }
  func names(_ name: String) -> [NameRef]? {
    if case .names(let v) = values[name]?.value { return v }
    return nil
  }
  func flag(_ name: String) -> Bool { values[name]?.value == .flag }
  func contention(_ name: String) -> Contention? {
    if case .contention(let v) = values[name]?.value { return v }
    return nil
  }
  func keys(_ name: String) -> KeyPopularity? {
    if case .keys(let v) = values[name]?.value { return v }
    return nil
  }
}
