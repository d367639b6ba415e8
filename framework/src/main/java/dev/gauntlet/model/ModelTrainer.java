package dev.gauntlet.model;

import dev.gauntlet.data.Table;

/**
 * Trains a model from a table. Poisoning scenarios need one, since they change the training set and
 * retrain. A trainer knows its label column and settings; the same table and settings give the same
 * model.
 *
 * @param <M> the model type, such as {@link Classifier} or {@link Regressor}
 */
@FunctionalInterface
public interface ModelTrainer<M> {

  M fit(Table train);
}
