import ScaleModel

/// The words completion can offer, from the language's schema and the script so far.
/// Kept as plain data so completion is testable without a front end; the REPL and the
/// language server both build it with ``language(componentNames:)``.
public struct CompletionVocabulary: Sendable, Equatable {
  /// Statement keywords (`server`, `balancer`, …).
  public var keywords: [String]
  /// Attribute names and fixed words each statement accepts after its keyword.
  public var attributes: [String: [String]]
  /// Actions that can follow `at TIME`, or be typed alone to apply now (`fail`, `recover`, …).
  public var eventActions: [String]
  /// Metrics of `expect`.
  public var metrics: [String]
  /// Statements whose first word after the keyword names a component
  /// (`health-check lb`, `shard orders`, `autoscale web`).
  public var referencingKeywords: Set<String>
  /// Statements whose first word after the keyword is the new component's name
  /// (`server web-1`): nothing to complete there.
  public var namingKeywords: Set<String>
  /// Attributes whose value is a component name or a list of them (`to`, `on`).
  public var referencingAttributes: Set<String>
  /// Words an attribute's value may be (`hashing` → `modulo`, `consistent`, `jump`).
  public var valueChoices: [String: [String]]
  /// Attributes that take no value (`no-failover`).
  public var flags: Set<String>
  /// Components defined so far, in declaration order.
  public var componentNames: [String]
  /// Routes defined so far (`expect route NAME`).
  public var routeNames: [String]
  /// Zones the components defined so far are in (`fail zone NAME`).
  public var zoneNames: [String]

  public init(
    keywords: [String], attributes: [String: [String]], eventActions: [String],
    metrics: [String], referencingKeywords: Set<String>, namingKeywords: Set<String> = [],
    referencingAttributes: Set<String>,
    valueChoices: [String: [String]] = [:], flags: Set<String> = [], componentNames: [String],
    routeNames: [String] = [], zoneNames: [String] = []
  ) {
    self.keywords = keywords
    self.attributes = attributes
    self.eventActions = eventActions
    self.metrics = metrics
    self.referencingKeywords = referencingKeywords
    self.namingKeywords = namingKeywords
    self.referencingAttributes = referencingAttributes
    self.valueChoices = valueChoices
    self.flags = flags
    self.componentNames = componentNames
    self.routeNames = routeNames
    self.zoneNames = zoneNames
  }

  /// The language's vocabulary (from ``StatementSchema``) with the given components.
  public static func language(componentNames: [String]) -> CompletionVocabulary {
    let keywords = StatementSchema.statementKeywords
    var attributes: [String: [String]] = [:]
    for keyword in keywords { attributes[keyword] = StatementSchema.attributes(of: keyword) }
    var choices: [String: [String]] = [:]
    var flags: Set<String> = []
    var referencing: Set<String> = []
    for spec in StatementSchema.specs {
      for attribute in spec.attributes {
        switch attribute.kind {
        case .choice(let words): choices[attribute.name] = words
        case .flag: flags.insert(attribute.name)
        case .reference, .names: referencing.insert(attribute.name)
        default: break
        }
      }
    }
    return CompletionVocabulary(
      keywords: keywords, attributes: attributes, eventActions: StatementSchema.eventActions,
      metrics: StatementSchema.metrics, referencingKeywords: StatementSchema.referencingKeywords,
      namingKeywords: StatementSchema.namingKeywords, referencingAttributes: referencing,
      valueChoices: choices, flags: flags, componentNames: componentNames)
  }
}
