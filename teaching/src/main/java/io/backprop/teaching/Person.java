package io.backprop.teaching;

/**
 * One person of the article's example: as measured, in pounds and inches, and whether female.
 *
 * <p>The network never sees the measurements themselves but {@link #features()}: weight less
 * {@link Article#WEIGHT_SHIFT_LB} and height less {@link Article#HEIGHT_SHIFT_IN}.
 *
 * @param name the article's name for the person, such as {@code Alice}
 * @param weightLb the weight in pounds
 * @param heightIn the height in inches
 * @param female whether the person is female: the target 1 for the four people the network learns
 *     from, and what the trained network should say for the two newcomers
 */
public record Person(String name, double weightLb, double heightIn, boolean female) {
    /** The two features the network takes: {@code [weight − 135, height − 66]}. */
    public double[] features() {
        return new double[] {weightLb - Article.WEIGHT_SHIFT_LB, heightIn - Article.HEIGHT_SHIFT_IN};
    }

    /** The measurements as taken: {@code [weight in lb, height in in]}. */
    public double[] measured() {
        return new double[] {weightLb, heightIn};
    }

    /** The target: 1 for female, 0 for male. */
    public double target() {
        return female ? 1 : 0;
    }
}
