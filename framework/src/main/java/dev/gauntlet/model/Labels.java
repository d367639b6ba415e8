package dev.gauntlet.model;

import static dev.gauntlet.UserInputException.quote;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Column;
import dev.gauntlet.data.Table;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A label column read as classes: each row's class index and the class names. A numeric label (a
 * 0/1-coded target, say) becomes classes by its values' CSV text ({@code "0"}, {@code "1"}).
 *
 * @param classes the class names present, in sorted order
 * @param y each row's index into {@code classes}
 */
public record Labels(List<String> classes, int[] y) {

  /** Reads a label column; a missing label is a user error, since no class can be learned. */
  public static Labels of(Table table, String column) {
    Column c = table.column(column);
    String[] text = new String[c.size()];
    TreeMap<String, Integer> index = new TreeMap<>(Labels::compareClasses);
    for (int r = 0; r < text.length; r++) {
      if (c.isMissing(r)) {
        throw new UserInputException(
            "label column " + quote(column) + ", row " + (r + 1),
            "a missing label (" + c.missingCount() + " of " + c.size() + " rows)",
            "a class for every training row",
            "drop the rows without a label, or fill them in");
      }
      text[r] = c.format(r);
      index.put(text[r], 0);
    }
    List<String> classes = List.copyOf(index.keySet());
    Map<String, Integer> position = new java.util.HashMap<>();
    for (int i = 0; i < classes.size(); i++) {
      position.put(classes.get(i), i);
    }
    int[] y = new int[text.length];
    for (int r = 0; r < y.length; r++) {
      y[r] = position.get(text[r]);
    }
    return new Labels(classes, y);
  }

  /** Numbers in numeric order, then text in natural order, so "2" sorts before "10". */
  static int compareClasses(String a, String b) {
    boolean na = dev.gauntlet.data.NumberText.isNumber(a);
    boolean nb = dev.gauntlet.data.NumberText.isNumber(b);
    if (na && nb) {
      int byValue =
          Double.compare(
              dev.gauntlet.data.NumberText.parse(a), dev.gauntlet.data.NumberText.parse(b));
      return byValue != 0 ? byValue : a.compareTo(b);
    }
    if (na != nb) {
      return na ? -1 : 1;
    }
    return a.compareTo(b);
  }
}
