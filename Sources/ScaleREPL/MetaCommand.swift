/// A REPL command that is not a statement of the language. Meta-commands start with `.`
/// (as in sqlite3), so they can never be mistaken for a statement: no keyword starts with `.`.
public enum MetaCommand: Sendable, Equatable {
  case help
  /// The script so far, formatted.
  case show
  /// The component graph of the topology so far.
  case graph
  /// The live simulation now: components, utilisation, queues, health, recent events.
  case status
  /// Advance simulated time by this many seconds.
  case step(seconds: Double)
  /// Run to the end of the scenario's duration and show the report.
  case run
  /// Drop the simulation (back to time 0); the script stays.
  case reset
  /// Forget the whole script and the simulation.
  case clear
  /// Remove the last accepted statement.
  case undo
  /// Write the script so far, formatted, to a file.
  case save(path: String)
  /// Append a file's statements to the script.
  case load(path: String)
  case quit

  /// One line of `.help`: the spelling, its argument and what it does.
  public struct Info: Sendable, Equatable {
    public var name: String
    public var argument: String?
    public var summary: String
    /// Whether the argument is a file path (completion offers paths).
    public var takesPath: Bool
  }

  /// Every meta-command, in the order `.help` lists them.
  public static let all: [Info] = [
    Info(name: ".help", argument: nil, summary: "list these commands", takesPath: false),
    Info(
      name: ".show", argument: nil, summary: "print the script so far, formatted", takesPath: false),
    Info(name: ".graph", argument: nil, summary: "draw the component graph", takesPath: false),
    Info(
      name: ".status", argument: nil,
      summary: "the simulation now: components, utilisation, queues, health, recent events",
      takesPath: false),
    Info(
      name: ".step", argument: "DURATION",
      summary: "advance simulated time (`.step 10s`); starts the simulation", takesPath: false),
    Info(
      name: ".run", argument: nil, summary: "run to the end and print the report", takesPath: false),
    Info(
      name: ".reset", argument: nil, summary: "restart the simulation at 0s (the script stays)",
      takesPath: false),
    Info(
      name: ".clear", argument: nil, summary: "forget the script and the simulation",
      takesPath: false),
    Info(name: ".undo", argument: nil, summary: "remove the last statement", takesPath: false),
    Info(
      name: ".save", argument: "FILE",
      summary: "write the script so far as a formatted .scale file",
      takesPath: true),
    Info(
      name: ".load", argument: "FILE", summary: "add the statements of a .scale file",
      takesPath: true),
    Info(name: ".quit", argument: nil, summary: "leave (Ctrl-D does the same)", takesPath: false),
  ]

  /// Why a line starting with `.` is not a meta-command.
  public enum ParseError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknown(String, suggestion: String?)
    case missingArgument(command: String, argument: String)
    case unexpectedArgument(command: String)
    case badDuration(String)

    public var description: String {
      switch self {
      case .unknown(let name, let suggestion):
        let help = suggestion.map { " (did you mean `\($0)`?)" } ?? ""
        return "unknown command `\(name)`\(help); `.help` lists the commands"
      case .missingArgument(let command, let argument):
        return "`\(command)` needs \(argument): `\(command) \(argument)`"
      case .unexpectedArgument(let command):
        return "`\(command)` takes no argument"
      case .badDuration(let text):
        return "`\(text)` is not a duration; write e.g. `10s`, `500ms`, `2min`"
      }
    }
  }

  /// Whether a line is meant as a meta-command (its first non-blank character is `.`).
  public static func isMetaCommand(_ line: String) -> Bool {
    line.drop { $0 == " " || $0 == "\t" }.first == "."
  }

  /// Parses `.name [argument]`. `.exit` is accepted for `.quit`.
  public static func parse(_ line: String) -> Result<MetaCommand, ParseError> {
    let trimmed = line.trimmingSpaces()
    let name: String
    let argument: String
    if let space = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }) {
      name = String(trimmed[..<space])
      argument = String(trimmed[space...]).trimmingSpaces()
    } else {
      name = trimmed
      argument = ""
    }
    func noArgument(_ command: MetaCommand) -> Result<MetaCommand, ParseError> {
      argument.isEmpty ? .success(command) : .failure(.unexpectedArgument(command: name))
    }
    switch name {
    case ".help": return noArgument(.help)
    case ".show": return noArgument(.show)
    case ".graph": return noArgument(.graph)
    case ".status": return noArgument(.status)
    case ".run": return noArgument(.run)
    case ".reset": return noArgument(.reset)
    case ".clear": return noArgument(.clear)
    case ".undo": return noArgument(.undo)
    case ".quit", ".exit": return noArgument(.quit)
    case ".step":
      guard !argument.isEmpty else {
        return .failure(.missingArgument(command: name, argument: "DURATION"))
      }
      guard let seconds = DurationArgument.seconds(argument) else {
        return .failure(.badDuration(argument))
      }
      return .success(.step(seconds: seconds))
    case ".save", ".load":
      guard !argument.isEmpty else {
        return .failure(.missingArgument(command: name, argument: "FILE"))
      }
      return .success(name == ".save" ? .save(path: argument) : .load(path: argument))
    default:
      let names = all.map(\.name)
      let suggestion =
        names.first { $0.hasPrefix(name) && name.count > 1 }
        ?? names.min { editDistance($0, name) < editDistance($1, name) }
        .flatMap { editDistance($0, name) <= 2 ? $0 : nil }
      return .failure(.unknown(name, suggestion: suggestion))
    }
  }
}

/// Levenshtein distance over characters (names are short).
func editDistance(_ a: String, _ b: String) -> Int {
  let left = Array(a)
  let right = Array(b)
  guard !left.isEmpty else { return right.count }
  guard !right.isEmpty else { return left.count }
  var previous = Array(0...right.count)
  var current = [Int](repeating: 0, count: right.count + 1)
  for i in 1...left.count {
    current[0] = i
    for j in 1...right.count {
      let cost = left[i - 1] == right[j - 1] ? 0 : 1
      current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
    }
    swap(&previous, &current)
  }
  return previous[right.count]
}

extension String {
  /// Without leading and trailing spaces and tabs.
  func trimmingSpaces() -> String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
    guard let first = firstIndex(where: { !isSpace($0) }),
      let last = lastIndex(where: { !isSpace($0) })
    else { return "" }
    return String(self[first...last])
  }
}
