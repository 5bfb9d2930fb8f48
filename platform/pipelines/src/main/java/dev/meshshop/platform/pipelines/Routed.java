package dev.meshshop.platform.pipelines;

import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/**
 * What a cleaning step returns: the elements it passes on, and the events it set aside with their reason.
 * Every cleaning step routes, none filters, so a pipeline can prove that input = output + quarantine.
 */
public final class Routed<T> implements POutput {

    static final TupleTag<Quarantined> QUARANTINE = new TupleTag<>("quarantine") {};

    private final TupleTag<T> outputTag;
    private final PCollection<T> output;
    private final PCollection<Quarantined> quarantined;

    private Routed(TupleTag<T> outputTag, PCollection<T> output, PCollection<Quarantined> quarantined) {
        this.outputTag = outputTag;
        this.output = output;
        this.quarantined = quarantined;
    }

    static <T> Routed<T> of(PCollectionTuple tuple, TupleTag<T> outputTag, org.apache.beam.sdk.coders.Coder<T> coder) {
        return new Routed<>(
                outputTag,
                tuple.get(outputTag).setCoder(coder),
                tuple.get(QUARANTINE).setCoder(Quarantined.Coder.of()));
    }

    /** The elements that passed the step. */
    public PCollection<T> output() {
        return output;
    }

    /** The events the step set aside, each with its rule and reason. */
    public PCollection<Quarantined> quarantined() {
        return quarantined;
    }

    @Override
    public Pipeline getPipeline() {
        return output.getPipeline();
    }

    @Override
    public Map<TupleTag<?>, PValue> expand() {
        return Map.of(outputTag, output, QUARANTINE, quarantined);
    }

    @Override
    public void finishSpecifyingOutput(String transformName, PInput input, PTransform<?, ?> transform) {}
}
