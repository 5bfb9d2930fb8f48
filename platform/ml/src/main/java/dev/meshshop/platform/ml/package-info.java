/**
 * Models as data products, for any domain. A producing domain encodes its rows as named numbers ({@link
 * dev.meshshop.platform.ml.Example}), trains a linear regression ({@link dev.meshshop.platform.ml.RegressionTrainer}),
 * measures it against a naive baseline on held-out rows ({@link dev.meshshop.platform.ml.RegressionMetrics}, {@link
 * dev.meshshop.platform.ml.GroupMeanBaseline}) and publishes the ONNX file with a {@link
 * dev.meshshop.platform.ml.ModelCard}. A consuming domain reads the card's feature order and scores its rows with
 * {@link dev.meshshop.platform.ml.OnnxScorer}, without Tribuo.
 */
package dev.meshshop.platform.ml;
