package dev.gauntlet.model;

import dev.gauntlet.data.Table;
import java.util.List;

/** A model that assigns each row a probability per class. */
public interface Classifier {

  /** The class labels, in the order of the probability columns. */
  List<String> classes();

  /**
   * Probabilities per row and class. The table must hold the columns the model was trained on
   * (other columns are ignored).
   */
  ClassProbabilities predictProba(Table table);

  /** The most probable class label of each row. */
  default String[] predict(Table table) {
    ClassProbabilities p = predictProba(table);
    String[] out = new String[p.rows()];
    List<String> classes = classes();
    for (int r = 0; r < out.length; r++) {
      out[r] = classes.get(p.argmax(r));
    }
    return out;
  }
}
