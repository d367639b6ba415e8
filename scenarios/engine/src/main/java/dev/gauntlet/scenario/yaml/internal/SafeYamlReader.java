package dev.gauntlet.scenario.yaml.internal;

import static dev.gauntlet.UserInputException.quote;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.gauntlet.UserInputException;
import dev.gauntlet.scenario.yaml.SourcePosition;
import dev.gauntlet.scenario.yaml.YamlDocument;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a YAML file into a JSON tree with positions, refusing what a scenario never needs and an
 * attacker might use: type tags (any {@code !tag}, so never a Java object), more than one document,
 * duplicate keys, and files past the {@link YamlLimits}. Jackson's YAML parser gives the events;
 * this class builds the tree itself to record positions, expand aliases under a budget and check
 * depth as it goes.
 */
public final class SafeYamlReader {
  private static final String YAML_TAG_PREFIX = "tag:yaml.org,2002:";

  private final YamlLimits limits;
  private final YAMLFactory factory;

  public SafeYamlReader(YamlLimits limits) {
    this.limits = limits;
    LoaderOptions options = new LoaderOptions();
    // SnakeYAML's own limits, a second line behind the checks below (some apply only to its
    // composer, which Jackson does not use)
    options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxBytes()));
    options.setNestingDepthLimit(limits.maxDepth() + 1);
    options.setMaxAliasesForCollections(limits.maxAliases());
    options.setAllowDuplicateKeys(false);
    options.setAllowRecursiveKeys(false);
    options.setTagInspector(tag -> false);
    this.factory =
        YAMLFactory.builder()
            .loaderOptions(options)
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(limits.maxDepth() + 1)
                    .maxDocumentLength(limits.maxBytes())
                    .build())
            // `key:` with nothing after it is null, as YAML says, not an empty text
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            // duplicates are found while building the tree, with both positions
            .disable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
  }

  /**
   * Reads a file.
   *
   * @param file the file
   * @param shownAs the file's name as messages show it (as the user wrote it)
   */
  public YamlDocument read(Path file, String shownAs) {
    if (Files.isDirectory(file)) {
      throw new UserInputException(
          shownAs,
          "a folder",
          "a scenario file (YAML)",
          "name a .yaml file inside the folder" + yamlFilesIn(file));
    }
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      // a device or a pipe: /dev/zero would be read for ever
      throw new UserInputException(
          shownAs,
          "a special file (a device or a pipe)",
          "a scenario file (YAML)",
          "name a regular .yaml file");
    }
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > limits.maxBytes()) {
        throw tooLarge(shownAs, size + " bytes");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new UserInputException(
          shownAs,
          "no file at this path",
          "a scenario file (YAML)",
          "check the name; a relative path starts in the current folder");
    } catch (IOException e) {
      throw new UserInputException(
          shownAs,
          "a file that cannot be read: " + e.getMessage(),
          "a readable scenario file (YAML)",
          "check the file's permissions");
    }
    return read(bytes, shownAs);
  }

  /** Reads the bytes of a file (UTF-8, a BOM allowed). */
  public YamlDocument read(byte[] bytes, String shownAs) {
    if (bytes.length > limits.maxBytes()) {
      throw tooLarge(shownAs, bytes.length + " bytes");
    }
    if (bytes.length == 0) {
      throw empty(shownAs, "an empty file");
    }
    return parse(text(bytes, shownAs), shownAs);
  }

  /** Reads YAML text (for tests and for scenarios that do not come from a file). */
  public YamlDocument parse(String text, String shownAs) {
    if (text.length() > limits.maxBytes()) {
      throw tooLarge(shownAs, text.length() + " characters");
    }
    if (text.isBlank()) {
      throw empty(shownAs, text.isEmpty() ? "an empty file" : "a file of blank lines only");
    }
    Builder builder = new Builder(text, shownAs);
    try (JsonParser parser = factory.createParser(text)) {
      builder.parser = (YAMLParser) parser;
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw empty(shownAs, "no YAML content, only comments");
      }
      JsonNode root = builder.value(new ArrayList<>(), 1);
      if (parser.nextToken() != null) {
        throw new UserInputException(
            builder.where(parser.currentTokenLocation(), List.of()),
            "a second YAML document",
            "one document (one scenario) per file",
            "remove the --- line and what follows it, or move that scenario into its own file");
      }
      return new YamlDocument(shownAs, text, root, builder.valueOffsets, builder.keyOffsets);
    } catch (StreamConstraintsException e) {
      // Jackson's own limits, behind the checks of Builder; reached only if those miss a case
      throw new UserInputException(
          shownAs,
          "a document past the reader's limits: " + e.getOriginalMessage(),
          limitsText(),
          "write the scenario with less nesting and fewer values");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw syntaxError(e, builder);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // reading a String does no I/O
    }
  }

  private String limitsText() {
    return "at most "
        + limits.maxDepth()
        + " levels of nesting, "
        + limits.maxAliases()
        + " aliases and "
        + limits.maxValues()
        + " values";
  }

  private UserInputException syntaxError(
      com.fasterxml.jackson.core.JsonProcessingException e, Builder builder) {
    MarkedYAMLException marked = e.getCause() instanceof MarkedYAMLException m ? m : null;
    if (marked != null && marked.getProblemMark() != null) {
      var mark = marked.getProblemMark();
      SourcePosition at =
          new SourcePosition(builder.file, mark.getLine() + 1, mark.getColumn() + 1);
      String context = marked.getContext();
      return new UserInputException(
          at.toString(),
          oneLine(marked.getProblem()) + (context == null ? "" : " (" + oneLine(context) + ")"),
          "valid YAML",
          "check the indentation and quoting on this line and the one before it; a text that holds"
              + " \": \", \" #\" or starts with one of [ ] { } & * ! | > ' \" % @ needs quotes");
    }
    JsonLocation location = e.getLocation();
    if (String.valueOf(e.getOriginalMessage()).startsWith("Expected a field name")) {
      return new UserInputException(
          location == null ? builder.file : builder.where(location, List.of()),
          "a key that is a list or a mapping",
          "keys that are text",
          "write the key as a name, such as `columns:`");
    }
    return new UserInputException(
        location == null ? builder.file : builder.where(location, List.of()),
        oneLine(e.getOriginalMessage()),
        "valid YAML",
        "check the indentation and quoting on this line and the one before it");
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  private UserInputException tooLarge(String shownAs, String size) {
    return new UserInputException(
        shownAs,
        "a file of " + size,
        "at most " + limits.maxBytes() + " bytes for a scenario",
        "keep the rows in a CSV or world file that the scenario names, not in the scenario");
  }

  private static UserInputException empty(String shownAs, String found) {
    return new UserInputException(
        shownAs,
        found,
        "a scenario: a YAML mapping of keys such as data, model, variants",
        "start from one of examples/scenarios/*.yaml, or see `gauntlet schema` for every key");
  }

  /** UTF-8 text, or a user error for a file that is not text. */
  private static String text(byte[] bytes, String shownAs) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        throw binary(shownAs, "a binary file (a NUL byte at offset " + i + ")");
      }
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    String text;
    try {
      text = decoder.decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw binary(shownAs, "bytes that are not UTF-8 text");
    }
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static UserInputException binary(String shownAs, String found) {
    return new UserInputException(
        shownAs,
        found,
        "a scenario file: YAML text in UTF-8",
        "name the scenario's .yaml file here; data files are named inside it, under data");
  }

  private static String yamlFilesIn(Path folder) {
    try (var files = Files.list(folder)) {
      List<String> names =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".yaml") || n.endsWith(".yml"))
              .sorted()
              .limit(5)
              .toList();
      return names.isEmpty() ? " (it holds none)" : " (it holds " + String.join(", ", names) + ")";
    } catch (IOException e) {
      return "";
    }
  }

  /** Builds the tree from the parser's tokens, recording where each value and key starts. */
  private final class Builder {
    final String text;
    final String file;
    YAMLParser parser;
    final Map<List<Object>, Integer> valueOffsets = new HashMap<>();
    final Map<List<Object>, Integer> keyOffsets = new HashMap<>();
    final Map<String, JsonNode> anchors = new HashMap<>();
    final Map<String, Integer> anchorSizes = new HashMap<>();
    int aliases;
    int values;
    // SnakeYAML counts offsets in code points, Java strings in UTF-16 units: convert
    // incrementally, since tokens come in order
    long lastCodePoint;
    int lastChar;

    Builder(String text, String file) {
      this.text = text;
      this.file = file;
    }

    /** The value whose first token is the parser's current token. */
    JsonNode value(List<Object> path, int depth) throws IOException {
      JsonToken token = parser.currentToken();
      int offset = charOffset(parser.currentTokenLocation());
      rejectTag(path);
      String anchor = parser.getCurrentAnchor();
      JsonNode node;
      if (token == JsonToken.VALUE_STRING && parser.isCurrentAlias()) {
        node = alias(parser.getText(), path);
      } else {
        node = plain(token, path, depth);
      }
      valueOffsets.put(List.copyOf(path), offset);
      if (anchor != null) {
        anchors.put(anchor, node);
        anchorSizes.put(anchor, size(node));
      }
      return node;
    }

    private JsonNode plain(JsonToken token, List<Object> path, int depth) throws IOException {
      countValues(1, path);
      JsonNodeFactory nodes = JsonNodeFactory.instance;
      switch (token) {
        case START_OBJECT -> {
          checkDepth(depth, path);
          ObjectNode object = nodes.objectNode();
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int keyOffset = charOffset(parser.currentTokenLocation());
            path.add(key);
            List<Object> keyPath = List.copyOf(path);
            if (object.has(key)) {
              int first = keyOffsets.get(keyPath);
              throw new UserInputException(
                  where(keyOffset, path),
                  "the key " + quote(key) + " a second time (first on line " + line(first) + ")",
                  "each key once in a mapping",
                  "remove one of the two, or merge their values");
            }
            keyOffsets.put(keyPath, keyOffset);
            parser.nextToken();
            object.set(key, value(path, depth + 1));
            path.remove(path.size() - 1);
          }
          return object;
        }
        case START_ARRAY -> {
          checkDepth(depth, path);
          ArrayNode array = nodes.arrayNode();
          int index = 0;
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            path.add(index++);
            array.add(value(path, depth + 1));
            path.remove(path.size() - 1);
          }
          return array;
        }
        case VALUE_STRING -> {
          return nodes.textNode(parser.getText());
        }
        case VALUE_NUMBER_INT -> {
          return switch (parser.getNumberType()) {
            case INT -> nodes.numberNode(parser.getIntValue());
            case LONG -> nodes.numberNode(parser.getLongValue());
            default -> nodes.numberNode(parser.getBigIntegerValue());
          };
        }
        case VALUE_NUMBER_FLOAT -> {
          return nodes.numberNode(parser.getDoubleValue());
        }
        case VALUE_TRUE, VALUE_FALSE -> {
          return nodes.booleanNode(token == JsonToken.VALUE_TRUE);
        }
        case VALUE_NULL -> {
          return nodes.nullNode();
        }
        default -> {
          // embedded objects (!!binary) come with a tag and are refused before this
          throw new IllegalStateException("unexpected YAML token " + token);
        }
      }
    }

    private JsonNode alias(String name, List<Object> path) {
      JsonNode target = anchors.get(name);
      int offset = charOffset(parser.currentTokenLocation());
      if (target == null && scalarAnchor(name, offset)) {
        // Jackson's YAML parser does not report anchors on single values, only on mappings
        // and lists, so such an alias cannot be expanded
        throw new UserInputException(
            where(offset, path),
            "the alias *"
                + name
                + " of a single value (&"
                + name
                + " stands before a text or a"
                + " number)",
            "aliases of mappings and lists only",
            "write the value itself here instead of *" + name);
      }
      if (target == null) {
        throw new UserInputException(
            where(offset, path),
            "the alias *" + name + " with no anchor &" + name + " before it",
            "an alias of a value anchored earlier in the file",
            "write &" + name + " before the value to share, or write the value here");
      }
      if (++aliases > limits.maxAliases()) {
        throw new UserInputException(
            where(offset, path),
            "more than " + limits.maxAliases() + " aliases",
            "at most " + limits.maxAliases() + " aliases (*name) in one scenario file",
            "write the shared values out, or share fewer of them");
      }
      countValues(anchorSizes.get(name), path);
      return target.deepCopy();
    }

    /** Whether {@code &name} stands in the text before {@code offset} (on a single value). */
    private boolean scalarAnchor(String name, int offset) {
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile(
                  "&" + java.util.regex.Pattern.quote(name) + "(?=[\\s,\\]}])")
              .matcher(text);
      return m.find() && m.start() < offset;
    }

    private void countValues(int more, List<Object> path) {
      values += more;
      if (values > limits.maxValues()) {
        throw new UserInputException(
            where(charOffset(parser.currentTokenLocation()), path),
            "more than "
                + limits.maxValues()
                + " values"
                + (aliases > 0 ? " once the aliases are expanded" : ""),
            "at most " + limits.maxValues() + " values in one scenario",
            aliases > 0
                ? "share fewer values through aliases (&name, *name)"
                : "keep the rows in a CSV or world file that the scenario names");
      }
    }

    private void checkDepth(int depth, List<Object> path) {
      if (depth > limits.maxDepth()) {
        throw new UserInputException(
            where(charOffset(parser.currentTokenLocation()), path),
            "mappings and lists nested " + depth + " levels deep",
            "at most " + limits.maxDepth() + " levels of nesting",
            "a scenario needs a few levels: check the indentation and the brackets");
      }
    }

    private void rejectTag(List<Object> path) throws IOException {
      String tag = parser.getTypeId();
      if (tag == null) {
        return;
      }
      String written =
          tag.startsWith(YAML_TAG_PREFIX)
              ? "!!" + tag.substring(YAML_TAG_PREFIX.length())
              : "!" + tag;
      throw new UserInputException(
          where(charOffset(parser.currentTokenLocation()), path),
          "the YAML tag " + written,
          "plain values: a scenario file takes no type tags (it never creates Java objects)",
          "remove the tag; write the value alone");
    }

    private int size(JsonNode node) {
      int n = 1;
      for (JsonNode child : node) {
        n += size(child);
      }
      return n;
    }

    int charOffset(JsonLocation location) {
      long target = location.getCharOffset();
      if (target < lastCodePoint) {
        lastCodePoint = 0;
        lastChar = 0;
      }
      while (lastCodePoint < target && lastChar < text.length()) {
        lastChar += Character.charCount(text.codePointAt(lastChar));
        lastCodePoint++;
      }
      return lastChar;
    }

    private int line(int offset) {
      return positions().positionAt(offset).line();
    }

    private YamlDocument positions() {
      return new YamlDocument(file, text, JsonNodeFactory.instance.nullNode(), Map.of(), Map.of());
    }

    String where(JsonLocation location, List<Object> path) {
      return where(charOffset(location), path);
    }

    String where(int offset, List<Object> path) {
      return YamlDocument.where(positions().positionAt(offset), path);
    }
  }
}
