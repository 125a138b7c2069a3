package io.backprop.cli.picture;

import io.backprop.train.TrainingResult;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --plot LOSS.png} option of the commands that train: the loss curve, drawn once training ends. */
public final class LossPlotOption {
    @Option(names = "--plot", paramLabel = "LOSS.png", description = "Also draw the loss per epoch as a PNG chart "
            + "(and the validation loss, when there is validation data).")
    Path plot;

    /**
     * Refuses a path the curve could not be written to, and a run that would leave it without a
     * point, before any training is spent on it.
     *
     * @param epochs the epochs the run will train
     * @param lossEvery how many epochs apart the loss will be computed
     * @throws PictureException naming --plot, what was found and what was expected
     */
    public void checkBeforeTraining(int epochs, int lossEvery) {
        if (plot != null) {
            PictureTarget.of("--plot", plot, PictureFormat.PNG);
            if (lossEvery > epochs) {
                throw new PictureException("--plot " + plot + ": no loss to draw, since --loss-every " + lossEvery
                        + " is beyond --epochs " + epochs + "; expected --loss-every at most --epochs");
            }
        }
    }

    /** Draws the curve, and the validation loss's if the run has one, when --plot was given; returns whether it did. */
    public boolean draw(TrainingResult result, String lossName, String backend) {
        if (plot == null) {
            return false;
        }
        LossCurve.write(result.losses(), result.validationLosses(), result.lossEvery(), result.epochs(), lossName,
                backend, plot);
        return true;
    }

    /** The file asked for, or null. */
    public Path path() {
        return plot;
    }
}
